"""C34: a coroutine is a specialised generator function.

We put a generator and an `async def` coroutine side by side: they are
driven by the same protocol (send, StopIteration carrying the return value)
and carry the same machinery (a frame, a "suspended" flag), yet since
Python 3.5 a coroutine is its own type, not a generator.

Run under CPython 3.11+: python3 c34_coroutine_is_a_generator.py
"""
import asyncio
import inspect
import types


def make_generator():
    yield "paused"
    return "gen result"


async def make_coroutine():
    await asyncio.sleep(0)  # sleep(0) is a bare `yield` to whoever drives us
    return "coro result"


def drive(obj):
    """Drive a generator or a coroutine by hand, the same way for both."""
    steps = []
    while True:
        try:
            steps.append(("yielded", obj.send(None)))
        except StopIteration as stop:
            steps.append(("returned", stop.value))
            return steps


print("-- the same protocol")
gen_steps = drive(make_generator())
coro_steps = drive(make_coroutine())
print("generator driven by send(None):", gen_steps)
print("coroutine driven by send(None):", coro_steps)
assert [kind for kind, _ in gen_steps] == [kind for kind, _ in coro_steps]

print("-- the same machinery, under other names")
gen, coro = make_generator(), make_coroutine()
gen_attrs = {name[3:] for name in dir(gen) if name.startswith("gi_")}
coro_attrs = {name[3:] for name in dir(coro) if name.startswith("cr_")}
print("gi_* and cr_* in common:", sorted(gen_attrs & coro_attrs))
print("only gi_*:", sorted(gen_attrs - coro_attrs))
print("only cr_*:", sorted(coro_attrs - gen_attrs))
for method in ["send", "throw", "close"]:
    assert hasattr(gen, method) and hasattr(coro, method)
print("both have send, throw and close: True")
gen.close()
coro.close()  # closed unstarted: no "never awaited" warning

print("-- but not the same type")
coro = make_coroutine()
print("coroutine is a types.GeneratorType:", isinstance(coro, types.GeneratorType))
print("inspect.isgenerator(coroutine):", inspect.isgenerator(coro))
try:
    next(coro)
except TypeError as err:
    print("next(coroutine):", f"TypeError: {err}")
coro.close()
flags = make_coroutine.__code__.co_flags
print("coroutine function flags: CO_COROUTINE", bool(flags & inspect.CO_COROUTINE),
      "CO_GENERATOR", bool(flags & inspect.CO_GENERATOR))
assert not isinstance(coro, types.GeneratorType)
assert flags & inspect.CO_COROUTINE and not flags & inspect.CO_GENERATOR


async def awaits(obj):
    return await obj


try:
    awaits(make_generator()).send(None)
except TypeError as err:
    print("await on a plain generator:", f"TypeError: {err}")
