"""C31: a coroutine cannot be executed directly; only `await` gets its
return value out.

Notes 004 and 001 say so. A coroutine object cannot be called, true. But
`await` is not the only way to its result: the object speaks the generator
protocol, so plain code can drive it with `send(None)` until StopIteration
carries the return value out. That is what an event loop does, and what
`asyncio.run` does for a caller that never writes `await`. Driving by hand
fails only when the coroutine awaits something that needs the loop itself.
"""

import asyncio


async def add(a, b):
    await asyncio.sleep(0)  # yields a bare None to the driver
    await asyncio.sleep(0)
    return a + b


def drive(coro, limit=100):
    """Send None until the coroutine returns; count the sends."""
    for sends in range(1, limit + 1):
        try:
            coro.send(None)
        except StopIteration as stop:
            return stop.value, sends
    raise AssertionError("still running after the limit")


# Calling the coroutine object is indeed not a way to run it.
coro = add(1, 2)
try:
    coro()
    outcome = "it ran"
except TypeError as exc:
    outcome = f"TypeError: {exc}"
coro.close()  # never started; closing avoids the "never awaited" warning
print(f"calling the coroutine object: {outcome}")
assert outcome == "TypeError: 'coroutine' object is not callable"

# No await, no event loop: just the generator protocol.
value, sends = drive(add(1, 2))
print(f"driven by send(None): result {value} after {sends} sends")
assert (value, sends) == (3, 3)

# asyncio.run gets the result from synchronous code, too.
print(f"asyncio.run(add(1, 2)) from synchronous code: {asyncio.run(add(1, 2))}")
assert asyncio.run(add(1, 2)) == 3


# The limit of driving by hand: a real sleep needs the running loop.
async def sleepy():
    await asyncio.sleep(0.01)
    return "slept"


try:
    drive(sleepy())
    outcome = "it worked"
except RuntimeError as exc:
    outcome = f"RuntimeError: {exc}"
print(f"driving a coroutine that awaits asyncio.sleep(0.01) by hand: {outcome}")
assert outcome == "RuntimeError: no running event loop"

print("verdict: true-but - a coroutine object cannot be called, but any code "
      "can drive it with send(None) and read StopIteration.value; await and "
      "asyncio.run are two drivers, and the loop is needed only by what it awaits")
