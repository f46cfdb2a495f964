"""Who goes first: a waiter already woken, or a newcomer who asks before it ran?

Not a claim of the notes: the evidence behind aio-queues' fairness. For
Lock, Semaphore and Queue, a waiter is woken, and before it gets to run the
task that woke it asks again itself. The script asserts what CPython does
and prints one line per case; `tests/behaviour/cpython_fairness.rs` in
aio-queues builds the same lines from our primitives and compares.
"""

import asyncio


async def lock_case():
    lock = asyncio.Lock()
    order = []
    await lock.acquire()

    async def waiter():
        async with lock:
            order.append("waiter")
            await asyncio.sleep(0)

    task = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    lock.release()  # wakes the waiter; it has not run yet
    locked_in_window = lock.locked()
    async with lock:  # the releaser asks again at once
        order.append("releaser")
    await task
    assert order == ["waiter", "releaser"], order
    assert not locked_in_window
    print(f"lock: {', '.join(order)} (locked() in between: {locked_in_window})")


async def semaphore_case(releases):
    sem = asyncio.Semaphore(0)
    order = []

    async def waiter():
        async with sem:
            order.append("waiter")

    task = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    for _ in range(releases):
        sem.release()
    locked_in_window = sem.locked()
    await sem.acquire()
    order.append("releaser")
    await task
    assert order == ["waiter", "releaser"], order
    assert locked_in_window
    print(f"semaphore, {releases} release(s): {', '.join(order)} "
          f"(locked() in between: {locked_in_window})")


async def queue_case():
    q = asyncio.Queue()
    order = []

    async def getter(name):
        order.append(f"{name} got {await q.get()}")

    tasks = [asyncio.create_task(getter(n)) for n in ("a", "b")]
    await asyncio.sleep(0)
    q.put_nowait(1)  # wakes a
    order.append(f"main got {q.get_nowait()}")  # before a runs
    await asyncio.sleep(0)  # a finds the queue empty and waits again
    q.put_nowait(2)
    q.put_nowait(3)
    for t in tasks:
        await t
    assert order == ["main got 1", "b got 2", "a got 3"], order
    print(f"queue: {', '.join(order)}")


async def main():
    await lock_case()
    await semaphore_case(1)
    await semaphore_case(2)
    await queue_case()


asyncio.run(main())
