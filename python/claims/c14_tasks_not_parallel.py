"""C14: once wrapped in tasks, coroutines run in parallel.

Note 003 says so, in its table comparing coroutines and tasks. Tasks do
make coroutines *concurrent* - all of them are under way at once, taking
turns - but never *parallel*: no two of them execute at the same instant.

Three tasks each compute in three short sections and await between them.
We stamp the start and end of every section with a clock and look for two
sections whose time spans overlap. As a control, the same sections run in
three threads, where the operating system and the interpreter may pause a
thread in the middle of a section: there, overlaps do show up, so the
measurement can see them when they happen.
"""

import asyncio
import threading
import time

NAMES = ("A", "B", "C")
SECTIONS = 3
SECTION_TIME = 0.02  # seconds of computation per section (4x Python's switch interval)


def compute_for(seconds):
    """Busy pure-Python work: no await, no sleep, no I/O."""
    end = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < end:
        n += 1
    return n


def overlapping_pairs(spans):
    """How many pairs of (start, end) spans overlap in time."""
    return sum(
        1
        for i, (s1, e1) in enumerate(spans)
        for s2, e2 in spans[i + 1:]
        if s1 < e2 and s2 < e1
    )


# --- Tasks -------------------------------------------------------------------

task_spans = []  # (start, end, label) of each section


async def task_body(name):
    for k in range(1, SECTIONS + 1):
        start = time.perf_counter()
        compute_for(SECTION_TIME)
        task_spans.append((start, time.perf_counter(), f"{name}{k}"))
        await asyncio.sleep(0)  # the only place another task may run


async def run_tasks():
    tasks = [asyncio.create_task(task_body(name)) for name in NAMES]
    began = time.perf_counter()
    await asyncio.gather(*tasks)
    return time.perf_counter() - began


wall = asyncio.run(run_tasks())
spans = [(s, e) for s, e, _ in task_spans]
order = [label for _, _, label in sorted(task_spans)]
first_end = min(e for s, e, label in task_spans if label.endswith(str(SECTIONS)))
last_first_start = max(s for s, e, label in task_spans if label.endswith("1"))
concurrent = last_first_start < first_end
overlaps = overlapping_pairs(spans)
busy = sum(e - s for s, e in spans)

print("three tasks, three sections each:")
print(f"  order the sections ran in: {' '.join(order)}")
print(f"  every task had started before any task finished (concurrent): {concurrent}")
print(f"  pairs of sections that overlapped in time: {overlaps}")
print(f"  total time at least the sum of all sections: {wall >= busy}")
assert order == [f"{n}{k}" for k in range(1, SECTIONS + 1) for n in NAMES]
assert concurrent
assert overlaps == 0, "two task sections ran at the same time"
assert wall >= busy

# --- Threads, the control ----------------------------------------------------

thread_spans = []
lock = threading.Lock()  # guards thread_spans only, never held while computing
start_line = threading.Barrier(len(NAMES))


def thread_body():
    start_line.wait()
    for _ in range(SECTIONS):
        start = time.perf_counter()
        compute_for(SECTION_TIME)
        with lock:
            thread_spans.append((start, time.perf_counter()))


threads = [threading.Thread(target=thread_body) for _ in NAMES]
for t in threads:
    t.start()
for t in threads:
    t.join()

thread_overlaps = overlapping_pairs(thread_spans)
print("the same sections in three threads (control):")
print(f"  some sections overlapped in time (a thread was paused mid-section): {thread_overlaps > 0}")
assert thread_overlaps > 0, "the control found no overlap: the measurement is blind"

print("verdict: false - tasks run concurrently, one section at a time, never in parallel")
