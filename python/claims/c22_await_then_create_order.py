"""C22: awaiting task 1 before creating task 2 makes the program sequential.

Note 002 times a `main` that creates a task, awaits it, and only then
creates and awaits the second: 1 s + 2 s = 3 s. We run the same shape with
delays of 1 and 2 units and report the time in whole units (rounded; a unit
is long enough that a late wake-up cannot add one). The point here is the
order of events; chapter 6 checks the same
timing exactly, on our virtual clock.
"""

import asyncio
import time

UNIT = 0.2  # seconds
log = []


async def say_after(units, what):
    log.append(f"say_after({units}, {what!r}) starts")
    await asyncio.sleep(units * UNIT)
    log.append(what)


async def main():
    start = time.monotonic()
    first = asyncio.create_task(say_after(1, "hello"))
    log.append("main: awaiting task 1")
    await first
    log.append("main: task 1 finished; only now is task 2 created")
    second = asyncio.create_task(say_after(2, "world"))
    log.append("main: awaiting task 2")
    await second
    return (time.monotonic() - start) / UNIT


units = asyncio.run(main())
for line in log:
    print(line)
print(f"total: {round(units)} units (delays of 1 and 2 units)")

assert log.index("main: task 1 finished; only now is task 2 created") < log.index("say_after(2, 'world') starts")
assert 3 <= units < 3.5, units

print("verdict: true - task 2 does not exist while task 1 waits, so nothing "
      "overlaps: the delays add up")
