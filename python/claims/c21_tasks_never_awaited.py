"""C21: when `main` creates two tasks and never awaits them, the total time
is printed before the tasks' first lines, and the tasks never finish.

Note 002 shows such a program and its output. We run our own version,
logging instead of printing times, and look at the tasks after
`asyncio.run` returns.
"""

import asyncio

UNIT = 0.1  # seconds; the tasks wait 1 and 2 units
log = []


async def say_after(units, what):
    log.append(f"say_after({units}, {what!r}) starts")
    await asyncio.sleep(units * UNIT)
    log.append(what)


async def main():
    log.append("main: creating the tasks")
    first = asyncio.create_task(say_after(1, "hello"))
    second = asyncio.create_task(say_after(2, "world"))
    log.append(f"main: {first.get_name()} and {second.get_name()} created, not awaited")
    log.append("main: prints its total time and returns")
    return first, second


tasks = asyncio.run(main())
for line in log:
    print(line)
for task in tasks:
    print(f"after asyncio.run: {task.get_name()} done = {task.done()}, cancelled = {task.cancelled()}")

assert log == [
    "main: creating the tasks",
    "main: Task-2 and Task-3 created, not awaited",
    "main: prints its total time and returns",
    "say_after(1, 'hello') starts",
    "say_after(2, 'world') starts",
]
assert all(task.cancelled() for task in tasks)

print("verdict: true - the tasks first run after main has finished its last "
      "line; they get one step, then asyncio.run cancels them while they wait")
