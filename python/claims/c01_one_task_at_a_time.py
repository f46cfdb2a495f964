"""C01: at any moment only one asyncio task is executing, and all of them
execute in one thread.

Notes 004 and 000 both say this. We check it by letting three tasks take
turns: each task does a few steps, and between steps it awaits, which returns
control to the event loop. Every step records which thread ran it and
how many steps were in progress at that instant. If two tasks ever ran at
once, some step would see another one still in progress.
"""

import asyncio
import threading

STEPS = 3
NAMES = ("A", "B", "C")

# Filled in while the tasks run.
trace = []  # "A1", "B1", ... in the order the steps actually ran
threads_seen = set()  # thread ids that executed a step
in_progress = 0  # steps started and not yet finished, right now
most_in_progress = 0  # the largest value `in_progress` ever had


def busy_work():
    """Several milliseconds of pure-Python computation, with no await in it."""
    total = 0
    for i in range(30_000):
        total += i * i
    return total


async def worker(name):
    global in_progress, most_in_progress
    for step in range(1, STEPS + 1):
        in_progress += 1
        most_in_progress = max(most_in_progress, in_progress)
        threads_seen.add(threading.get_ident())
        trace.append(f"{name}{step}")
        busy_work()  # long enough that a preemptive scheduler could cut in
        in_progress -= 1
        # The only place this task can be paused: it gives the loop a
        # chance to run the other tasks before its next step.
        await asyncio.sleep(0)


async def main():
    tasks = [asyncio.create_task(worker(name)) for name in NAMES]
    # All three tasks exist (are "in flight") at the same time...
    alive_together = sum(not t.done() for t in tasks)
    await asyncio.gather(*tasks)
    return alive_together


main_thread = threading.get_ident()
alive_together = asyncio.run(main())

one_thread = threads_seen == {main_thread}
interleaved = trace[:len(NAMES)] == [f"{n}1" for n in NAMES]

print(f"tasks alive at the same time: {alive_together}")
print(f"order the steps ran in: {' '.join(trace)}")
print(f"the tasks took turns (interleaved): {interleaved}")
print(f"most steps in progress at one instant: {most_in_progress}")
print(f"threads that ran a step: {len(threads_seen)}")
print(f"that thread is the one that called asyncio.run: {one_thread}")

assert alive_together == len(NAMES)
assert interleaved
assert most_in_progress == 1, "two steps ran at the same time"
assert one_thread, "a step ran outside the main thread"
print("verdict: true - concurrent tasks, one at a time, one thread")
