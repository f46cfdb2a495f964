"""C45: `gather`'s signature is `(*aws, loop=None, return_exceptions=False)`
(note 002).

Version-dependent. We print the signature CPython reports and try the
`loop` keyword. Under 3.10 and later there is no `loop` parameter: passing
one is a TypeError. The parameter's name for the awaitables was never
`aws` in the code; that is the documentation's name for them.

What CPython's Lib/asyncio/tasks.py says, release by release (read in the
installed standard libraries of 3.6.15, 3.7.16, 3.8.18, 3.9.18, 3.10.13,
3.11.7, 3.12.1 and 3.13.0):
- 3.6, 3.7: `def gather(*coros_or_futures, loop=None, return_exceptions=False)`,
  `loop` accepted silently.
- 3.8: the same signature; `loop` is deprecated (bpo-36373, "Deprecate
  explicit loop parameter in all public asyncio APIs"), but 3.8's gather
  warns only in its branch for a call with no awaitables at all.
- 3.9: the same signature; any `loop=` warns "The loop argument is
  deprecated since Python 3.8, and scheduled for removal in Python 3.10."
- 3.10 to 3.13: `def gather(*coros_or_futures, return_exceptions=False)`
  (removed by bpo-42392, python/cpython#23521).

Run with PYTHON set to another interpreter to see the other branches.
"""

import asyncio
import inspect
import sys
import warnings


async def child():
    await asyncio.sleep(0)
    return "ok"


async def main():
    signature = inspect.signature(asyncio.gather)
    print(f"inspect.signature(asyncio.gather): {signature}")
    has_loop = "loop" in signature.parameters
    print(f"has a 'loop' parameter: {has_loop}")

    loop = asyncio.get_running_loop()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        coro = child()
        try:
            outcome = f"works: {await asyncio.gather(coro, loop=loop)}"
        except TypeError as err:
            outcome = f"TypeError: {err}"
            coro.close()
    warned = [f"{w.category.__name__}: {w.message}" for w in caught]
    print(f"gather(child(), loop=loop) -> {outcome}")
    print(f"warnings: {warned or 'none'}")

    values = await asyncio.gather(child(), child(), return_exceptions=True)
    print(f"gather(child(), child(), return_exceptions=True) -> {values}")
    return has_loop, outcome, warned


has_loop, outcome, warned = asyncio.run(main())
if sys.version_info >= (3, 10):
    assert not has_loop and "unexpected keyword argument 'loop'" in outcome
elif sys.version_info >= (3, 9):
    assert has_loop and outcome.startswith("works") and len(warned) == 1
else:
    assert has_loop and outcome.startswith("works") and not warned
print("verdict: version-dependent - the signature of 3.7 to 3.9 (loop deprecated "
      "from 3.8, warning on every use from 3.9); since 3.10 it is "
      "(*coros_or_futures, return_exceptions=False) and loop= is a TypeError")
