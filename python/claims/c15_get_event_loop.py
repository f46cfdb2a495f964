"""C15: `loop = asyncio.get_event_loop()` followed by
`loop.run_until_complete(...)` is the way to create and drive a loop.

Notes 001 and 003 present this pair as the longhand of `asyncio.run`. We
try it the way a fresh script would, then in the two situations where it
breaks: after the program has used `asyncio.run` once, and in a thread other
than the main one. Last, the explicit form that works everywhere.

Whether `get_event_loop()` warns depends on the version (see the book):
3.12 and 3.13 warn when it has to create the loop, 3.14 refuses. This script
runs under the python3 of the machine and checks what that version does.
"""

import asyncio
import sys
import threading
import warnings

version = sys.version_info[:2]


async def answer():
    await asyncio.sleep(0)
    return 42


def get_loop_recording_warnings():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            loop = asyncio.get_event_loop()
            error = None
        except RuntimeError as exc:
            loop, error = None, exc
    deprecations = [w for w in caught if issubclass(w.category, DeprecationWarning)]
    return loop, error, deprecations


# 1. A fresh program, main thread, no loop set yet.
loop, error, deprecations = get_loop_recording_warnings()
if version >= (3, 14):
    assert loop is None and error is not None
    print("fresh program: get_event_loop() raises RuntimeError")
else:
    result = loop.run_until_complete(answer())
    loop.close()
    print(f"fresh program: get_event_loop() made a loop; run_until_complete -> {result}")
    print(f"  DeprecationWarnings: {len(deprecations)}")
    assert result == 42
    assert len(deprecations) == (1 if version >= (3, 12) else 0)

# 2. After asyncio.run, which leaves "no current loop" behind it.
asyncio.run(answer())
loop, error, _ = get_loop_recording_warnings()
print(f"after asyncio.run: get_event_loop() -> RuntimeError: {error}")
assert loop is None and "There is no current event loop" in str(error)

# 3. Any thread but the main one.
outcome = []
worker = threading.Thread(target=lambda: outcome.append(get_loop_recording_warnings()),
                          name="worker")
worker.start()
worker.join()
loop, error, _ = outcome[0]
print(f"in a worker thread: get_event_loop() -> RuntimeError: {error}")
assert loop is None and "There is no current event loop in thread 'worker'" in str(error)

# 4. The explicit way: make the loop, drive it, close it.
loop = asyncio.new_event_loop()
try:
    result = loop.run_until_complete(answer())
finally:
    loop.close()
print(f"new_event_loop() + run_until_complete -> {result}, then loop.close()")
assert result == 42

print("verdict: version-dependent - the pair works in a fresh 3.11 script, but "
      "get_event_loop() fails after asyncio.run and off the main thread, warns in "
      "3.12-3.13 and raises in 3.14; new_event_loop() (or asyncio.run) is the way")
