"""The CPython column of `cargo lab bench`: the same workloads on asyncio.

Standard library only. Run by the bench as

    python3 bench.py WORKLOAD N M

it runs one measurement and prints `answer N` (the sum, count or bytes
that the bench checks again) and `result NANOSECONDS` (for `idle`, only
`result BYTES` per task, measured with tracemalloc), and `cpu NANOSECONDS`,
the CPU time the run used. Each workload checks
its answer and exits with an error if it is wrong.
"""

import asyncio
import sys
import time
import tracemalloc

ECHO_MESSAGE = 64
SEED = 0x5EED_2024
MAX_DELAY_US = 100_000
MASK = (1 << 64) - 1


def delays_us(n):
    """The timers' delays: splitmix64 from a fixed seed, as the Rust side."""
    state = SEED
    out = []
    for _ in range(n):
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z ^= z >> 31
        out.append(z % (MAX_DELAY_US + 1))
    return out


def echo_message(client, trip):
    return bytes((client * 31 + trip * 7 + i) & 0xFF for i in range(ECHO_MESSAGE))


async def spawn(n, _m, _input):
    async def task(i):
        return i

    tasks = [asyncio.create_task(task(i)) for i in range(n)]
    total = 0
    for t in tasks:
        total += await t
    return total


async def timers(_n, _m, delays):
    async def sleeper(us):
        await asyncio.sleep(us / 1e6)
        return us

    tasks = [asyncio.create_task(sleeper(us)) for us in delays]
    total = 0
    for t in tasks:
        total += await t
    return total


async def queue(n, _m, _input):
    q = asyncio.Queue(100)

    async def producer():
        for i in range(n):
            await q.put(i)

    async def consumer():
        total = 0
        for _ in range(n):
            total += await q.get()
        return total

    p = asyncio.create_task(producer())
    c = asyncio.create_task(consumer())
    await p
    return await c


async def ring(hops, tasks, _input):
    events = [asyncio.Event() for _ in range(tasks)]
    state = {"left": hops, "stop": False}

    async def member(i):
        taken = 0
        while True:
            await events[i].wait()
            events[i].clear()
            if state["stop"]:
                return taken
            taken += 1
            state["left"] -= 1
            if state["left"] == 0:
                state["stop"] = True
                for e in events:
                    e.set()
                return taken
            events[(i + 1) % tasks].set()

    members = [asyncio.create_task(member(i)) for i in range(tasks)]
    events[0].set()
    total = 0
    for t in members:
        total += await t
    return total


async def echo(clients, trips, _input):
    async def serve(reader, writer):
        while True:
            data = await reader.read(1024)
            if not data:
                break
            writer.write(data)
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]

    async def client(c):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        echoed = 0
        for trip in range(trips):
            message = echo_message(c, trip)
            writer.write(message)
            await writer.drain()
            got = await reader.readexactly(ECHO_MESSAGE)
            if got != message:
                raise SystemExit("the server echoed other bytes")
            echoed += ECHO_MESSAGE
        writer.close()
        await writer.wait_closed()
        return echoed

    tasks = [asyncio.create_task(client(c)) for c in range(clients)]
    total = 0
    for t in tasks:
        total += await t
    server.close()
    return total


async def idle(n, _m, _input):
    loop = asyncio.get_running_loop()
    polled = 0

    async def waiter():
        nonlocal polled
        polled += 1
        await loop.create_future()  # never done

    # A task nobody refers to may be collected (asyncio holds tasks weakly),
    # so the tasks are kept in a list made before measuring.
    keep = [None] * n
    before = tracemalloc.get_traced_memory()[0]
    for i in range(n):
        keep[i] = asyncio.create_task(waiter())
    while polled < n:
        await asyncio.sleep(0)
    # Measured once the loop has gone idle, as on the Rust side.
    await asyncio.sleep(0.001)
    held = tracemalloc.get_traced_memory()[0] - before
    for t in keep:
        t.cancel()
    return held


WORKLOADS = {
    "spawn": spawn,
    "timers": timers,
    "queue": queue,
    "ring": ring,
    "echo": echo,
    "idle": idle,
}


def expected(workload, n, m, delays):
    if workload in ("spawn", "queue"):
        return n * (n - 1) // 2
    if workload == "timers":
        return sum(delays)
    if workload == "ring":
        return n
    if workload == "echo":
        return n * m * ECHO_MESSAGE
    return None


def main():
    workload, n, m = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    # Made before the clock starts, as the Rust side does.
    delays = delays_us(n) if workload == "timers" else None
    if workload == "idle":
        tracemalloc.start()
    start = time.perf_counter_ns()
    cpu_start = time.process_time_ns()
    result = asyncio.run(WORKLOADS[workload](n, m, delays))
    cpu = time.process_time_ns() - cpu_start
    elapsed = time.perf_counter_ns() - start
    want = expected(workload, n, m, delays)
    if want is not None:
        if result != want:
            sys.exit(f"CPython on {workload}: WRONG RESULT {result}, expected {want}")
        print(f"answer {result}")
    if workload == "idle":
        print(f"result {result / n}")
    else:
        print(f"result {elapsed}")
    print(f"cpu {cpu}")


if __name__ == "__main__":
    main()
