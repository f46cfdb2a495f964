"""C20: `create_task` starts running the coroutine immediately.

Notes 002 and 003 both say that wrapping a coroutine in a task sets it
running at once. We log from the creating task and from the new one, and
look at the new coroutine's state right after `create_task` returns. Then we
let the creator yield with `await asyncio.sleep(0)` and look again.
"""

import asyncio
import inspect

log = []


async def child():
    log.append("child: first line runs")
    await asyncio.sleep(0)
    log.append("child: second line runs")
    return "child's result"


async def main():
    child_task = asyncio.create_task(child())
    state = inspect.getcoroutinestate(child_task.get_coro())
    log.append(f"main: create_task returned; child coroutine is {state}")
    log.append(f"main: task.done() = {child_task.done()}")
    # Plenty of plain work: no await, so the loop cannot switch.
    total = sum(range(100_000))
    log.append(f"main: still running without yielding (sum = {total})")
    await asyncio.sleep(0)
    log.append("main: back after one yield")
    return await child_task


result = asyncio.run(main())
for line in log:
    print(line)
print(f"main returned: {result!r}")

assert log[0] == "main: create_task returned; child coroutine is CORO_CREATED"
assert log.index("child: first line runs") > log.index("main: still running without yielding (sum = 4999950000)")
assert log.index("child: first line runs") < log.index("main: back after one yield")

# Python 3.12 added an opt-in factory that does start a task at once (up to
# its first suspension); it is not the default, and 3.11 does not have it.
eager = hasattr(asyncio, "eager_task_factory")
print(f"asyncio.eager_task_factory available: {eager}")

print("verdict: false - create_task schedules the task; "
      "it first runs when its creator yields to the loop")
