"""C16: `await coro` first turns the coroutine into a task, and
`await asyncio.sleep(...)` is a second task.

Note 004 describes awaiting a coroutine as converting it into a new task
that the event loop runs. We ask the loop: which task is current inside the
awaited coroutine, how many tasks exist, and how many the loop ever saw
created (a task factory counts them). Then we compare with `create_task`.
"""

import asyncio

created = []


def counting_factory(loop, coro, **kwargs):
    task = asyncio.Task(coro, loop=loop, **kwargs)
    created.append(task)
    return task


def where(label):
    task = asyncio.current_task()
    return f"{label}: current task {task.get_name()}, tasks alive {len(asyncio.all_tasks())}"


async def helper():
    line = where("inside `await helper()`")
    await asyncio.sleep(0.01)
    return line


async def main():
    asyncio.get_running_loop().set_task_factory(counting_factory)
    lines = [where("main")]
    lines.append(await helper())
    before = len(created)
    await asyncio.sleep(0.01)
    lines.append(f"`await asyncio.sleep(0.01)` created {len(created) - before} tasks")
    task = asyncio.create_task(helper(), name="made-by-create_task")
    lines.append(await task)
    lines.append(f"tasks the factory made while main ran: {[t.get_name() for t in created]}")
    # asyncio.run's own main task was made before the factory was installed.
    assert [t.get_name() for t in created] == ["made-by-create_task"]
    return lines


lines = asyncio.run(main())
for line in lines:
    print(line)
assert lines[1] == "inside `await helper()`: current task Task-1, tasks alive 1"
assert lines[2] == "`await asyncio.sleep(0.01)` created 0 tasks"

print("verdict: false - awaiting a coroutine runs it inside the awaiting task; "
      "only create_task (or gather, or asyncio.run) makes a task")
