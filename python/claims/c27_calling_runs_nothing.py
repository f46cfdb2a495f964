"""C27: calling an `async def` function runs none of its body; it returns a
coroutine object.

Notes 001 and 003 say so. We call such a function and look at what came
back and at what ran, then drive the object one step at a time with
`send(None)` - the same protocol as a generator's - to see exactly when the
body starts.
"""

import asyncio
import inspect
import types

ran = []


async def body_with_one_pause():
    ran.append("first line")
    await asyncio.sleep(0)  # a bare yield to whoever drives us
    ran.append("after the await")
    return "the return value"


coro = body_with_one_pause()
print(f"type of the call's value: {type(coro).__name__}")
print(f"inspect.iscoroutine: {inspect.iscoroutine(coro)}")
print(f"is a types.CoroutineType: {isinstance(coro, types.CoroutineType)}")
print(f"state: {inspect.getcoroutinestate(coro)}")
print(f"lines run after the call: {ran}")
assert isinstance(coro, types.CoroutineType)
assert inspect.getcoroutinestate(coro) == inspect.CORO_CREATED
assert ran == []

yielded = coro.send(None)
print(f"first send(None) yielded {yielded!r}; state: {inspect.getcoroutinestate(coro)}")
print(f"lines run: {ran}")
assert yielded is None and ran == ["first line"]
assert inspect.getcoroutinestate(coro) == inspect.CORO_SUSPENDED

try:
    coro.send(None)
    raise AssertionError("the coroutine should have finished")
except StopIteration as stop:
    print(f"second send(None) raised StopIteration({stop.value!r})")
    assert stop.value == "the return value"
print(f"lines run: {ran}; state: {inspect.getcoroutinestate(coro)}")
assert ran == ["first line", "after the await"]
assert inspect.getcoroutinestate(coro) == inspect.CORO_CLOSED

print("verdict: true - the call only creates the coroutine object; the body "
      "starts on the first send, which is what the event loop does for you")
