"""C12: under the GIL, threads may not help even when the work is I/O-bound.

Note 001 says this. The GIL lets only one thread run Python bytecode at a
time, but a thread gives it up whenever it blocks in the operating system:
in `time.sleep`, in a socket read, in a file read. So threads that wait
overlap their waits. What the GIL does stop is two threads *computing* in
Python at the same time.

We time four threads that each wait 0.25 s (sleeping, then on a socket),
and we measure how much CPU two computing threads manage to use together.
Bounds are loose on purpose: this must hold on a busy machine too. Run with
CLAIM_DETAILS=1 to see the measured times on standard error.
"""

import os
import socket
import sys
import threading
import time

DETAILS = os.environ.get("CLAIM_DETAILS") == "1"
THREADS = 4
WAIT = 0.25  # seconds each thread waits


def run_in_threads(job, count):
    """Starts `count` threads running `job` together; returns the wall time."""
    start_line = threading.Barrier(count + 1)

    def body():
        start_line.wait()
        job()

    threads = [threading.Thread(target=body) for _ in range(count)]
    for t in threads:
        t.start()
    start_line.wait()
    began = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - began


# --- I/O-bound: waiting ------------------------------------------------------


def sleep_job():
    time.sleep(WAIT)


def socket_job():
    # Nobody writes to this socket: recv waits in the kernel until the
    # timeout, the way a slow server would keep a client waiting.
    mine, other = socket.socketpair()
    with mine, other:
        mine.settimeout(WAIT)
        try:
            mine.recv(1)
        except socket.timeout:
            pass


print(f"I/O-bound: {THREADS} threads each wait {WAIT} s; one after another would take {THREADS * WAIT} s")
for name, job in (("time.sleep", sleep_job), ("socket recv", socket_job)):
    elapsed = run_in_threads(job, THREADS)
    overlapped = elapsed < 0.6 * THREADS * WAIT
    if DETAILS:
        print(f"    [{name}: {elapsed:.3f} s]", file=sys.stderr)
    print(f"  {name}: the waits overlapped (done in well under {THREADS * WAIT} s): {overlapped}")
    assert elapsed >= WAIT * 0.9, "a wait ended early"
    assert overlapped, f"{name}: {THREADS} threads took {elapsed:.2f} s"


# --- CPU-bound: computing ----------------------------------------------------


def cpu_job():
    total = 0
    for i in range(300_000):
        total += i % 7
    return total


def in_turn():
    began = time.perf_counter()
    cpu_job()
    cpu_job()
    return time.perf_counter() - began


def measure_threads():
    cpu_before = time.process_time()  # all threads of this process
    wall = run_in_threads(cpu_job, 2)
    return wall, (time.process_time() - cpu_before) / wall


gil = getattr(sys, "_is_gil_enabled", lambda: True)()
print("CPU-bound: two pure-Python jobs in two threads")
print(f"  this interpreter has a GIL: {gil}")

# Wall-clock speed-ups swing with the load other programs put on the
# machine. CPU time does not lie in one direction: two threads computing
# side by side on two cores would burn about two CPU-seconds per second.
# Under the GIL they take turns, so the process never burns much more
# than one, however many cores are idle.
serial, threaded, cores_used = [], [], []
for _ in range(3):
    serial.append(in_turn())
    wall, ratio = measure_threads()
    threaded.append(wall)
    cores_used.append(ratio)
more_than_one_core = max(cores_used) > 1.5
if DETAILS:
    print(f"    [in turn: best {min(serial):.3f} s; two threads: best {min(threaded):.3f} s, "
          f"{max(cores_used):.2f} CPU-seconds per second at most]", file=sys.stderr)
print(f"  the two threads ever computed at the same time (over 1.5 CPU-seconds per second): {more_than_one_core}")
if gil:
    assert not more_than_one_core, f"{max(cores_used):.2f} CPU-seconds per second"

print("verdict: false - waiting threads overlap; the GIL serialises only Python computation")
