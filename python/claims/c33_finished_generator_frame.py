"""C33: when a generator finishes, StopIteration is raised and the
generator's frame is discarded.

We watch one local of the generator through a weak reference: it stays
alive while the generator is paused and dies when the generator returns.
Then the "but": a frame object that someone else still holds keeps its
locals alive after the generator has let go of it.

Run under CPython 3.11+: python3 c33_finished_generator_frame.py
"""
import inspect
import weakref


class Resource:
    """Something whose lifetime we can watch."""


watched = []


def worker():
    resource = Resource()
    watched.append(weakref.ref(resource))
    yield "working"
    return "the result"


def alive():
    return watched[-1]() is not None


print("-- run to the end")
gen = worker()
print("next(gen) ->", repr(next(gen)))
print("  paused: local alive:", alive())
assert alive()
try:
    next(gen)
    raise AssertionError("the generator should have finished")
except StopIteration as stop:
    print("next(gen) raised StopIteration, value:", repr(stop.value))
    assert stop.value == "the result"
print("  state:", inspect.getgeneratorstate(gen))
print("  gi_frame:", gen.gi_frame)
print("  local alive:", alive())
assert gen.gi_frame is None and not alive()
try:
    next(gen)
except StopIteration as again:
    print("next(gen) again raised StopIteration, value:", repr(again.value))
    assert again.value is None

print("-- the same, while we hold on to the frame object")
gen = worker()
next(gen)
kept = gen.gi_frame
try:
    next(gen)
except StopIteration:
    pass
print("  gi_frame:", gen.gi_frame)
print("  local alive:", alive())
print("  locals of the kept frame:", sorted(kept.f_locals))
assert gen.gi_frame is None and alive()
del kept
print("  after `del kept`, local alive:", alive())
assert not alive()

print("-- abandoned half-way, then closed")
gen = worker()
next(gen)
print("  paused: local alive:", alive())
gen.close()
print("  after close(): state:", inspect.getgeneratorstate(gen), "local alive:", alive())
assert not alive()
