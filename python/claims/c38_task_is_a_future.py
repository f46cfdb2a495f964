"""C38 (the parts checked in chapter 4): `Task` derives from `Future`, and
the tasks we get are `_asyncio.Task` objects.

Note 001 says a task is a Future that wraps a coroutine; note 003 says the
object `create_task` returns is of class `_asyncio.Task`. (The same claim's
part about select/epoll is checked in chapter 5.) We look at the classes and
at a live task, and use the Future side of a task: a done callback and
`result()`.
"""

import asyncio


async def work():
    await asyncio.sleep(0)
    return "result"


async def look_at_a_task():
    task = asyncio.create_task(work())
    cls = type(task)
    print(f"type(task): {cls.__module__}.{cls.__qualname__}")
    print(f"asyncio.Task is that class: {asyncio.Task is cls}")
    print(f"issubclass(asyncio.Task, asyncio.Future): {issubclass(asyncio.Task, asyncio.Future)}")
    print(f"isinstance(task, asyncio.Future): {isinstance(task, asyncio.Future)}")
    print(f"Task's bases: {[f'{b.__module__}.{b.__qualname__}' for b in cls.__bases__]}")
    # The pure-Python versions stay in the library as a fallback.
    py_task = asyncio.tasks._PyTask
    print(f"pure-Python fallback: {py_task.__module__}.{py_task.__qualname__} "
          f"subclasses {py_task.__bases__[0].__module__}.{py_task.__bases__[0].__qualname__}")

    seen = []
    task.add_done_callback(lambda t: seen.append(t.result()))
    await task
    await asyncio.sleep(0)  # done callbacks are scheduled with call_soon
    print(f"used as a Future: done callback saw {seen[0]!r}, task.result() = {task.result()!r}")

    assert cls.__module__ == "_asyncio" and cls.__qualname__ == "Task"
    assert issubclass(asyncio.Task, asyncio.Future) and isinstance(task, asyncio.Future)
    assert issubclass(py_task, asyncio.futures._PyFuture)
    assert seen == ["result"]


asyncio.run(look_at_a_task())
print("verdict: true - asyncio.Task is the C class _asyncio.Task, a subclass of "
      "_asyncio.Future; a task can be used wherever a future can")
