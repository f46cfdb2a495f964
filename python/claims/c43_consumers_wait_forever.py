"""C43: without a signal that production is done, consumers hang forever on
`await q.get()` (note 001).

Our own producer puts three items; two consumers loop on `await q.get()`.
1. main waits for producer and consumers alike: the items are all handled
   within a tick, and then nothing happens; the consumers sit in `get` and
   asyncio reports nothing (no deadlock error). We stop the wait with a
   timeout of five ticks.
2. main returns while the consumers still wait: `asyncio.run` cancels
   them, and the program ends normally.
3. a signal ends it: one sentinel per consumer, and the consumers return.
   Python 3.13 adds one to the queue itself, `Queue.shutdown()`, which
   makes a waiting `get` raise `QueueShutDown`.
"""

import asyncio
import sys

TICK = 0.02
log = []


async def producer(queue):
    for item in ("a", "b", "c"):
        await queue.put(item)
        await asyncio.sleep(0)


async def consumer(name, queue, stop=None):
    try:
        while True:
            item = await queue.get()
            if stop is not None and item == stop:
                log.append(f"{name} got the stop signal")
                return
            log.append(f"{name} handled {item}")
            queue.task_done()
    except asyncio.CancelledError:
        log.append(f"{name} cancelled while waiting in get")
        raise


def start(queue, stop=None):
    return [asyncio.create_task(consumer(f"consumer {n}", queue, stop)) for n in (1, 2)]


async def wait_for_everyone():
    queue = asyncio.Queue()
    consumers = start(queue)
    everyone = asyncio.gather(producer(queue), *consumers)
    try:
        await asyncio.wait_for(asyncio.shield(everyone), 5 * TICK)
        return "everyone finished"
    except asyncio.TimeoutError:
        waiting = sum(not c.done() for c in consumers)
        return (f"still waiting after 5 ticks; queue empty: {queue.empty()}; "
                f"consumers not done: {waiting}")
    finally:
        everyone.cancel()
        try:
            await everyone
        except asyncio.CancelledError:
            pass


async def return_early():
    queue = asyncio.Queue()
    start(queue)
    await producer(queue)
    await asyncio.sleep(TICK)
    log.append("main returns")


async def with_sentinels():
    queue = asyncio.Queue()
    consumers = start(queue, stop="STOP")
    await producer(queue)
    for _ in consumers:
        await queue.put("STOP")
    await asyncio.gather(*consumers)
    return "all consumers returned"


outcome = asyncio.run(wait_for_everyone())
print(f"1. waiting for producer and consumers: {outcome}")
print(f"   in order: {log}")
assert outcome == "still waiting after 5 ticks; queue empty: True; consumers not done: 2"
assert sum("handled" in line for line in log) == 3
assert log[-2:] == ["consumer 1 cancelled while waiting in get",
                    "consumer 2 cancelled while waiting in get"]

log.clear()
asyncio.run(return_early())
after = log[log.index("main returns"):]
# asyncio.run cancels the leftover tasks in no fixed order: sort the two lines
print(f"2. main returns first; after asyncio.run: {after[:1] + sorted(after[1:])}")
assert after[:1] + sorted(after[1:]) == [
    "main returns",
    "consumer 1 cancelled while waiting in get",
    "consumer 2 cancelled while waiting in get",
]

log.clear()
outcome = asyncio.run(with_sentinels())
print(f"3. one sentinel per consumer: {outcome}; "
      f"{sum('handled' in line for line in log)} items handled, "
      f"{sum('stop signal' in line for line in log)} stop signals")
assert sum("handled" in line for line in log) == 3

has_shutdown = hasattr(asyncio.Queue, "shutdown")
print(f"   asyncio.Queue has shutdown(): {has_shutdown}")
assert has_shutdown == (sys.version_info >= (3, 13))
if has_shutdown:
    async def shut():
        queue = asyncio.Queue()
        getter = asyncio.create_task(queue.get())
        await asyncio.sleep(0)
        queue.shutdown()
        try:
            await getter
        except asyncio.QueueShutDown:
            return "a waiting get raises QueueShutDown"
    print(f"   {asyncio.run(shut())}")

print("verdict: true - with no signal, consumers wait in get for ever and asyncio "
      "says nothing; a program ends anyway only if main stops waiting for them "
      "(asyncio.run then cancels them), or with a signal: sentinels, join then "
      "cancel, or Queue.shutdown() from 3.13")
