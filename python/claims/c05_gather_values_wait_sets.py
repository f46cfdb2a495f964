"""C05: `gather` returns the values; `wait` returns a pair of sets, done and
pending (note 000).

We run the same three tasks through both. `gather` gives a list of the
coroutines' return values; `wait` gives a tuple of two sets of the Task
objects themselves, and each value must be taken out with `.result()`.
Then what the short statement leaves out: `pending` is empty only with the
default `return_when=ALL_COMPLETED` and no timeout; and when a task fails,
`gather` raises its exception (unless `return_exceptions=True`), while
`wait` raises nothing and leaves the exception inside the task.
"""

import asyncio

TICK = 0.01


async def job(n, fail=False):
    await asyncio.sleep(n * TICK)
    if fail:
        raise ValueError(f"job {n} failed")
    return n * 10


async def main():
    values = await asyncio.gather(job(1), job(2), job(3))
    print(f"gather -> {type(values).__name__} {values}")

    tasks = [asyncio.create_task(job(n)) for n in (1, 2, 3)]
    pair = await asyncio.wait(tasks)
    done, pending = pair
    kinds = sorted({type(t).__name__ for t in done})
    print(f"wait -> {type(pair).__name__} of {len(pair)}: "
          f"done is a {type(done).__name__} of {len(done)} {kinds}, "
          f"pending is a {type(pending).__name__} of {len(pending)}")
    print(f"done holds our task objects: {done == set(tasks)}; "
          f"their values via .result(): {sorted(t.result() for t in done)}")
    assert values == [10, 20, 30] and isinstance(pair, tuple)
    assert done == set(tasks) and pending == set() and kinds == ["Task"]

    # pending is not always empty
    tasks = [asyncio.create_task(job(n)) for n in (1, 5)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(f"wait(FIRST_COMPLETED) -> {len(done)} done {[t.result() for t in done]}, "
          f"{len(pending)} still pending")
    assert len(done) == 1 and len(pending) == 1
    await asyncio.wait(pending)

    # a failure: gather raises, wait does not
    try:
        await asyncio.gather(job(1), job(2, fail=True))
    except ValueError as err:
        print(f"gather with a failing job raises ValueError: {err}")
    mixed = await asyncio.gather(job(1), job(2, fail=True), return_exceptions=True)
    print(f"gather(return_exceptions=True) -> {[repr(v) for v in mixed]}")
    tasks = [asyncio.create_task(job(1)), asyncio.create_task(job(2, fail=True))]
    done, pending = await asyncio.wait(tasks)
    errors = [repr(t.exception()) for t in tasks]
    print(f"wait with a failing job raises nothing; done has {len(done)}; "
          f"task.exception() -> {errors}")
    assert errors == ["None", "ValueError('job 2 failed')"]


asyncio.run(main())
print("verdict: true - gather gives the values in a list; wait gives (done, pending), "
      "two sets of the tasks themselves. Worth knowing: pending is empty only when "
      "waiting for all without a timeout; gather raises a child's exception, "
      "wait leaves it in the task")
