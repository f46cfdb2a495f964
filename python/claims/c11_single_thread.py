"""C11: asyncio runs in a single thread, with no threads underneath.

Notes 001 and 000 say so. We count threads in three situations:

1. tasks that sleep and talk to each other over a real socket: the loop
   multiplexes that I/O itself, in the thread that called asyncio.run;
2. `loop.getaddrinfo`, which the loop hands to a pool of worker threads
   (name resolution has no non-blocking form in the C library);
3. `asyncio.to_thread`, which exists to run a blocking function in a
   worker thread.

Needs Python 3.9 or later (`asyncio.to_thread`).
"""

import asyncio
import socket
import threading

MAIN = threading.get_ident()


def new_thread_names(before):
    return sorted(t.name for t in threading.enumerate() if t.ident not in before)


# --- 1. Sleeping and socket I/O ---------------------------------------------


async def pure_io():
    loop = asyncio.get_running_loop()
    seen = set()
    most_threads = 0
    left, right = socket.socketpair()
    left.setblocking(False)
    right.setblocking(False)

    def note():
        nonlocal most_threads
        seen.add(threading.get_ident())
        most_threads = max(most_threads, threading.active_count())

    async def sender():
        for word in (b"one", b"two", b"three"):
            note()
            await asyncio.sleep(0.01)
            await loop.sock_sendall(left, word + b"\n")

    async def receiver():
        data = b""
        while data.count(b"\n") < 3:
            note()
            data += await loop.sock_recv(right, 100)  # waits for the socket
        return data

    async def sleeper():
        for _ in range(3):
            note()
            await asyncio.sleep(0.01)

    try:
        _, data, _ = await asyncio.gather(sender(), receiver(), sleeper())
    finally:
        left.close()
        right.close()
    return seen, most_threads, data


print(f"threads before asyncio.run: {threading.active_count()}")
assert threading.active_count() == 1

seen, most_threads, data = asyncio.run(pure_io())
print("tasks sleeping and exchanging data over a socket:")
print(f"  data arrived: {data.split() == [b'one', b'two', b'three']}")
print(f"  threads that ran task code: {len(seen)} (the main thread: {seen == {MAIN}})")
print(f"  most threads alive at once: {most_threads}")
assert seen == {MAIN}
assert most_threads == 1


# --- 2. loop.getaddrinfo ----------------------------------------------------


async def resolve():
    loop = asyncio.get_running_loop()
    before = {t.ident for t in threading.enumerate()}
    # A numeric address: no DNS server involved, yet still a thread.
    infos = await loop.getaddrinfo("127.0.0.1", 80, type=socket.SOCK_STREAM)
    return infos, threading.active_count(), new_thread_names(before)


infos, count, names = asyncio.run(resolve())
print("loop.getaddrinfo('127.0.0.1', 80):")
print(f"  resolved: {infos[0][4] == ('127.0.0.1', 80)}")
print(f"  threads alive after the call: {count}")
print(f"  new threads belong to asyncio's default executor: {all(n.startswith('asyncio') for n in names)}")
assert count == 2 and len(names) == 1
assert names[0].startswith("asyncio")


# --- 3. asyncio.to_thread ---------------------------------------------------


def blocking_call():
    return threading.get_ident(), threading.active_count()


async def offload():
    return await asyncio.to_thread(blocking_call)


ident, count = asyncio.run(offload())
print("asyncio.to_thread(blocking_call):")
print(f"  ran outside the main thread: {ident != MAIN}")
print(f"  threads alive while it ran: {count}")
assert ident != MAIN
assert count == 2

print(f"threads after asyncio.run returned: {threading.active_count()}")
assert threading.active_count() == 1
print("verdict: true-but - your coroutines share one thread, but the loop "
      "keeps a thread pool for blocking calls")
