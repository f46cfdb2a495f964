"""C09: `asyncio.run` makes a new event loop, runs the coroutine on it, then
closes the loop.

Note 003 lists these three steps, and note 000 shows `asyncio.run` as the
one call that manages the loop for you. We keep the loop each call ran on
and look at it afterwards; we also leave a task unfinished to see what
closing does to it.
"""

import asyncio

seen = []


async def main(tag):
    loop = asyncio.get_running_loop()
    seen.append(loop)
    left_behind = asyncio.create_task(asyncio.sleep(3600), name=f"left-behind-{tag}")
    await asyncio.sleep(0)  # let it start waiting
    print(f"run {tag}: inside, loop running = {loop.is_running()}, closed = {loop.is_closed()}")
    return left_behind


first = asyncio.run(main("a"))
second = asyncio.run(main("b"))
loop_a, loop_b = seen

print(f"the two runs used the same loop object: {loop_a is loop_b}")
for tag, loop, task in (("a", loop_a, first), ("b", loop_b, second)):
    print(f"run {tag}: after, loop running = {loop.is_running()}, closed = {loop.is_closed()}; "
          f"{task.get_name()} cancelled = {task.cancelled()}")

assert loop_a is not loop_b
assert loop_a.is_closed() and loop_b.is_closed()
assert first.cancelled() and second.cancelled()

print("verdict: true - each asyncio.run makes a fresh loop and closes it at the "
      "end; before closing, it cancels the tasks still pending")
