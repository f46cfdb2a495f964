"""Twin of `cargo lab demo 8 producer_consumer`, with asyncio's Queue.

Part one: two producers, two consumers, a queue of two; task_done per item,
join to know the work is done, then the consumers are cancelled. Part two:
no done signal, so the consumers wait on get() forever (claim C43); main
looks at them 5 s after the last item and reports them still waiting.

Each line is "<program seconds, to the half> <what happened>", read from
loop.time(). One second of the program lasts SECOND real seconds, so the
script stays quick; the times printed are program seconds.
"""

import asyncio

SECOND = 0.12


def make_say(loop, start):
    def say(what):
        # To the nearest half second: the real loop wakes a little late,
        # and the lateness adds up over a chain of sleeps.
        program_seconds = (loop.time() - start) / SECOND
        print(f"{round(program_seconds * 2) / 2:.1f} {what}")

    return say


async def producer(say, q, name, items, first, every):
    for i, item in enumerate(items):
        await asyncio.sleep((first if i == 0 else every) * SECOND)
        if q.full():
            say(f"{name} waits: queue full")
        await q.put(item)
        say(f"{name} put {item}")


async def consumer(say, q, name, work):
    while True:
        item = await q.get()
        say(f"{name} got {item}")
        await asyncio.sleep(work * SECOND)
        say(f"{name} done {item}")
        q.task_done()


async def with_join(say):
    q = asyncio.Queue(2)
    consumers = [
        asyncio.create_task(consumer(say, q, "c1", 3.0)),
        asyncio.create_task(consumer(say, q, "c2", 3.0)),
    ]
    producers = [
        asyncio.create_task(producer(say, q, "p1", ["a1", "a2", "a3"], 1.0, 1.0)),
        asyncio.create_task(producer(say, q, "p2", ["b1", "b2", "b3"], 1.5, 1.0)),
    ]
    for p in producers:
        await p
    say("main: producers finished")
    await q.join()
    say("main: join returned")
    for c in consumers:
        c.cancel()
    say("main: consumers cancelled")


async def without_done_signal(say):
    q = asyncio.Queue()
    consumers = [
        asyncio.create_task(consumer(say, q, "c1", 1.5)),
        asyncio.create_task(consumer(say, q, "c2", 1.5)),
    ]
    await asyncio.create_task(producer(say, q, "p1", ["a1", "a2", "a3"], 1.0, 1.0))
    say("main: producer finished")
    await asyncio.sleep(5.0 * SECOND)
    yes_no = lambda b: "yes" if b else "no"
    say(f"main: 5 s later, queue empty: {yes_no(q.empty())}")
    for i, c in enumerate(consumers):
        say(f"main: c{i + 1} still waiting in get(): {yes_no(not c.done())}")


async def part(program):
    loop = asyncio.get_running_loop()
    await program(make_say(loop, loop.time()))


print("with task_done and join")
asyncio.run(part(with_join))
print("without a done signal")
asyncio.run(part(without_done_signal))
