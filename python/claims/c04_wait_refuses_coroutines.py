"""C04: `asyncio.wait` cannot take bare coroutines, only tasks (note 000).

Version-dependent. We pass `wait` a list holding one coroutine object, then
the same work wrapped in a task. Under 3.11 and later the coroutine is
refused with a TypeError before anything runs; tasks (and other futures)
are accepted in every version.

What CPython's Lib/asyncio/tasks.py says, release by release (read in the
installed standard libraries of 3.7.16, 3.8.18, 3.9.18, 3.10.13, 3.11.7,
3.12.1 and 3.13.0, and in the issue and pull requests named):
- 3.7: `wait` wraps every element with `ensure_future`, coroutines included,
  silently. (3.4 to 3.7 alike.)
- 3.8: the same code, no warning; only the documentation says passing
  coroutines is deprecated (bpo-34790, python/cpython#9543).
- 3.9 and 3.10: the coroutine is still wrapped, after a DeprecationWarning
  "The explicit passing of coroutine objects to asyncio.wait() is deprecated
  since Python 3.8, and scheduled for removal in Python 3.11." (added by
  python/cpython#16977, merged December 2019, after 3.8.0 was out).
- 3.11, 3.12, 3.13: `TypeError("Passing coroutines is forbidden, use tasks
  explicitly.")` (python/cpython#31964).

Run with PYTHON set to another interpreter to see the other branches.
"""

import asyncio
import sys
import warnings

ran = []


async def work(label):
    ran.append(label)
    await asyncio.sleep(0)
    return label


async def main():
    bare = work("bare coroutine")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            done, pending = await asyncio.wait([bare])
            outcome = f"accepted; done holds a {type(next(iter(done))).__name__}"
        except TypeError as err:
            outcome = f"TypeError: {err}"
            bare.close()  # it never ran; close it so no "never awaited" warning
    warned = [f"{w.category.__name__}: {w.message}" for w in caught]
    print(f"wait([coroutine]) -> {outcome}")
    print(f"warnings: {warned or 'none'}")
    print(f"the coroutine's body ran: {'bare coroutine' in ran}")

    task = asyncio.create_task(work("task"))
    done, pending = await asyncio.wait([task])
    print(f"wait([task]) -> done is {{task}}: {done == {task}}; "
          f"pending is empty: {not pending}; the task's result: {task.result()!r}")
    return outcome, warned


outcome, warned = asyncio.run(main())
if sys.version_info >= (3, 11):
    assert outcome == "TypeError: Passing coroutines is forbidden, use tasks explicitly."
    assert not warned and ran == ["task"]
elif sys.version_info >= (3, 9):
    assert outcome.startswith("accepted") and len(warned) == 1
    assert "deprecated since Python 3.8" in warned[0]
else:
    assert outcome.startswith("accepted") and not warned
print("verdict: version-dependent - refused with TypeError from 3.11; "
      "wrapped with a DeprecationWarning in 3.9 and 3.10; "
      "wrapped silently up to 3.8 (deprecated in 3.8's documentation only)")
