"""Twin of `cargo lab demo 6 count_timers`: the notes' count() under CPython.

Three count() coroutines gathered, then the same three awaited one after
another. Each line is "<seconds since the start> <what count() said>",
with the time read from loop.time() and rounded to whole seconds, so the
Rust side can print the same lines from its virtual-clock trace.

To keep the test suite quick, one second of the program lasts SECOND real
seconds here (a quarter); times are printed in program seconds.
"""

import asyncio

SECOND = 0.25


async def count(say):
    say("One")
    await asyncio.sleep(1 * SECOND)
    say("Two")


async def concurrently(say):
    await asyncio.gather(count(say), count(say), count(say))


async def one_after_another(say):
    for _ in range(3):
        await count(say)


async def section(name, program):
    loop = asyncio.get_running_loop()
    start = loop.time()

    def say(what):
        print(f"{round((loop.time() - start) / SECOND)} {what}")

    print(name)
    await program(say)


async def main():
    await section("concurrently", concurrently)
    await section("one after another", one_after_another)


asyncio.run(main())
