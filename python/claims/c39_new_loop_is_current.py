"""C39: a newly created event loop becomes the current loop.

Note 001 says that creating an event loop makes it the current loop of the
execution context. We make one with `new_event_loop()` and ask who is
current, before and after `set_event_loop`, and while it runs. asyncio
keeps two notions apart: the *current* loop (what `get_event_loop()` returns
outside a coroutine; set by `set_event_loop`) and the *running* loop (what
`get_running_loop()` returns, only while a loop runs).
"""

import asyncio
import warnings


def current_loop():
    with warnings.catch_warnings():
        # 3.12+ warns when get_event_loop() has no current loop to return.
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            return asyncio.get_event_loop()
        except RuntimeError:
            return None


def running_loop():
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


# A fresh program: no loop set yet.
loop = asyncio.new_event_loop()
other = current_loop()
print(f"fresh program, after new_event_loop(): get_event_loop() returns it: {other is loop}")
if other is not None:
    print("  (get_event_loop() made a second loop and made that one current)")
    other.close()
assert other is not loop

# From here on, "no current loop" is stated explicitly, so that
# get_event_loop() does not create one again.
asyncio.set_event_loop(None)
print(f"with no current loop set: current loop: {current_loop()}")
assert current_loop() is None


async def inside():
    return current_loop() is loop, running_loop() is loop


in_current, in_running = loop.run_until_complete(inside())
print(f"while it runs: current is it: {in_current}, running is it: {in_running}")
print(f"after it ran: current loop: {current_loop()}")
assert in_current and in_running and current_loop() is None

asyncio.set_event_loop(loop)
print(f"after set_event_loop(loop): current is it: {current_loop() is loop}")
assert current_loop() is loop
asyncio.set_event_loop(None)
loop.close()


async def in_run():
    return current_loop() is running_loop()


print(f"inside asyncio.run, current is the running loop: {asyncio.run(in_run())}")

print("verdict: false - new_event_loop() only makes a loop; it becomes current "
      "through set_event_loop (which asyncio.run and get_event_loop's implicit "
      "creation call for you) and is the running loop only while it runs")
