"""C07: futures and tasks are mainly a way for threads to talk to each other,
like C++'s std::future.

Note 000 says so. Python has two unrelated Future classes, and the claim
fits only one of them. We check four things:

1. asyncio.Future and concurrent.futures.Future are different classes, and
   their `result()` behave differently: one waits, the other never does;
2. everything an asyncio.Future does (being set, running its callbacks,
   waking the task that awaits it) happens in the event loop's thread;
3. asyncio.Future is not thread-safe: with the loop in debug mode, setting
   it from another thread is refused with a RuntimeError;
4. the sanctioned bridges to threads are separate tools:
   `loop.call_soon_threadsafe` and `asyncio.wrap_future`.
"""

import asyncio
import concurrent.futures
import threading

MAIN = threading.get_ident()


# --- 1. Two classes, two meanings of result() -------------------------------

print("1. two Future classes")
print(f"  asyncio.Future is concurrent.futures.Future: "
      f"{asyncio.Future is concurrent.futures.Future}")
assert asyncio.Future is not concurrent.futures.Future
assert not issubclass(asyncio.Future, concurrent.futures.Future)


async def pending_result():
    fut = asyncio.get_running_loop().create_future()
    try:
        fut.result()
    except asyncio.InvalidStateError as exc:
        return type(exc).__name__, str(exc)


name, message = asyncio.run(pending_result())
print(f"  asyncio.Future().result() while pending raises {name}: {message}")
assert name == "InvalidStateError"

with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
    gate = threading.Event()
    cf = pool.submit(lambda: gate.wait() and "from the worker")
    try:
        cf.result(timeout=0.05)
        waited = False
    except concurrent.futures.TimeoutError:
        waited = True
    gate.set()
    value = cf.result()
print(f"  concurrent.futures.Future.result() while pending waits "
      f"(timed out: {waited}), then returns {value!r}")
assert waited and value == "from the worker"


# --- 2. One thread does all of asyncio.Future's work ------------------------


async def single_thread():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    threads = []
    fut.add_done_callback(lambda f: threads.append(threading.get_ident()))

    async def producer():
        threads.append(threading.get_ident())
        fut.set_result("hello")

    loop.create_task(producer())
    value = await fut
    threads.append(threading.get_ident())
    return value, threads


value, threads = asyncio.run(single_thread())
print("2. producer task, done-callback and awaiting task")
print(f"  awaited value: {value!r}")
print(f"  all ran in the main thread: {set(threads) == {MAIN}} ({len(threads)} checks)")
assert value == "hello" and set(threads) == {MAIN} and len(threads) == 3


# --- 3. Setting an asyncio.Future from another thread -----------------------


async def set_from_thread():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: None)
    outcome = []

    def worker():
        try:
            fut.set_result(1)
            outcome.append("accepted")
        except RuntimeError as exc:
            outcome.append(str(exc))

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    return outcome[0]


# Debug mode makes the loop check which thread schedules a callback; without
# it the mistake goes unnoticed (and the awaiting task may never wake).
outcome = asyncio.run(set_from_thread(), debug=True)
print("3. set_result from a worker thread, loop in debug mode")
print(f"  refused: {outcome}")
assert outcome.startswith("Non-thread-safe operation")


# --- 4. The bridges ---------------------------------------------------------


async def bridges():
    loop = asyncio.get_running_loop()

    fut = loop.create_future()
    threading.Thread(target=lambda: loop.call_soon_threadsafe(fut.set_result, "safe")).start()
    via_call_soon = await fut

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        cf = pool.submit(lambda: "from the pool")
        wrapped = asyncio.wrap_future(cf)
        via_wrap = await wrapped
    return via_call_soon, via_wrap, type(wrapped).__name__


via_call_soon, via_wrap, wrapped_type = asyncio.run(bridges())
print("4. bridges from threads to the loop")
print(f"  loop.call_soon_threadsafe(fut.set_result, ...): {via_call_soon!r}")
print(f"  asyncio.wrap_future(concurrent future) -> {wrapped_type}: {via_wrap!r}")
assert via_call_soon == "safe" and via_wrap == "from the pool"
assert wrapped_type == "Future"

print("verdict: false for asyncio - its Future is a single-threaded placeholder "
      "between tasks; the std::future-like class is concurrent.futures.Future")
