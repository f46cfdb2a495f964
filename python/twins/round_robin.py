"""Twin of crates/01-generators/examples/round_robin.rs, under asyncio.

Three count() coroutines, gathered. Each says "One", gives the loop a turn,
then says "Two". The pause is `asyncio.sleep(0)`, not a timed sleep: our
round-robin scheduler has no clock, and a task that yields there goes
straight to the back of the queue, which is what sleep(0) does under
asyncio. The lines printed are the end of the Rust demo's output, word for
word, so a test can compare the two.
"""

import asyncio

said = []
finished = []


async def count(name):
    said.append(f"{name}: One")
    await asyncio.sleep(0)  # a bare yield: back of the loop's ready queue
    said.append(f"{name}: Two")
    finished.append(name)


async def three_tasks():
    # The demo spawns A, B and C in that order; gather wraps each coroutine
    # in a task, in argument order, before any of them runs.
    await asyncio.gather(*(count(name) for name in "ABC"))


asyncio.run(three_tasks())
print("what the tasks said, in order:")
for line in said:
    print(f"  {line}")
print(f"finished, in order: {', '.join(finished)}")
