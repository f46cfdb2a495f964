"""C22: awaiting task 1 before creating task 2 makes the program sequential,
3 s for a 1-s and a 2-s sleep (note 002).

Full scale: this script takes about 3 s. The time is rounded to whole
seconds; the bound above it is loose, for a busy machine.
"""

import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    return what


async def main():
    first = asyncio.create_task(say_after(1, "hello"))
    await first
    # The second task does not exist until the first one is done.
    second = asyncio.create_task(say_after(2, "world"))
    await second
    return [first.result(), second.result()]


began = time.perf_counter()
results = asyncio.run(main())
elapsed = time.perf_counter() - began
print(f"results: {results}")
print(f"took 3 s or a little more (under 3.5 s): {2.95 <= elapsed < 3.5}")
assert 2.95 <= elapsed < 3.5, elapsed
print("verdict: true - the second sleep cannot start before the second task exists")
