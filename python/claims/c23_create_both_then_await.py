"""C23: creating both tasks first and then awaiting both takes 2 s for a
2-s and a 1-s sleep (note 004).

Full scale: this script takes about 2 s. The time is rounded to whole
seconds; the bound above it is loose, for a busy machine.
"""

import asyncio
import time


async def go(delay, what):
    await asyncio.sleep(delay)
    return f"{what}({delay})"


async def main():
    first = asyncio.create_task(go(2, "hello"))
    second = asyncio.create_task(go(1, "world"))
    return [await first, await second]


began = time.perf_counter()
results = asyncio.run(main())
elapsed = time.perf_counter() - began
print(f"results: {results}")
print(f"took 2 s or a little more (under 2.5 s): {1.95 <= elapsed < 2.5}")
assert 1.95 <= elapsed < 2.5, elapsed
print("verdict: true - both sleeps run while main waits for the first")
