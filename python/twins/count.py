"""Twin of crates/04-executor/examples/count.rs, under asyncio.

(a) three count_to_two() tasks, awaited in turn; (b) `await count_to_two()`
three times in a row. Every line printed is a `note` of the Rust demo, in
the same words, so a test can compare them line by line. Times are in whole
units (rounded), as in the demo.
"""

import asyncio
import time

UNIT = 0.25  # seconds, as UNIT in the Rust demo


def note(text):
    print(text)


def units(seconds):
    n = int(seconds / UNIT + 0.5)  # halves round up, as Rust's f64::round
    return "1 unit" if n == 1 else f"{n} units"


async def count_to_two():
    note("One")
    await asyncio.sleep(UNIT)
    note("Two")


async def three_tasks():
    # asyncio.gather over three count_to_two() calls makes the same three
    # tasks (chapter 7); here they are made and awaited by hand, as in the
    # demo.
    start = time.monotonic()
    tasks = [asyncio.create_task(count_to_two()) for _ in range(3)]
    for task in tasks:
        await task
    note(f"three tasks: finished after {units(time.monotonic() - start)}")


async def three_awaits():
    start = time.monotonic()
    for _ in range(3):
        await count_to_two()
    note(f"three awaits in a row: finished after {units(time.monotonic() - start)}")


asyncio.run(three_tasks())
asyncio.run(three_awaits())
