"""C42 (the Lock part, checked in chapter 8): note 001's Lock snippet works
as shown.

Our own equivalent: make an `asyncio.Lock` and put the code that touches
shared state under `async with lock:`. We run ten tasks that each add one
to a shared counter by reading it, yielding to the loop, and writing it
back. Without the lock, the updates are lost; with it, all ten count. Then
what the snippet does not say: a section with no `await` inside needs no
lock at all (nothing else can run in the middle of it on a one-thread
loop); the lock is not reentrant, so a task that takes it again waits for
itself forever (ended here by a timeout); and like a queue it belongs to
one event loop.
"""

import asyncio
import re
import sys

TICK = 0.02
shared_lock = asyncio.Lock()  # made at module level, before any loop runs


async def add_one(state, lock, yield_inside=True):
    async def section():
        seen = state["count"]
        if yield_inside:
            await asyncio.sleep(0)  # another task runs here
        state["count"] = seen + 1

    if lock is None:
        await section()
    else:
        async with lock:
            await section()


async def count_to_ten(lock, yield_inside=True):
    state = {"count": 0}
    await asyncio.gather(*(add_one(state, lock, yield_inside) for _ in range(10)))
    return state["count"]


async def main():
    without = await count_to_ten(None)
    with_lock = await count_to_ten(asyncio.Lock())
    no_await = await count_to_ten(None, yield_inside=False)
    print(f"ten increments with an await inside, no lock: count = {without}")
    print(f"the same under `async with lock`: count = {with_lock}")
    print(f"ten increments with no await inside, no lock: count = {no_await}")
    assert (without, with_lock, no_await) == (1, 10, 10)

    lock = asyncio.Lock()

    async def take_twice():
        async with lock:
            async with lock:
                return "never"

    try:
        await asyncio.wait_for(take_twice(), 2 * TICK)
        again = "took it again"
    except asyncio.TimeoutError:
        again = "still waiting for itself after two ticks"
    print(f"a task taking the lock it holds: {again}; "
          f"lock released after the timeout: {not lock.locked()}")
    assert again.startswith("still waiting") and not lock.locked()


asyncio.run(main())


async def contend(lock):
    async def holder():
        async with lock:
            await asyncio.sleep(TICK)

    held = asyncio.create_task(holder())
    await asyncio.sleep(0)
    async with lock:  # has to wait for the holder
        pass
    await held
    return "works"


def run_with(lock):
    """What asyncio.run(contend(lock)) gives, without addresses or reprs."""
    try:
        return asyncio.run(contend(lock))
    except RuntimeError as err:
        if "attached to a different loop" in str(err):
            return "RuntimeError: ... got Future ... attached to a different loop"
        return f"RuntimeError: {re.sub(r' object at 0x[0-9a-f]+', '', str(err))}"


first, second = run_with(shared_lock), run_with(shared_lock)
print(f"a lock made outside asyncio.run, waited on in it: {first}")
print(f"the same lock waited on in a second asyncio.run: {second}")
if sys.version_info >= (3, 10):
    assert first == "works"
    assert second == "RuntimeError: <asyncio.locks.Lock [locked]> is bound to a different event loop"
else:
    assert first == "RuntimeError: ... got Future ... attached to a different loop"

print("verdict: true-but - `async with lock:` works inside a coroutine and keeps "
      "a read-await-write section whole; it is needed only where the section "
      "awaits, it is not reentrant, and it serves one event loop "
      "(made outside asyncio.run it fails before 3.10)")
