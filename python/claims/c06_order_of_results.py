"""C06: `gather` keeps the order of its arguments; with `wait`, results come
in the order the tasks complete (note 000).

Three jobs finish in the reverse of the order they are passed in. `gather`
still lists their values in argument order. `wait` hands back nothing one
by one: it returns once, when the last job is done, with `done` as a set,
which has no order at all (neither argument nor completion order; it is
iterated in hash order). Results in the order of completion, each as soon
as it is ready, come from `asyncio.as_completed`.

Times are read from the loop's clock and given in ticks (TICK seconds),
rounded; sleeps never end early, so the rounding is safe on a busy machine
unless it stalls for half a tick.
"""

import asyncio

TICK = 0.04
finished = []


async def job(name, ticks):
    await asyncio.sleep(ticks * TICK)
    finished.append(name)
    return name


def jobs():
    # passed in the order a, b, c; they finish c, b, a
    return [job("a", 3), job("b", 2), job("c", 1)]


async def main():
    loop = asyncio.get_running_loop()

    def ticks_since(start):
        return round((loop.time() - start) / TICK)

    finished.clear()
    values = await asyncio.gather(*jobs())
    print(f"jobs finished in the order {finished}; gather -> {values}")
    assert finished == ["c", "b", "a"] and values == ["a", "b", "c"]

    finished.clear()
    start = loop.time()
    done, pending = await asyncio.wait([asyncio.create_task(j) for j in jobs()])
    print(f"wait returned once, after {ticks_since(start)} ticks, when all "
          f"{len(done)} were done; done is a {type(done).__name__}")
    try:
        done[0]
    except TypeError as err:
        print(f"done[0] -> TypeError: {err}")
    print(f"sorted values from done: {sorted(t.result() for t in done)}")
    assert ticks_since(start) == 3 and type(done) is set and not pending

    finished.clear()
    start = loop.time()
    arrivals = []
    for next_done in asyncio.as_completed(jobs()):
        value = await next_done
        arrivals.append(f"{value} at tick {ticks_since(start)}")
    print(f"as_completed -> {arrivals}")
    assert arrivals == ["c at tick 1", "b at tick 2", "a at tick 3"]


asyncio.run(main())
print("verdict: true for gather, false for wait - gather keeps argument order; "
      "wait gives nothing in completion order: it returns all at once and done is "
      "an unordered set; completion order is what as_completed gives")
