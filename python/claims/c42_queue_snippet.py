"""C42 (the Queue part, checked in chapter 8): note 001's three-line Queue
snippet works as shown.

Our own equivalent: make an `asyncio.Queue`, `await` a `put`, `await` a
`get`. It works, inside a coroutine on a running loop. What the three lines
do not show: on an unbounded queue `put` never waits, while `get` on an
empty queue waits until something is put (here: a timeout ends the wait);
a bounded queue makes `put` wait too; items come out first in, first out.
And the queue belongs to one event loop: since 3.10 it binds to the loop
that first has to wait on it (before 3.10, to the loop current when it was
created, so one made at module level failed inside `asyncio.run` with
"got Future ... attached to a different loop"), and a second `asyncio.run`
cannot use it.
"""

import asyncio
import re
import sys

TICK = 0.02
shared = asyncio.Queue()  # made at module level, before any loop runs


def describe(err):
    """The error's type and message, without memory addresses."""
    return f"{type(err).__name__}: {re.sub(r' at 0x[0-9a-f]+', '', str(err))}"


async def waits(awaitable):
    """Whether `awaitable` is still waiting after two ticks."""
    try:
        await asyncio.wait_for(awaitable, 2 * TICK)
        return False
    except asyncio.TimeoutError:
        return True


async def snippet_and_more(queue):
    await queue.put("first")
    item = await queue.get()
    print(f"put 'first', then get -> {item!r}")
    assert item == "first"

    for n in range(3):
        await queue.put(n)
    print(f"three puts on an unbounded queue never wait; qsize() = {queue.qsize()}")
    print(f"gets come out in order: {[await queue.get() for _ in range(3)]}")

    print(f"get on the empty queue waits: {await waits(queue.get())}")
    asyncio.get_running_loop().call_later(TICK, queue.put_nowait, "late")
    print(f"get while a callback puts an item a tick later -> {await queue.get()!r}")
    try:
        queue.get_nowait()
    except asyncio.QueueEmpty:
        print("get_nowait on the empty queue raises QueueEmpty")

    small = asyncio.Queue(maxsize=1)
    await small.put("fits")
    print(f"with maxsize=1, a second put waits: {await waits(small.put('waits'))}")


async def inside():
    await snippet_and_more(asyncio.Queue())  # made inside the coroutine


asyncio.run(inside())


async def get_one(queue):
    asyncio.get_running_loop().call_soon(queue.put_nowait, "x")
    return await queue.get()


def run_with(queue):
    """What asyncio.run(get_one(queue)) gives, without addresses or reprs."""
    try:
        return f"works -> {asyncio.run(get_one(queue))!r}"
    except RuntimeError as err:
        if "attached to a different loop" in str(err):
            return "RuntimeError: ... got Future ... attached to a different loop"
        return describe(err)


first, second = run_with(shared), run_with(shared)
print(f"a queue made outside asyncio.run, used in it: {first}")
print(f"the same queue in a second asyncio.run: {second}")
if sys.version_info >= (3, 10):
    assert first == "works -> 'x'"
    assert second == "RuntimeError: <Queue maxsize=0 tasks=1> is bound to a different event loop"
else:
    assert first == "RuntimeError: ... got Future ... attached to a different loop"

print("verdict: true-but - the lines work inside a coroutine; get waits on an "
      "empty queue (put only on a full bounded one), and a queue serves one "
      "event loop (made outside asyncio.run it fails before 3.10)")
