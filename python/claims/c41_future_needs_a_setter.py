"""C41: creating a future with `loop.create_future()` and handing it to
`asyncio.wait` shows how a future is used.

Note 001 gives two such lines as its example of a future. We run the same
two calls as they stand, then with the missing `await`, then with the
missing piece that makes a future useful: someone who sets its result.

1. As they stand, the `asyncio.wait(...)` call only creates a coroutine
   object; it is dropped at once, never run, and Python warns that it was
   never awaited.
2. Awaited, it waits for a future that nobody will ever complete; we bound
   the wait with a timeout to see that nothing happens.
3. With a producer that calls `set_result`, the same wait finishes, and the
   result is there.
"""

import asyncio
import gc
import warnings


# --- 1. The two calls as they stand --------------------------------------------

loop = asyncio.new_event_loop()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    placeholder = loop.create_future()
    asyncio.wait([placeholder])  # no await: only a coroutine object, dropped
    gc.collect()  # CPython warns as soon as the coroutine is dropped; be sure
messages = [f"{w.category.__name__}: {w.message}" for w in caught]
print("1. as they stand, outside any coroutine")
for message in messages:
    print(f"  warning: {message}")
print(f"  future done: {placeholder.done()}")
assert messages == ["RuntimeWarning: coroutine 'wait' was never awaited"]
assert not placeholder.done()
loop.close()


# --- 2. Awaited, with nobody to set the future --------------------------------


async def nobody_sets_it():
    future = asyncio.get_running_loop().create_future()
    done, pending = await asyncio.wait([future], timeout=0.05)
    return len(done), len(pending), future.done()


done, pending, is_done = asyncio.run(nobody_sets_it())
print("2. awaited, with a 0.05 s timeout, nobody sets the future")
print(f"  done: {done}, pending: {pending}, future done: {is_done}")
assert (done, pending, is_done) == (0, 1, False)


# --- 3. A producer sets it ----------------------------------------------------


async def someone_sets_it():
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    order = []
    future.add_done_callback(lambda f: order.append(f"callback sees {f.result()!r}"))

    async def producer():
        await asyncio.sleep(0)
        order.append("producer sets the result")
        future.set_result("the answer")

    loop.create_task(producer())
    done, pending = await asyncio.wait([future])
    order.append(f"wait returns: {len(done)} done, {len(pending)} pending")
    order.append(f"await future: {await future!r}")
    return order


order = asyncio.run(someone_sets_it())
print("3. awaited, and a producer task sets the future")
for line in order:
    print(f"  {line}")
assert order == [
    "producer sets the result",
    "callback sees 'the answer'",
    "wait returns: 1 done, 0 pending",
    "await future: 'the answer'",
]

print("verdict: false as it stands - the wait() coroutine is never awaited and "
      "nothing sets the future; a future is a placeholder that is useful "
      "only once some other code completes it")
