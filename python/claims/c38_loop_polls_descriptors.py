"""C38 (the part checked in chapter 5): the event loop polls socket
descriptors with select, poll, epoll or kqueue.

Note 001 says the loop uses whichever of these system facilities the
platform has to learn which sockets are ready. We look at what CPython picks
on this machine: the default selector, the loop class `asyncio.run` makes,
the selector inside it, whether a connected socket's descriptor really sits
in that selector, and whether the loop's wait is a `select(timeout)` call
with the timeout taken from its timers.
"""

import asyncio
import platform
import select
import selectors
import socket

print(f"platform: {platform.system()}")
have = [name for name in ("select", "poll", "epoll", "kqueue", "devpoll") if hasattr(select, name)]
print(f"facilities in the select module: {', '.join(have)}")
print(f"selectors.DefaultSelector: {selectors.DefaultSelector.__name__}")
policy = asyncio.get_event_loop_policy()
print(f"event loop policy: {type(policy).__name__}")


async def main():
    loop = asyncio.get_running_loop()
    selector = loop._selector
    print(f"loop class: {type(loop).__name__}, a subclass of "
          f"BaseSelectorEventLoop: {isinstance(loop, asyncio.selector_events.BaseSelectorEventLoop)}")
    print(f"the loop's selector: {type(selector).__name__}")

    # Count the loop's waits and remember their timeouts.
    timeouts = []
    real_select = selector.select

    def counting_select(timeout=None):
        timeouts.append(timeout)
        return real_select(timeout)

    selector.select = counting_select

    async def greet(reader, writer):
        writer.write(b"hello\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(greet, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    fd = writer.get_extra_info("socket").fileno()
    key = selector.get_map().get(fd)
    watched = key is not None and bool(key.events & selectors.EVENT_READ)
    print(f"the client socket's descriptor is registered for reading: {watched}")
    line = await reader.readline()
    print(f"read through the loop: {line!r}")
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()

    timeouts.clear()
    await asyncio.sleep(0.05)
    timed = [t for t in timeouts if t]
    print("waiting on a 0.05 s sleep: the loop called select() with a timeout "
          f"from its timer heap: {bool(timed) and all(0 < t <= 0.05 for t in timed)}")
    selector.select = real_select

    assert watched and line == b"hello\n" and timed
    if platform.system() == "Linux":
        assert type(selector).__name__ == "EpollSelector"
        assert selectors.DefaultSelector is selectors.EpollSelector


asyncio.run(main())
print("verdict: true-but - on Linux the loop is a selector loop that waits in "
      "epoll (select.epoll through selectors.EpollSelector); macOS and the BSDs "
      "get kqueue; Windows' default loop since Python 3.8 is the proactor, "
      "which waits for completed operations (IOCP) instead of polling descriptors")
