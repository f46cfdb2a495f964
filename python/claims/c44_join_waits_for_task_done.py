"""C44: `await q.join()` implicitly waits for the consumers too (note 001).

`join` waits until every item put so far has been marked done with
`task_done()`. Two consumers handle items (two ticks each); we log each
item handled and the moment `join` returns, and read the order:
1. consumers call `task_done()` after handling an item: `join` returns
   right after the last item is handled, not before; the consumer tasks
   are still alive, waiting in `get`, and must be cancelled.
2. a consumer that forgets `task_done()`: the queue is empty, yet `join`
   never returns (stopped here after ten ticks).
3. consumers that call `task_done()` as soon as they get an item: `join`
   returns while two items are still being handled.
4. `join` before the producer is finished (it puts one item, pauses five
   ticks, puts three more): `join` returns as soon as the first item is
   done, with three still to come; before anything is put, it would not
   wait at all. The note's order (gather the producers, then join) is what
   makes it sound.
"""

import asyncio

TICK = 0.02
log = []


async def produce(queue, pause_after_first=0):
    for n, item in enumerate(["a", "b", "c", "d"]):
        await queue.put(item)
        if n == 0 and pause_after_first:
            await asyncio.sleep(pause_after_first * TICK)


async def consume(queue, mark):
    while True:
        item = await queue.get()
        if mark == "on receipt":
            queue.task_done()
        await asyncio.sleep(2 * TICK)  # handling the item
        log.append(f"{item} handled")
        if mark == "after handling":
            queue.task_done()


async def scenario(mark, pause_after_first=0, join_first=False):
    log.clear()
    queue = asyncio.Queue()
    consumers = [asyncio.create_task(consume(queue, mark)) for _ in range(2)]
    producing = asyncio.create_task(produce(queue, pause_after_first))
    if join_first:
        await asyncio.sleep(0)  # the producer puts its first item
    else:
        await producing
    try:
        await asyncio.wait_for(queue.join(), 10 * TICK)
        log.append("JOIN RETURNED")
    except asyncio.TimeoutError:
        log.append(f"join still waiting after 10 ticks; queue empty: {queue.empty()}")
    alive = sum(not c.done() for c in consumers)
    await producing
    while len([line for line in log if "handled" in line]) < 4:
        await asyncio.sleep(TICK)  # let the work still going on finish
    for c in consumers:
        c.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)
    return list(log), alive


def show(label, outcome):
    events, alive = outcome
    print(f"{label}: {events}; consumer tasks still alive then: {alive}")
    return events


first = show("1. task_done after handling", asyncio.run(scenario("after handling")))
second = show("2. task_done forgotten", asyncio.run(scenario("never")))
third = show("3. task_done on receipt", asyncio.run(scenario("on receipt")))
fourth = show("4. join before the producer ends",
              asyncio.run(scenario("after handling", pause_after_first=5, join_first=True)))

handled = ["a handled", "b handled", "c handled", "d handled"]
assert first == handled + ["JOIN RETURNED"]
assert second == handled + ["join still waiting after 10 ticks; queue empty: True"]
assert third == handled[:2] + ["JOIN RETURNED"] + handled[2:]
assert fourth == handled[:1] + ["JOIN RETURNED"] + handled[1:]


async def edges():
    queue = asyncio.Queue()
    await asyncio.wait_for(queue.join(), TICK)
    print("join on a queue nothing was put in returns at once")
    try:
        queue.task_done()
    except ValueError as err:
        print(f"task_done() with nothing outstanding: ValueError: {err}")


asyncio.run(edges())

print("verdict: true-but - join waits for a task_done() per item, so it waits for "
      "the consumers' work only if they call task_done() after it; it does not "
      "wait for the consumer tasks (they stay in get and must be cancelled), it "
      "hangs if a consumer forgets task_done(), and it must come after the "
      "producers are done")
