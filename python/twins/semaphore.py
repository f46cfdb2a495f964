"""Twin of `cargo lab demo 8 semaphore`, with asyncio's Semaphore.

Five jobs of 2, 1, 3, 1 and 2 seconds, all started at once as tasks, and a
Semaphore(2) letting two run at a time. Each line is "<program seconds>
<what happened>", from loop.time(), rounded to whole seconds; one second of
the program lasts SECOND real seconds.
"""

import asyncio

SECOND = 0.2
JOBS = [2, 1, 3, 1, 2]
AT_ONCE = 2


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    semaphore = asyncio.Semaphore(AT_ONCE)
    running = 0

    def say(what):
        print(f"{round((loop.time() - start) / SECOND)} {what}")

    async def job(n, seconds):
        nonlocal running
        async with semaphore:
            running += 1
            say(f"job{n} starts ({running} running)")
            await asyncio.sleep(seconds * SECOND)
            running -= 1
            say(f"job{n} ends")

    tasks = [asyncio.create_task(job(i + 1, s)) for i, s in enumerate(JOBS)]
    for t in tasks:
        await t


asyncio.run(main())
