"""C03: `gather` wraps bare coroutines into tasks by itself (notes 000, 002).

We hand `gather` two coroutine objects and look at them from inside: each
child runs as an `asyncio.Task` of its own (`current_task()`), and the loop's
set of tasks grows by two the moment `gather` is called. Then the timing the
notes gloss over: the call *schedules* the children; they run no line until
the calling coroutine yields to the loop -- with the `await` of the gather
or with any earlier `await`. A Task handed to `gather` is used as it is, not
wrapped again, and the gather itself is not a Task.
"""

import asyncio

log = []


async def child(label):
    me = asyncio.current_task()
    log.append(f"{label}: first line runs inside a {type(me).__name__}; "
               f"isinstance(me, asyncio.Task) = {isinstance(me, asyncio.Task)}")
    await asyncio.sleep(0)
    return label.upper()


async def main():
    before = len(asyncio.all_tasks())
    first, second = child("first"), child("second")
    gathering = asyncio.gather(first, second)
    added = asyncio.all_tasks() - {asyncio.current_task()}
    log.append(f"main: gather() returned; tasks added to the loop: {len(asyncio.all_tasks()) - before}")
    drives = {t.get_coro() for t in added} == {first, second}
    log.append(f"main: the new tasks drive our two coroutine objects: {drives}")
    log.append(f"main: the gather itself is a Task: {isinstance(gathering, asyncio.Task)}")
    log.append("main: no await yet, so neither child has run a line")
    await asyncio.sleep(0)  # one yield to the loop: the children take their first step
    log.append("main: back after one yield, gather not awaited yet")
    results = await gathering
    log.append(f"main: await gather -> {results}")

    # A task passed in is taken as it is.
    made = asyncio.create_task(child("made"))
    before = len(asyncio.all_tasks())
    outer = asyncio.gather(made)
    log.append(f"main: tasks added by gather(existing_task): {len(asyncio.all_tasks()) - before}")
    log.append(f"main: await gather(existing_task) -> {await outer}")
    return results


asyncio.run(main())
for line in log:
    print(line)

i = log.index
assert i("main: gather() returned; tasks added to the loop: 2") < i("first: first line runs inside a Task; isinstance(me, asyncio.Task) = True")
assert i("main: no await yet, so neither child has run a line") < i("first: first line runs inside a Task; isinstance(me, asyncio.Task) = True")
assert i("second: first line runs inside a Task; isinstance(me, asyncio.Task) = True") < i("main: back after one yield, gather not awaited yet")
assert "main: the new tasks drive our two coroutine objects: True" in log
assert "main: the gather itself is a Task: False" in log
assert "main: tasks added by gather(existing_task): 0" in log
print("verdict: true - gather turns each coroutine into a Task when it is called; "
      "the tasks are scheduled then and first run when the caller yields to the loop, "
      "which need not be the await of the gather")
