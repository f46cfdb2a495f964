"""C13: coroutines do not speed up CPU-heavy work; worker processes do.

Notes 004, 002 and 003 all say so. We run the same pure-Python jobs three
ways: one after another, as coroutines gathered on an event loop, and in a
pool of worker processes.

What must hold on any machine is checked with `assert`: the event loop runs
the jobs strictly one at a time, in one thread, so its wall-clock time can
never drop below the CPU time the jobs need. How much faster the processes
are depends on how many cores are free at that moment, so that part is
reported, not asserted; run with CLAIM_DETAILS=1 to see the measured times
on standard error.
"""

import asyncio
import os
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

DETAILS = os.environ.get("CLAIM_DETAILS") == "1"
JOBS = ("A", "B")
SIZE = 400_000


def crunch(size):
    """Pure-Python arithmetic: the GIL is held the whole time."""
    total = 0
    for i in range(size):
        total += i * i % 13
    return total


def in_process(size):
    return os.getpid(), crunch(size)


def ready(_):
    return os.getpid()


# --- Coroutines on one event loop ---------------------------------------------

events = []  # "A starts", "A ends", ... in the order they happened
cpu_spent = []  # CPU seconds each job's computation took
threads = set()


async def job(name):
    threads.add(threading.get_ident())
    events.append(f"{name} starts")
    cpu_before = time.thread_time()
    result = crunch(SIZE)  # no await inside: nothing can run meanwhile
    cpu_spent.append(time.thread_time() - cpu_before)
    events.append(f"{name} ends")
    return result


async def gather_jobs():
    return await asyncio.gather(*(job(name) for name in JOBS))


def check_event_loop(expected):
    began = time.perf_counter()
    results = asyncio.run(gather_jobs())
    wall = time.perf_counter() - began

    one_at_a_time = events == [f"{n} {what}" for n in JOBS for what in ("starts", "ends")]
    # One thread cannot finish sooner than the CPU time it has to spend.
    no_shortcut = wall >= 0.95 * sum(cpu_spent)

    print(f"asyncio.gather of {len(JOBS)} CPU-bound coroutines:")
    print(f"  results correct: {results == expected}")
    print(f"  order: {', '.join(events)}")
    print(f"  one job at a time, each from start to end: {one_at_a_time}")
    print(f"  threads used: {len(threads)}")
    print(f"  wall-clock time at least the jobs' total CPU time: {no_shortcut}")
    assert results == expected
    assert one_at_a_time
    assert len(threads) == 1
    assert no_shortcut, f"{wall:.3f} s wall for {sum(cpu_spent):.3f} s of CPU"
    return wall


# --- A pool of processes --------------------------------------------------------


def check_processes(expected):
    with ProcessPoolExecutor(max_workers=len(JOBS)) as pool:
        # Start every worker before timing, so we time the work only.
        list(pool.map(ready, range(len(JOBS))))
        began = time.perf_counter()
        answers = list(pool.map(in_process, [SIZE] * len(JOBS)))
        wall = time.perf_counter() - began
    pids = {pid for pid, _ in answers}

    print(f"ProcessPoolExecutor with {len(JOBS)} workers:")
    print(f"  results correct: {[r for _, r in answers] == expected}")
    print(f"  ran in other processes, each with its own interpreter and GIL: "
          f"{os.getpid() not in pids}")
    assert [r for _, r in answers] == expected
    assert os.getpid() not in pids
    return wall, len(pids)


def main():
    began = time.perf_counter()
    expected = [crunch(SIZE) for _ in JOBS]  # one after another
    serial_wall = time.perf_counter() - began

    gather_wall = check_event_loop(expected)
    pool_wall, workers = check_processes(expected)

    if DETAILS:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        print(
            f"    [{cores} cores; one after another {serial_wall:.3f} s; "
            f"gather {gather_wall:.3f} s ({serial_wall / gather_wall:.2f}x); "
            f"processes {pool_wall:.3f} s ({serial_wall / pool_wall:.2f}x); "
            f"workers that took a job: {workers}]",
            file=sys.stderr,
        )
    print("verdict: true - the loop only interleaves; more cores need more processes")


# The guard matters: where worker processes are spawned rather than forked
# (macOS, Windows), each worker imports this file again.
if __name__ == "__main__":
    main()
