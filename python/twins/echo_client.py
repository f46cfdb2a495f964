"""Many asyncio echo clients against the echo server given on the command line.

Usage: python3 echo_client.py PORT [CLIENTS] [LINES]

Our own twin of the Rust echo demo's clients, written with CPython's asyncio
streams. Every client connects to 127.0.0.1:PORT, sends its lines one at a
time, checks that each comes back unchanged, half-closes, and checks that the
server then closes too. Prints a summary with no ports, times or addresses,
so the output is the same on every run.
"""

import asyncio
import sys


async def client(port, number, lines):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for line_no in range(lines):
        line = f"python client {number} line {line_no}\n".encode()
        writer.write(line)
        await writer.drain()
        echoed = await reader.readline()
        assert echoed == line, f"sent {line!r}, got {echoed!r}"
    writer.write_eof()
    rest = await reader.read()  # the server closes after our end of file
    assert rest == b"", f"bytes after the last echo: {rest!r}"
    writer.close()
    await writer.wait_closed()
    return lines


async def main(port, clients, lines):
    results = await asyncio.wait_for(
        asyncio.gather(*(client(port, n, lines) for n in range(clients))),
        timeout=20,
    )
    print(f"{clients} asyncio clients x {lines} lines: {sum(results)} echoes matched")
    print("every connection ended with the server's end of file")


if __name__ == "__main__":
    port = int(sys.argv[1])
    clients = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    lines = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    asyncio.run(main(port, clients, lines))
