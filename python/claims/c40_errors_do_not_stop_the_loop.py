"""C40: the loop stops when a task or a callback raises an exception.

Note 001 lists "an exception during the handling of tasks or callbacks"
among the things that stop the event loop. We raise in a task nobody awaits,
in a task that is awaited, and in a `call_soon` callback, and keep a
bystander task counting its turns throughout. An exception handler records
what the loop reports instead of printing it.
"""

import asyncio
import gc

reports = []
turns = 0


def record(loop, context):
    # Drop the " at file:line" asyncio appends for callbacks.
    reports.append(context["message"].split(" at ")[0])


async def bystander():
    global turns
    while True:
        turns += 1
        await asyncio.sleep(0)


async def fails():
    await asyncio.sleep(0)
    raise ValueError("boom")


def bad_callback():
    raise KeyError("oops")


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(record)
    counter = asyncio.create_task(bystander())

    ignored = asyncio.create_task(fails())
    for _ in range(3):
        await asyncio.sleep(0)
    print(f"a task raised and nobody awaited it: done = {ignored.done()}, "
          f"loop still running = {loop.is_running()}")
    del ignored
    gc.collect()  # the "never retrieved" report is made when the task is freed

    loop.call_soon(bad_callback)
    before = turns
    for _ in range(3):
        await asyncio.sleep(0)
    print(f"a call_soon callback raised: the bystander had {turns - before} more turns")

    try:
        await asyncio.create_task(fails())
    except ValueError as exc:
        print(f"an awaited task raised: the awaiting task gets it: ValueError({exc})")

    counter.cancel()
    return loop.is_running()


still_running = asyncio.run(main())
for message in reports:
    print(f"reported to the exception handler: {message!r}")

assert still_running
assert reports == ["Task exception was never retrieved", "Exception in callback bad_callback()"]


# Only the exceptions that are meant to end a program get through:
# SystemExit and KeyboardInterrupt are not caught, so they do stop the loop.
def exits():
    raise SystemExit(3)


loop = asyncio.new_event_loop()
loop.call_soon(exits)
try:
    loop.run_forever()
    stopped_by = None
except SystemExit as exc:
    stopped_by = f"SystemExit({exc.code})"
finally:
    loop.close()
print(f"a callback raised SystemExit: run_forever() ended with {stopped_by}")
assert stopped_by == "SystemExit(3)"

print("verdict: false - an exception in a task is stored in the task (and "
      "logged if nobody retrieves it), one in a callback is logged; the loop "
      "carries on either way; only SystemExit and KeyboardInterrupt stop it")
