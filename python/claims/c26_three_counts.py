"""C26: three concurrent count() calls take about 1 s and print every "One"
before any "Two"; the plain version takes 3 s (note 001, note 002).

To stay quick, one second of the note's program lasts SECOND real seconds
here (a quarter); times are in the note's seconds, with loose upper bounds.

The "but": the order does not come from the one-second sleep. Any await
that hands the loop back gives the same order, even asyncio.sleep(0),
because all three tasks run their first step in the same turn of the loop.
"""

import asyncio
import time

SECOND = 0.25


def run_counts(delay):
    said = []

    async def count():
        said.append("One")
        await asyncio.sleep(delay)
        said.append("Two")

    async def three_at_once():
        await asyncio.gather(*(count() for _ in range(3)))

    began = time.perf_counter()
    asyncio.run(three_at_once())
    return said, (time.perf_counter() - began) / SECOND


said, took = run_counts(1 * SECOND)
print(f"gathered: {' '.join(said)}; 1 s or a little more (under 2 s): {0.95 <= took < 2}")
assert said == ["One"] * 3 + ["Two"] * 3
assert 0.95 <= took < 2, took

said_zero, _ = run_counts(0)
print(f"gathered with asyncio.sleep(0): {' '.join(said_zero)}")
assert said_zero == said


def count_plain(said):
    said.append("One")
    time.sleep(1 * SECOND)
    said.append("Two")


said = []
began = time.perf_counter()
for _ in range(3):
    count_plain(said)
took = (time.perf_counter() - began) / SECOND
print(f"plain: {' '.join(said)}; 3 s or a little more (under 4 s): {2.95 <= took < 4}")
assert said == ["One", "Two"] * 3
assert 2.95 <= took < 4, took
print("verdict: true-but - 1 s vs 3 s; the One-before-Two order holds for any await that yields")
