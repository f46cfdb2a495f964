"""C37: an awaitable is a coroutine, or an object whose `__await__` returns
an iterator.

Note 001 gives this two-way definition. We test each half, the edges of the
second half, and the kinds of awaitable it leaves out:

1. a coroutine object is awaitable;
2. an object whose `__await__` returns an iterator is awaitable, and
   awaiting it runs that iterator: each value it yields goes up to whoever
   drives the outer coroutine (under asyncio, the Task, which accepts only a
   bare None or an asyncio future);
3. `__await__` returning something that is not an iterator is a TypeError,
   and so is returning a coroutine, although a coroutine is awaitable;
4. a generator-based coroutine (`types.coroutine`) is awaitable with no
   `__await__` at all; a plain generator is not.
"""

import asyncio
import inspect
import types


def drive(coro):
    """Send None until the coroutine returns; collect what it yields."""
    yielded = []
    while True:
        try:
            yielded.append(coro.send(None))
        except StopIteration as stop:
            return stop.value, yielded


def outcome_of(awaitable):
    async def outer():
        return await awaitable

    try:
        return repr(drive(outer()))
    except TypeError as exc:
        return f"TypeError: {exc}"


# --- 1. A coroutine -----------------------------------------------------------


async def forty_two():
    return 42


coro = forty_two()
print(f"1. coroutine: isawaitable={inspect.isawaitable(coro)}, "
      f"has __await__={hasattr(coro, '__await__')}, await gives {outcome_of(coro)}")
# A coroutine has an __await__ method of its own: the first half of the
# definition is a case of the second.
assert hasattr(coro, "__await__")
assert outcome_of(forty_two()) == "(42, [])"


# --- 2. __await__ returning an iterator ---------------------------------------


class Ticks:
    """Pauses `n` times (a bare yield each), then is worth 'ticked'."""

    def __init__(self, n):
        self.n = n

    def __await__(self):
        for _ in range(self.n):
            yield None
        return "ticked"


print(f"2. __await__ is a generator: isawaitable={inspect.isawaitable(Ticks(2))}, "
      f"await gives {outcome_of(Ticks(2))}")
assert outcome_of(Ticks(2)) == "('ticked', [None, None])"


class PlainIterator:
    def __await__(self):
        return iter(["a", "b"])


print(f"   __await__ is iter(['a', 'b']): await gives {outcome_of(PlainIterator())}")
assert outcome_of(PlainIterator()) == "(None, ['a', 'b'])"


async def under_asyncio(awaitable):
    try:
        return repr(await awaitable)
    except RuntimeError as exc:
        return f"RuntimeError: {exc}"


print(f"   under asyncio.run, Ticks(2): {asyncio.run(under_asyncio(Ticks(2)))}")
print(f"   under asyncio.run, iter(['a', 'b']): "
      f"{asyncio.run(under_asyncio(PlainIterator()))}")
assert asyncio.run(under_asyncio(Ticks(2))) == "'ticked'"
assert asyncio.run(under_asyncio(PlainIterator())).startswith("RuntimeError: Task got bad yield")


# --- 3. What __await__ may not return -----------------------------------------


class ReturnsList:
    def __await__(self):
        return ["not", "an", "iterator"]


class ReturnsCoroutine:
    def __init__(self):
        self.inner = forty_two()

    def __await__(self):
        return self.inner


print(f"3. __await__ returns a list: {outcome_of(ReturnsList())}")
assert outcome_of(ReturnsList()).startswith("TypeError: __await__() returned non-iterator")
returns_coroutine = ReturnsCoroutine()
text = outcome_of(returns_coroutine)
returns_coroutine.inner.close()  # refused unstarted; close it to keep quiet
print(f"   __await__ returns a coroutine: {text}")
assert text == "TypeError: __await__() returned a coroutine"


# --- 4. Awaitables without __await__, and a look-alike that is not one --------


@types.coroutine
def old_style():
    yield None
    return "old style"


def plain_generator():
    yield None
    return "plain"


print(f"4. types.coroutine generator: has __await__="
      f"{hasattr(old_style(), '__await__')}, isawaitable={inspect.isawaitable(old_style())}, "
      f"await gives {outcome_of(old_style())}")
assert not hasattr(old_style(), "__await__")
assert outcome_of(old_style()) == "('old style', [None])"
print(f"   plain generator: isawaitable={inspect.isawaitable(plain_generator())}, "
      f"await gives {outcome_of(plain_generator())}")
assert outcome_of(plain_generator()).startswith("TypeError:")

print("verdict: true-but - right as far as it goes (a coroutine has an __await__ "
      "of its own, and __await__ must return an iterator that is not a "
      "coroutine), but generator-based coroutines are awaitable too, and "
      "asyncio's Task accepts only None or a future from the iterator")
