"""C08: `await` outside an `async def` is a syntax error.

Notes 001 and 003 both state this rule. We compile small sources and report
what the compiler says, including the one place where a top-level `await`
is accepted: code compiled with the flag that asyncio's own REPL
(`python -m asyncio`) uses.
"""

import ast
import asyncio

SOURCES = {
    "module level": "await asyncio.sleep(0)\n",
    "inside a plain def": "def f():\n    await asyncio.sleep(0)\n",
    "inside a lambda in an async def": "async def f():\n    g = lambda: await asyncio.sleep(0)\n",
    "inside an async def": "async def f():\n    await asyncio.sleep(0)\n",
}


def try_compile(source, flags=0):
    try:
        compile(source, "<snippet>", "exec", flags=flags)
        return "compiles"
    except SyntaxError as exc:
        return f"SyntaxError: {exc.msg}"


results = {where: try_compile(source) for where, source in SOURCES.items()}
for where, outcome in results.items():
    print(f"{where}: {outcome}")

assert results["module level"].startswith("SyntaxError")
assert results["inside a plain def"].startswith("SyntaxError")
assert results["inside a lambda in an async def"].startswith("SyntaxError")
assert results["inside an async def"] == "compiles"

# The exception to the rule: top-level await, allowed by a compile flag.
flag = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
code = compile("await asyncio.sleep(0, result='top-level await ran')\n", "<repl>", "eval", flags=flag)
outcome = asyncio.run(eval(code, {"asyncio": asyncio}))
print(f"module level with PyCF_ALLOW_TOP_LEVEL_AWAIT: compiles; running it gives {outcome!r}")
assert outcome == "top-level await ran"

print("verdict: true-but - await needs an enclosing async def; the one exception "
      "is code compiled with PyCF_ALLOW_TOP_LEVEL_AWAIT, as asyncio's REPL does")
