"""Twin of `cargo lab demo 7 gather_vs_wait`, under CPython's asyncio.

The same three jobs, slow (3 s), quick (1 s) and medium (2 s), created in
that order: asyncio.gather gives their values in argument order; then
asyncio.wait(FIRST_COMPLETED), called again on what is pending, gives each
task as it finishes. Each line is "<seconds since the section started>
<what was said>", rounded to whole seconds, so the Rust side can print the
same lines from its virtual-clock trace.

One second of the program lasts SECOND real seconds here, to keep the test
suite quick; times are printed in program seconds.
"""

import asyncio

SECOND = 0.2
JOBS = [("slow", 3), ("quick", 1), ("medium", 2)]


async def job(say, name, seconds):
    say(f"{name} starts")
    await asyncio.sleep(seconds * SECOND)
    say(f"{name} done")
    return name


async def with_gather(say):
    names = await asyncio.gather(*(job(say, name, s) for name, s in JOBS))
    say(f"gather returned {', '.join(names)}")


async def with_wait(say):
    pending = [asyncio.create_task(job(say, name, s), name=name) for name, s in JOBS]
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        # `done` and `pending` are sets: one task finishes at a time here,
        # and the pending names are sorted, as the Rust demo sorts them.
        finished = ", ".join(task.result() for task in done)
        still = ", ".join(sorted(task.get_name() for task in pending)) or "none"
        say(f"wait: done {finished}; pending {still}")


async def section(name, program):
    loop = asyncio.get_running_loop()
    start = loop.time()

    def say(what):
        print(f"{round((loop.time() - start) / SECOND)} {what}")

    print(name)
    await program(say)


async def main():
    await section("gather", with_gather)
    await section("wait", with_wait)


asyncio.run(main())
