"""C28: `coro_obj = main()` already starts the first task.

Note 004 comments its `coro_obj = main()` line as creating the coroutine
object and starting the first task. We look for any sign of a start between
that line and `asyncio.run(coro_obj)`: a line of the body that ran, an event
loop, a task. Then we check that `asyncio.run` is what wraps this very
object in the first task.
"""

import asyncio
import inspect

events = []


async def main():
    events.append("main's body runs")
    task = asyncio.current_task()
    events.append(f"current task wraps coro_obj: {task.get_coro() is coro_obj}")
    await asyncio.sleep(0)
    return "finished"


coro_obj = main()
events.append("coro_obj created")

try:
    asyncio.get_running_loop()
    loop_status = "running"
except RuntimeError as exc:
    loop_status = f"RuntimeError: {exc}"

print("after `coro_obj = main()`:")
print(f"  events so far: {events}")
print(f"  coroutine state: {inspect.getcoroutinestate(coro_obj)}")
print(f"  get_running_loop(): {loop_status}")
assert inspect.getcoroutinestate(coro_obj) == inspect.CORO_CREATED
assert loop_status == "RuntimeError: no running event loop"
assert events == ["coro_obj created"]

result = asyncio.run(coro_obj)
print("after `asyncio.run(coro_obj)`:")
for event in events:
    print(f"  {event}")
print(f"  returned: {result!r}; coroutine state: {inspect.getcoroutinestate(coro_obj)}")
assert events == [
    "coro_obj created",
    "main's body runs",
    "current task wraps coro_obj: True",
]
assert result == "finished"

print("verdict: false - creating the coroutine object starts nothing; "
      "asyncio.run makes the loop and wraps that object in the first task")
