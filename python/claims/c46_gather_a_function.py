"""C46: writing `asyncio.gather(func)` inside main runs the tasks
concurrently (note 002).

We try three spellings inside main, with an `async def` of our own that
logs when it starts and ends and sleeps one tick in between:
1. the coroutine *function* itself, not called, not awaited:
   `gather` raises TypeError at once; nothing runs.
2. called but not awaited, `gather(work(), work())`: the tasks are
   scheduled and take their first step in the loop's last round, after
   main has returned; then `asyncio.run` cancels them, so they never end,
   and asyncio logs that the gather's exception (the cancellation) was
   never retrieved.
3. called and awaited, `await gather(work(), work())`: both run, overlap,
   and the whole takes one tick, not two.
"""

import asyncio
import gc
import logging

TICK = 0.04
log = []


async def work(name):
    log.append(f"{name} starts")
    await asyncio.sleep(TICK)
    log.append(f"{name} ends")
    return name


async def function_not_called():
    asyncio.gather(work)


async def called_not_awaited():
    asyncio.gather(work("a"), work("b"))
    log.append("main returns")


async def called_and_awaited():
    loop = asyncio.get_running_loop()
    start = loop.time()
    values = await asyncio.gather(work("a"), work("b"))
    took = round((loop.time() - start) / TICK)
    log.append(f"main got {values} after {took} tick(s)")


try:
    asyncio.run(function_not_called())
    outcome = "no error"
except TypeError as err:
    outcome = f"TypeError: {err}"
print(f"1. gather(work) -> {outcome}; what ran: {log or 'nothing'}")
assert outcome.startswith("TypeError") and not log


class Keep(logging.Handler):
    """Keeps the first line of what asyncio logs, instead of printing it."""

    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage().splitlines()[0])


logged = Keep()
logging.getLogger("asyncio").addHandler(logged)
logging.getLogger("asyncio").propagate = False
asyncio.run(called_not_awaited())
gc.collect()  # the cancelled gather is freed now, not at some later moment
print(f"2. gather(work('a'), work('b')) without await -> what ran: {log}")
print(f"   asyncio logged: {logged.lines}")
assert log == ["main returns", "a starts", "b starts"]
assert logged.lines == ["_GatheringFuture exception was never retrieved"]

log.clear()
asyncio.run(called_and_awaited())
print(f"3. await gather(work('a'), work('b')) -> what ran: {log}")
assert log == ["a starts", "b starts", "a ends", "b ends",
               "main got ['a', 'b'] after 1 tick(s)"]

print("verdict: false - gather(func) with the function itself raises TypeError "
      "and runs nothing; the coroutines must be called, gather(func(), func()), "
      "and the result awaited, or main ends and asyncio.run cancels them half-way")
