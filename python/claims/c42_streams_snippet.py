"""C42 (the part checked in chapter 5): the streams snippet works as shown.

Note 001 shows two lines: open a connection to localhost port 8888 with
`asyncio.open_connection`, then `await reader.read(100)`. We run the same
two calls against a server of our own on a port the OS picks, and look at
what `read(100)` really returns: at most 100 bytes of whatever has arrived,
not 100 bytes; and an empty bytes object at end of file. Without a server
listening, the first line fails.
"""

import asyncio
import socket


async def talk(reader, writer):
    writer.write(b"a" * 250)  # more than one read(100) takes
    await writer.drain()
    await reader.readline()  # the client asks for more
    writer.write(b"b" * 30)  # less than one read(100) asks for
    await writer.drain()
    await reader.readline()  # the client says goodbye
    writer.close()


async def main():
    server = await asyncio.start_server(talk, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]

    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    sizes = [len(await reader.read(100)) for _ in range(3)]
    print(f"server sent 250 bytes; three read(100) calls returned {sizes} bytes")
    writer.write(b"more\n")
    short = await reader.read(100)
    print(f"server sent 30 bytes; read(100) returned {len(short)} bytes without waiting for 100")
    writer.write(b"bye\n")
    last = await reader.read(100)
    print(f"after the server closed, read(100) returned {last!r}")
    writer.close()
    await writer.wait_closed()

    # The snippet's own host name works too: asyncio tries each address
    # getaddrinfo gives for 'localhost'.
    reader, writer = await asyncio.open_connection("localhost", port)
    first = await reader.read(100)
    print(f"open_connection('localhost', port) works too: read {len(first)} bytes")
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()

    # Nobody listening: a port that was free a moment ago.
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    free_port = probe.getsockname()[1]
    probe.close()
    try:
        await asyncio.open_connection("127.0.0.1", free_port)
        refused = None
    except ConnectionRefusedError as err:
        refused = type(err).__name__
    print(f"with no server listening, open_connection raises {refused}")

    assert sizes == [100, 100, 50] and len(short) == 30 and last == b"" and refused


asyncio.run(main())
print("verdict: true-but - the two lines work when a server listens at that "
      "address; read(100) returns up to 100 bytes of whatever has arrived "
      "(b'' at end of file), so a program that needs a whole message must "
      "loop or use readexactly/readline; and the snippet never closes its writer")
