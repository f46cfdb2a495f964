"""C28: creating the coroutine object of `main()` already starts the first
task.

Note 004 comments the line that creates its coroutine object as also
starting the first task. We look for any sign of a start between creating
the object and handing it to `asyncio.run`: a line of the body that ran, an
event loop, a task. Then we check that `asyncio.run` is what wraps this very
object in the first task.
"""

import asyncio
import inspect

events = []


async def main():
    events.append("main's body runs")
    task = asyncio.current_task()
    events.append(f"current task wraps the_coroutine: {task.get_coro() is the_coroutine}")
    await asyncio.sleep(0)
    return "finished"


the_coroutine = main()
events.append("the_coroutine created")

try:
    asyncio.get_running_loop()
    loop_status = "running"
except RuntimeError as exc:
    loop_status = f"RuntimeError: {exc}"

print("after `the_coroutine = main()`:")
print(f"  events so far: {events}")
print(f"  coroutine state: {inspect.getcoroutinestate(the_coroutine)}")
print(f"  get_running_loop(): {loop_status}")
assert inspect.getcoroutinestate(the_coroutine) == inspect.CORO_CREATED
assert loop_status == "RuntimeError: no running event loop"
assert events == ["the_coroutine created"]

result = asyncio.run(the_coroutine)
print("after `asyncio.run(the_coroutine)`:")
for event in events:
    print(f"  {event}")
print(f"  returned: {result!r}; coroutine state: {inspect.getcoroutinestate(the_coroutine)}")
assert events == [
    "the_coroutine created",
    "main's body runs",
    "current task wraps the_coroutine: True",
]
assert result == "finished"

print("verdict: false - creating the coroutine object starts nothing; "
      "asyncio.run makes the loop and wraps that object in the first task")
