"""C36: old-style coroutines are written with `@asyncio.coroutine` and
`yield from`.

True once, not any more: the decorator came with asyncio in 3.4, warns
that it is deprecated from 3.8, and is gone from 3.11 on. What it did
survives as `types.coroutine`, which marks a generator as awaitable.

The test suite runs this under python3 (3.11 here). It runs under 3.7 to
3.10 as well, where it takes the other branch and shows the decorator
still working (and, from 3.8, warning): set `PYTHON` to such an interpreter
and `cargo test -p aio-generators --test behaviour claims::` shows the
difference as a snapshot diff.
"""
import asyncio
import inspect
import sys
import types
import warnings

has_decorator = hasattr(asyncio, "coroutine")
print("asyncio has a `coroutine` decorator:", has_decorator)
assert has_decorator == (sys.version_info < (3, 11))

if has_decorator:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")

        @asyncio.coroutine
        def decorated():
            yield from asyncio.sleep(0)
            return "decorated result"

    print("decorating warned:", [str(w.message) for w in caught] or "nothing")
    print("asyncio.run(decorated()) ->", asyncio.run(decorated()))
else:
    try:
        asyncio.coroutine
    except AttributeError as err:
        print("asyncio.coroutine ->", f"AttributeError: {err}")


# The old style, with the decorator that is still there in every version.
@types.coroutine
def old_style(value):
    yield from asyncio.sleep(0)
    return value * 2


# The same generator without it.
def undecorated(value):
    yield from asyncio.sleep(0)
    return value * 2


flag = inspect.CO_ITERABLE_COROUTINE
print("types.coroutine sets CO_ITERABLE_COROUTINE:",
      bool(old_style.__code__.co_flags & flag),
      "| undecorated:", bool(undecorated.__code__.co_flags & flag))


async def main():
    doubled = await old_style(21)
    print("await old_style(21) inside async def ->", doubled)
    assert doubled == 42
    try:
        await undecorated(21)
    except TypeError as err:
        print("await undecorated(21) ->", f"TypeError: {err}")
    else:
        raise AssertionError("an undecorated generator was awaitable")


asyncio.run(main())
