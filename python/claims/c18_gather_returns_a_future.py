"""C18: `gather` is not a coroutine; it returns a future (note 004).

We look at `asyncio.gather` and at what one call returns, next to a call of
an `async def` function. `gather` is a plain function; its result is an
`asyncio.Future` (a private subclass, not a Task), not a coroutine. Being a
future has consequences we show: the work is already scheduled when the
call returns, so it runs even if nobody awaits the future; and the future
can be awaited more than once, which a coroutine cannot.
"""

import asyncio
import inspect

log = []


async def child(label):
    await asyncio.sleep(0)
    log.append(f"{label} finished")
    return label


async def main():
    print(f"inspect.iscoroutinefunction(asyncio.gather): {inspect.iscoroutinefunction(asyncio.gather)}")
    print(f"inspect.iscoroutinefunction(child): {inspect.iscoroutinefunction(child)}")

    coro = child("plain coroutine")
    future = asyncio.gather(child("x"), child("y"))
    print(f"child(...) returns a coroutine: {asyncio.iscoroutine(coro)}; "
          f"an asyncio.Future: {isinstance(coro, asyncio.Future)}")
    print(f"gather(...) returns a coroutine: {asyncio.iscoroutine(future)}; "
          f"an asyncio.Future: {isinstance(future, asyncio.Future)}; "
          f"a Task: {isinstance(future, asyncio.Task)}; "
          f"class {type(future).__name__}")
    assert not inspect.iscoroutinefunction(asyncio.gather)
    assert isinstance(future, asyncio.Future) and not asyncio.iscoroutine(future)

    # Never awaited, the gathered children run anyway once main yields.
    for _ in range(3):
        await asyncio.sleep(0)
    print(f"after three yields, without awaiting either: {log}; "
          f"gather future done: {future.done()}")
    assert log == ["x finished", "y finished"] and future.done()

    first, second = await future, await future
    print(f"await the future twice: {first} then {second}")
    await coro
    try:
        await coro
    except RuntimeError as err:
        print(f"await the coroutine twice: RuntimeError: {err}")
    print(f"the plain coroutine ran only when awaited: {log}")
    assert log[-1] == "plain coroutine finished"


asyncio.run(main())
print("verdict: true - gather is a plain function returning an asyncio.Future "
      "(a private subclass, not a Task); its children are already scheduled "
      "tasks, and the future can be awaited later, or more than once")
