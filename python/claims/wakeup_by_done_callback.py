"""Chapter 3 (no claim ID): how asyncio resumes a task that waits.

Notes 000 and 004 say that a coroutine which awaits something is resumed
once that something is ready, and note 000 pictures the event loop keeping
watch over its idle coroutines to do so. We look at how CPython actually
does it, with the default (C) tasks and with the pure-Python ones in
`asyncio.tasks`:

1. A task awaiting a future registers one of its own methods, the wake-up
   method, as a done-callback of that future. Nothing else remembers that
   the task waits.
2. While the future is pending, the loop does not touch the task: we count
   the times the task steps its coroutine while another task keeps the
   loop busy for 1,000 iterations.
3. `set_result` does not resume the task either: it puts the wake-up
   callback on the loop's ready queue (`call_soon`). The next loop
   iteration runs it, and it steps the coroutine: one more step, done.
"""

import asyncio
import asyncio.futures
import asyncio.tasks
import collections.abc


class CountingCoroutine(collections.abc.Coroutine):
    """Wraps a coroutine and counts how often a task steps it."""

    def __init__(self, inner):
        self.inner = inner
        self.steps = 0

    def send(self, value):
        self.steps += 1
        return self.inner.send(value)

    def throw(self, *args):
        self.steps += 1
        return self.inner.throw(*args)

    def close(self):
        self.inner.close()

    def __await__(self):
        return self.inner.__await__()


def callback_name(callback):
    """The callback's qualified name, without the object's address."""
    return getattr(callback, "__qualname__", repr(callback))


async def busy(iterations):
    for _ in range(iterations):
        await asyncio.sleep(0)


async def scenario(make_future, make_task):
    loop = asyncio.get_running_loop()
    future = make_future(loop)

    async def waiter():
        return await future

    coro = CountingCoroutine(waiter())
    task = make_task(coro, loop)
    await asyncio.sleep(0)  # let the task take its first step

    lines = []
    callbacks = [cb for cb, _ctx in future._callbacks]
    lines.append(f"future's done-callbacks: {[callback_name(cb) for cb in callbacks]}")
    assert len(callbacks) == 1
    assert callbacks[0].__self__ is task, "the callback is a method of the task"
    lines.append("  bound to the waiting task: True")
    assert coro.steps == 1
    lines.append(f"steps after the first: {coro.steps}")

    await busy(1000)
    lines.append(f"steps after 1000 loop iterations of another task: {coro.steps}")
    assert coro.steps == 1, "the loop never polls a waiting task"

    future.set_result("ready")
    handles = [h for h in loop._ready if getattr(h._callback, "__self__", None) is task]
    assert len(handles) == 1
    lines.append(
        f"right after set_result: task done {task.done()}, "
        f"steps {coro.steps}, ready queue holds {callback_name(handles[0]._callback)}"
    )
    assert not task.done() and coro.steps == 1

    await asyncio.sleep(0)  # one loop iteration: the wake-up runs
    lines.append(f"one loop iteration later: task done {task.done()}, steps {coro.steps}")
    assert task.done() and coro.steps == 2
    assert task.result() == "ready"
    return lines


def c_future(loop):
    return loop.create_future()


def c_task(coro, loop):
    return loop.create_task(coro)


def py_future(loop):
    return asyncio.futures._PyFuture(loop=loop)


def py_task(coro, loop):
    return asyncio.tasks._PyTask(coro, loop=loop)


for title, make_future, make_task in [
    ("C tasks (the default, _asyncio)", c_future, c_task),
    ("pure-Python tasks (asyncio.tasks._PyTask)", py_future, py_task),
]:
    print(title)
    for line in asyncio.run(scenario(make_future, make_task)):
        print(f"  {line}")

print(
    "verdict: true, but the loop does not watch waiting coroutines; the "
    "awaited future calls the task back (a done-callback scheduled with "
    "call_soon), and only then does the loop step the task again"
)
