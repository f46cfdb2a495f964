"""Twin of crates/04-executor/examples/create_task_order.rs, under asyncio.

The same two programs: (a) create task 1, await it, then create and await
task 2; (b) create both, then await both. Every line printed here is a
`note` of the Rust demo, in the same words, so a test can compare the two
runs line by line. Times are in whole units (rounded), as in the demo.
"""

import asyncio
import time

UNIT = 0.25  # seconds, as UNIT in the Rust demo


def note(text):
    print(text)


def units(seconds):
    n = int(seconds / UNIT + 0.5)  # halves round up, as Rust's f64::round
    return "1 unit" if n == 1 else f"{n} units"


async def say_after(units_to_wait, what):
    note(f"say_after({units_to_wait}, '{what}') starts")
    await asyncio.sleep(units_to_wait * UNIT)
    note(what)


async def one_after_the_other():
    start = time.monotonic()
    note("create task 1")
    first = asyncio.create_task(say_after(1, "hello"))
    note("await task 1")
    await first
    note("create task 2")
    second = asyncio.create_task(say_after(2, "world"))
    note("await task 2")
    await second
    note(f"finished after {units(time.monotonic() - start)}")


async def both_at_once():
    start = time.monotonic()
    note("create task 1")
    first = asyncio.create_task(say_after(1, "hello"))
    note("create task 2")
    second = asyncio.create_task(say_after(2, "world"))
    note("await task 1")
    await first
    note("await task 2")
    await second
    note(f"finished after {units(time.monotonic() - start)}")


asyncio.run(one_after_the_other())
asyncio.run(both_at_once())
