"""Twin of `cargo lab demo 7 task_group`, under CPython 3.11's asyncio.

A TaskGroup of three children: a finishes at 1 s, b raises at 2 s, so c
and the group's body are cancelled (each says so in its `except
CancelledError`), and the group raises an ExceptionGroup. Lines are
"<whole seconds> <what was said>", as the Rust side prints them from its
trace.

One second of the program lasts SECOND real seconds here.
"""

import asyncio

SECOND = 0.2


async def child(say, name, seconds, fails):
    say(f"{name} starts")
    try:
        await asyncio.sleep(seconds * SECOND)
    except asyncio.CancelledError:
        say(f"{name} cancelled")
        raise
    if fails:
        say(f"{name} fails")
        raise ValueError(f"{name} failed")
    say(f"{name} done")


async def program(say):
    try:
        async with asyncio.TaskGroup() as tg:
            say("body starts")
            tg.create_task(child(say, "a", 1, False), name="a")
            tg.create_task(child(say, "b", 2, True), name="b")
            tg.create_task(child(say, "c", 3, False), name="c")
            try:
                await asyncio.sleep(10 * SECOND)
            except asyncio.CancelledError:
                say("body cancelled")
                raise
        say("group succeeded")
    except ExceptionGroup as error:
        say(f"group failed: {error}")
        for failure in error.exceptions:
            say(f"failure: {failure}")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()

    def say(what):
        print(f"{round((loop.time() - start) / SECOND)} {what}")

    print("task_group")
    await program(say)


asyncio.run(main())
