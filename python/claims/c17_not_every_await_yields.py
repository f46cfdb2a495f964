"""C17: does every `await` give the event loop a turn?

Notes 000 to 003 all describe `await` as the point where a coroutine gives
the loop a chance to run something else. We let a "ticker" task count its
turns, then await different things in main and see whether the ticker got
a turn during each await.
"""

import asyncio

turns = 0


async def ticker():
    global turns
    while True:
        turns += 1
        await asyncio.sleep(0)


async def returns_at_once():
    return 1


async def awaits_a_plain_coroutine():
    return await returns_at_once() + 1


async def main():
    tick = asyncio.create_task(ticker())
    await asyncio.sleep(0)  # let the ticker start

    loop = asyncio.get_running_loop()
    done_future = loop.create_future()
    done_future.set_result("ready")
    finished_task = asyncio.create_task(returns_at_once())
    await asyncio.sleep(0)  # let it finish

    cases = [
        ("await a coroutine that never suspends", returns_at_once),
        ("await a chain of such coroutines", awaits_a_plain_coroutine),
        ("await a future that is already done", lambda: done_future),
        ("await a task that already finished", lambda: finished_task),
        ("await asyncio.sleep(0)", lambda: asyncio.sleep(0)),
        ("await a future set by call_soon", None),
    ]
    results = []
    for label, make in cases:
        if make is None:
            pending = loop.create_future()
            loop.call_soon(pending.set_result, "later")
            awaitable = pending
        else:
            awaitable = make()
        before = turns
        await awaitable
        results.append((label, turns - before))
    tick.cancel()
    return results


results = asyncio.run(main())
for label, others in results:
    yielded = "yielded to the loop" if others else "did NOT yield"
    print(f"{label}: {yielded} (ticker turns meanwhile: {others})")

assert [others > 0 for _, others in results] == [False] * 4 + [True] * 2

print("verdict: false - an await yields only when what it awaits is not ready; "
      "awaiting finished work, or a coroutine that returns without suspending, "
      "carries straight on")
