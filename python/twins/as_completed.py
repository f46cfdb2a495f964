"""Twin of `cargo lab demo 7 as_completed`, under CPython's asyncio.

Three tasks, slow (4 s), quick (1 s) and medium (2 s), taken from
asyncio.as_completed with a 3 s timeout: quick, medium, then the timeout;
slow is not cancelled, and is awaited anyway. Lines are "<whole seconds>
<what was said>", as the Rust side prints them from its trace.

One second of the program lasts SECOND real seconds here.
"""

import asyncio

SECOND = 0.2


async def job(say, name, seconds):
    say(f"{name} starts")
    await asyncio.sleep(seconds * SECOND)
    say(f"{name} done")
    return name


async def program(say):
    tasks = [
        asyncio.create_task(job(say, name, s), name=name)
        for name, s in [("slow", 4), ("quick", 1), ("medium", 2)]
    ]
    try:
        for next_done in asyncio.as_completed(tasks, timeout=3 * SECOND):
            name = await next_done
            say(f"as_completed gave {name}")
    except asyncio.TimeoutError:
        say("as_completed timed out")
    for task in tasks:
        if not task.done():
            say(f"{task.get_name()} is still running, not cancelled")
            name = await task
            say(f"awaited {name} anyway")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()

    def say(what):
        print(f"{round((loop.time() - start) / SECOND)} {what}")

    print("as_completed")
    await program(say)


asyncio.run(main())
