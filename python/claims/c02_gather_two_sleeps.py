"""C02: three coroutines that each sleep 1 s twice take about 2 s gathered,
and about 6 s as plain functions (note 000).

The gathered version overlaps the three tasks' sleeps; the plain version
blocks in time.sleep, so the sleeps add up. To stay quick, one second of the
note's program lasts SECOND real seconds here (a quarter), and the times are
measured in the note's seconds. Sleeps never end early, so the lower
bounds are exact; the upper bounds are loose, for a busy machine.
"""

import asyncio
import time

SECOND = 0.25


async def two_polite_sleeps():
    for _ in range(2):
        await asyncio.sleep(1 * SECOND)


def two_blocking_sleeps():
    for _ in range(2):
        time.sleep(1 * SECOND)


async def three_gathered():
    coroutines = [two_polite_sleeps(), two_polite_sleeps(), two_polite_sleeps()]
    await asyncio.gather(*coroutines)


began = time.perf_counter()
asyncio.run(three_gathered())
gathered = (time.perf_counter() - began) / SECOND

began = time.perf_counter()
for _ in range(3):
    two_blocking_sleeps()
plain = (time.perf_counter() - began) / SECOND

print(f"three coroutines gathered: 2 s or a little more (under 3 s): {1.95 <= gathered < 3}")
print(f"three plain functions with time.sleep: 6 s or a little more (under 7 s): {5.95 <= plain < 7}")
assert 1.95 <= gathered < 3, gathered
assert 5.95 <= plain < 7, plain
print("verdict: true - the sleeps overlap only when they hand the loop back")
