"""C29: a forgotten `await` means the coroutine never runs, and since Python
3.8 a "never awaited" RuntimeWarning says so.

Note 003 shows a `main` that calls a coroutine function without `await`.
We do the same, record the warnings instead of letting them print, and
force the garbage collection that triggers the warning (CPython warns when
it frees a coroutine object that was never started).
"""

import asyncio
import gc
import warnings

log = []


async def load_report():
    log.append("load_report's body runs")
    await asyncio.sleep(0)


async def main():
    load_report()  # the forgotten await
    log.append("main carries on")


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    asyncio.run(main())
    gc.collect()

for line in log:
    print(line)
never = [w for w in caught if "never awaited" in str(w.message)]
for w in never:
    print(f"{w.category.__name__}: {w.message}")

assert log == ["main carries on"]
assert [w.category for w in never] == [RuntimeWarning]
assert str(never[0].message) == "coroutine 'load_report' was never awaited"

print("verdict: true-but - the body never runs and the RuntimeWarning is real, "
      "but it is older than 3.8: it came with async def itself (3.5)")
