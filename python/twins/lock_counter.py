"""Twin of `cargo lab demo 8 lock_counter`, with asyncio's Lock.

Three tasks add one to a counter twice each, reading it, awaiting
sleep(0), and writing back what they read plus one. Without a lock the
reads go stale and four of six updates are lost; with `async with lock:`
around the read-await-write none is, and the tasks take turns in order
(CPython 3.11's Lock lets no newcomer pass a waiter it has woken).
"""

import asyncio

TASKS = 3
ROUNDS = 2


async def increment(counter, lock, name):
    for _ in range(ROUNDS):
        if lock is None:
            await step(counter, name)
        else:
            async with lock:
                await step(counter, name)


async def step(counter, name):
    seen = counter[0]
    print(f"{name} read {seen}")
    await asyncio.sleep(0)
    counter[0] = seen + 1
    print(f"{name} wrote {seen + 1}")


async def count(with_lock):
    counter = [0]
    lock = asyncio.Lock() if with_lock else None
    tasks = [
        asyncio.create_task(increment(counter, lock, f"t{i}"))
        for i in range(1, TASKS + 1)
    ]
    for t in tasks:
        await t
    expected = TASKS * ROUNDS
    print(f"counter = {counter[0]}, expected {expected}: "
          f"{expected - counter[0]} updates lost")


print("without a lock")
asyncio.run(count(False))
print("with a Lock")
asyncio.run(count(True))
