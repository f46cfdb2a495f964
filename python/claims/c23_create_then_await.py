"""C23: creating both tasks first and then awaiting both takes as long as the
longer task (2 s in note 004's example, not 3 s).

We create tasks of 1 and 2 units before awaiting either, and report the
total in whole units (rounded).
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
    second = asyncio.create_task(say_after(2, "world"))
    log.append("main: both tasks created; awaiting task 1")
    await first
    log.append("main: awaiting task 2")
    await second
    return (time.monotonic() - start) / UNIT


units = asyncio.run(main())
for line in log:
    print(line)
print(f"total: {round(units)} units (delays of 1 and 2 units)")

assert log[:3] == [
    "main: both tasks created; awaiting task 1",
    "say_after(1, 'hello') starts",
    "say_after(2, 'world') starts",
]
assert 2 <= units < 2.5, units

print("verdict: true - both tasks wait at the same time, so the total is the "
      "longer delay, not the sum")
