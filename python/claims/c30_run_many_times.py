"""C30: `asyncio.run` can be used only once in a program.

Note 003 lists "only once per program" among `asyncio.run`'s traits. We call
it three times in a row, then try the one thing it does refuse: a call from
inside a loop that is already running.
"""

import asyncio


async def double(n):
    await asyncio.sleep(0)
    return 2 * n


results = [asyncio.run(double(n)) for n in (1, 2, 3)]
print(f"three asyncio.run calls in a row: {results}")
assert results == [2, 4, 6]


async def nested():
    inner = double(10)
    try:
        asyncio.run(inner)
    except RuntimeError as exc:
        inner.close()  # never ran; close it so no warning is printed
        return f"RuntimeError: {exc}"
    return "no error"


outcome = asyncio.run(nested())
print(f"asyncio.run inside a running loop: {outcome}")
assert outcome == "RuntimeError: asyncio.run() cannot be called from a running event loop"

print("verdict: false - asyncio.run can be called any number of times, one "
      "after another; it refuses only to nest inside a running loop")
