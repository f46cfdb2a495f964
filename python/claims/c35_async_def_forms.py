"""C35: `async def` makes either a coroutine function or an asynchronous
generator function; a body of nothing but `pass` is allowed; `yield from`
inside an `async def` is a SyntaxError.

We compile small functions and ask `inspect` what each one is. The answers
hold from Python 3.6 on; in 3.5, where `async def` first appeared, any
`yield` inside it was a SyntaxError, so it could only make coroutines.

Run under CPython 3.11+: python3 c35_async_def_forms.py
"""
import inspect

SOURCES = [
    ("empty_body", "async def empty_body():\n    pass\n"),
    ("awaits", "async def awaits(x):\n    return await x\n"),
    ("yields", "async def yields():\n    yield 1\n"),
    ("awaits_and_yields", "async def awaits_and_yields(x):\n    yield await x\n"),
    ("yield_from", "async def yield_from(x):\n    yield from x\n"),
    ("yields_and_returns", "async def yields_and_returns():\n    yield 1\n    return 2\n"),
    ("plain_yield_from", "def plain_yield_from(x):\n    yield from x\n"),
]


def kind(func):
    if inspect.iscoroutinefunction(func):
        return "coroutine function"
    if inspect.isasyncgenfunction(func):
        return "async generator function"
    if inspect.isgeneratorfunction(func):
        return "generator function"
    return "plain function"


results = {}
for name, source in SOURCES:
    try:
        code = compile(source, f"<{name}>", "exec")
    except SyntaxError as err:
        results[name] = f"SyntaxError: {err.msg}"
    else:
        namespace = {}
        exec(code, namespace)
        results[name] = kind(namespace[name])
    header = source.splitlines()[0]
    print(f"{header:<40} {results[name]}")

assert results["empty_body"] == "coroutine function"
assert results["awaits"] == "coroutine function"
assert results["yields"] == "async generator function"
assert results["awaits_and_yields"] == "async generator function"
assert results["yield_from"].startswith("SyntaxError")
# The restriction is about async def, not about `yield from` itself.
assert results["plain_yield_from"] == "generator function"
# A related rule the claim does not mention: an async generator cannot
# return a value, because nothing would carry it out (no StopIteration).
assert results["yields_and_returns"].startswith("SyntaxError")
