"""C24: after a blocking 3-s time.sleep in main, both tasks are "already
filled" when the loop resumes (note 002).

The program: tasks that sleep 1 s and 2 s, then main gives them 0.1 s to
start and blocks the loop with time.sleep(3): about 3.1 s. To stay quick,
one second of the note's program lasts SECOND real seconds here (a
quarter), and the times are measured in the note's seconds. Sleeps never
end early, so the lower bounds are exact; the upper bounds are loose, for
a busy machine.

What we check: right after the block, neither task is done (nothing ran
during it); their timers are overdue, so they finish in the loop's next
turns, and the whole program still takes about 3 s. We count those turns
by yielding with asyncio.sleep(0) until the first task is done.
"""

import asyncio
import time

SECOND = 0.25
HEAD_START = 0.1  # s: main lets the tasks reach their sleeps
BLOCK = 3  # s: then holds the thread with time.sleep
log = []


async def say_after(delay, what):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(delay * SECOND)
    log.append((what, loop.time()))


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    first, second = [
        asyncio.create_task(say_after(delay, what))
        for delay, what in [(1, "hello"), (2, "world")]
    ]
    await asyncio.sleep(HEAD_START * SECOND)
    # No task and no timer can run while this call holds the thread.
    time.sleep(BLOCK * SECOND)
    print(f"right after the block: first done: {first.done()}, second done: {second.done()}")
    assert not first.done() and not second.done()
    turns = 0
    while not first.done():
        await asyncio.sleep(0)
        turns += 1
    print(f"main yielded {turns} times before the first task was done")
    await first
    await second
    for what, at in log:
        asked = 1 if what == "hello" else 2
        took = (at - start) / SECOND
        print(f"{what} (asked for {asked} s) finished after the block, past 3 s: {took >= 3.0}")
        assert 3.0 <= took < 4.5, took
    return (loop.time() - start) / SECOND


total = asyncio.run(main())
print(f"whole program: 3 s or a little more (under 4.5 s): {3.0 <= total < 4.5}")
assert 3.0 <= total < 4.5, total
print("verdict: true-but - ~3 s in all, but nothing was 'already filled': the tasks ran after the block")
