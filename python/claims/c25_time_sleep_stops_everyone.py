"""C25: time.sleep stops every task; asyncio.sleep does not (note 001,
note 002).

A ticker task counts ticks every 0.01 s while main first blocks with
time.sleep(0.2), then waits with asyncio.sleep(0.2). We claim exactly what
holds on any machine: no tick during the block, and at least one during the
polite wait (the ticker's 0.01-s timer is due before main's 0.2-s one, so
it always runs first).
"""

import asyncio
import time

ticks = 0


async def ticker():
    global ticks
    while True:
        await asyncio.sleep(0.01)
        ticks += 1


async def main():
    ticking = asyncio.create_task(ticker())
    await asyncio.sleep(0)  # let the ticker start
    before = ticks
    time.sleep(0.2)
    during_block = ticks - before
    before = ticks
    await asyncio.sleep(0.2)
    during_wait = ticks - before
    ticking.cancel()
    return during_block, during_wait


during_block, during_wait = asyncio.run(main())
print(f"ticks while main called time.sleep(0.2): {during_block}")
print(f"ticks while main awaited asyncio.sleep(0.2): at least one: {during_wait >= 1}")
assert during_block == 0
assert during_wait >= 1, during_wait
print("verdict: true - a blocking call holds the one thread every task runs on")
