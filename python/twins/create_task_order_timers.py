"""Twin of `cargo lab demo 6 create_task_order_timers`: the two orders of
create_task and await from note 002 and note 004, under CPython.

Each line is "<seconds since the start> <note>", from loop.time(), rounded
to whole seconds. One second of the program lasts SECOND real seconds here
(a quarter), and times are printed in program seconds.
"""

import asyncio

SECOND = 0.25


async def say_after(secs, what, say):
    await asyncio.sleep(secs * SECOND)
    say(what)


async def await_each_before_creating_the_next(say):
    say("started")
    first = asyncio.create_task(say_after(1, "hello", say))
    await first
    second = asyncio.create_task(say_after(2, "world", say))
    await second
    say("finished")


async def create_both_then_await(say):
    say("started")
    first = asyncio.create_task(say_after(1, "hello", say))
    second = asyncio.create_task(say_after(2, "world", say))
    await first
    await second
    say("finished")


async def section(name, program):
    loop = asyncio.get_running_loop()
    start = loop.time()

    def say(what):
        print(f"{round((loop.time() - start) / SECOND)} {what}")

    print(name)
    await program(say)


async def main():
    await section("await each before creating the next", await_each_before_creating_the_next)
    await section("create both, then await", create_both_then_await)


asyncio.run(main())
