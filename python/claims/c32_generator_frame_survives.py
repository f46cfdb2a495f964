"""C32: calling a generator function runs none of its body, and the
generator's frame (its locals, and the place it paused) survives from one
next() to the next.

Run under CPython 3.11+: python3 c32_generator_frame_survives.py
"""
import inspect
import sys

log = []


def ticker(n):
    log.append("body started")
    label = "tick"
    for i in range(n):
        yield f"{label} {i}"


def line_in_body(gen):
    """The line the frame is at, counted from the `def` line."""
    return gen.gi_frame.f_lineno - ticker.__code__.co_firstlineno


gen = ticker(2)
assert log == [], "the call ran part of the body"
assert inspect.getgeneratorstate(gen) == "GEN_CREATED"
print("after gen = ticker(2):")
print("  body has run:", bool(log))
print("  state:", inspect.getgeneratorstate(gen))
print("  frame locals:", dict(gen.gi_frame.f_locals))
print("  suspended at a yield:", gen.gi_suspended)

frame = gen.gi_frame
for _ in range(2):
    value = next(gen)
    assert inspect.getgeneratorstate(gen) == "GEN_SUSPENDED"
    assert gen.gi_frame is frame, "a new frame was made for this next()"
    print(f"next(gen) -> {value!r}")
    print("  state:", inspect.getgeneratorstate(gen))
    print("  frame locals:", dict(sorted(gen.gi_frame.f_locals.items())))
    print("  paused at body line:", line_in_body(gen))
    print("  suspended at a yield:", gen.gi_suspended)
    print("  same frame object as before:", gen.gi_frame is frame)
assert log == ["body started"], "the body's first line ran more than once"
print("body started, in all:", len(log), "time")


# Where does the surviving frame live? Since 3.11 the frame's slots are
# part of the generator object itself (a Python-level frame object is only
# made when someone asks for gi_frame), so a generator whose function has
# more locals is a bigger object. Before 3.11 the size was the same.
def few_locals():
    yield


def many_locals():
    a = b = c = d = e = f = g = h = 0
    yield a + b + c + d + e + f + g + h


bigger = sys.getsizeof(many_locals()) > sys.getsizeof(few_locals())
assert bigger == (sys.version_info >= (3, 11))
print("a generator with 8 more locals is a bigger object:", bigger)
