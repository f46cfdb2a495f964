"""What asyncio says about tasks, callbacks and the running loop, in order.

The Rust side (crates/asyncio/tests/behaviour/twin.rs) runs the same
program on our `asyncio` crate and must print the same lines: the order of
done-callbacks and the task that awaited, `current_task()` inside a task
and inside a callback, `all_tasks()`, `result()` and `exception()` before
and after a task ends, and a done-callback added to a task already done.
No times are printed, so the real clock here and the virtual clock there
give the same text.
"""

import asyncio

MS = 0.001


async def child(say, delay, value):
    say(f"{asyncio.current_task().get_name()} starts")
    await asyncio.sleep(delay * MS)
    say(f"{asyncio.current_task().get_name()} ends")
    return value


async def fails():
    await asyncio.sleep(0)
    raise ValueError("bad input")


async def main(say):
    loop = asyncio.get_running_loop()
    say(f"main is {asyncio.current_task().get_name()}")
    a = asyncio.create_task(child(say, 100, "A"))
    b = asyncio.create_task(child(say, 10, "B"))
    say(f"created {a.get_name()} and {b.get_name()}")
    a.add_done_callback(lambda t: say(f"callback 1 sees {t.get_name()} -> {t.result()}"))
    a.add_done_callback(lambda t: say(f"callback 2 sees {t.get_name()} done={t.done()}"))
    loop.call_soon(lambda: say(f"call_soon runs; current task is {asyncio.current_task()}"))
    loop.call_later(50 * MS, lambda: say("call_later fires"))
    say("all tasks: " + " ".join(sorted(t.get_name() for t in asyncio.all_tasks())))
    try:
        a.result()
    except asyncio.InvalidStateError as err:
        say(f"result too early: InvalidStateError {err}")
    value = await a
    say(f"main resumed with {value}")
    await b
    b.add_done_callback(lambda t: say(f"late callback sees {t.get_name()}"))
    say("late callback added")
    await asyncio.sleep(0)
    bad = asyncio.create_task(fails())
    await asyncio.wait([bad])
    say(f"exception: {bad.exception()}")
    c = asyncio.create_task(child(say, 5, "C"))
    await asyncio.sleep(0)
    c.cancel()
    await asyncio.wait([c])
    say(f"cancelled: {c.cancelled()}")
    try:
        c.result()
    except asyncio.CancelledError:
        say("result of a cancelled task: CancelledError")
    say("all tasks: " + " ".join(sorted(t.get_name() for t in asyncio.all_tasks())))


def run():
    lines = []
    asyncio.run(main(lines.append))
    print("\n".join(lines))


if __name__ == "__main__":
    run()
