"""The capstone's twin: the same crawler, on CPython's asyncio (stdlib only).

It serves the same generated site as crates/asyncio/examples/crawler/site.rs
with asyncio.start_server, on the same loop, and crawls it the same way: a
Queue of URLs, worker tasks, a Semaphore on connections, queue.join(), the
workers cancelled at the end. It prints one line per finding, sorted
(`200 /page/0`, `404 /missing/0`, `outside https://...`), so the Rust test
can compare the two crawls line for line, then `elapsed_ms` for the demo.

Usage: python3 crawler.py [WORKERS] [CONNECTIONS]
"""

import asyncio
import re
import sys
import time
import urllib.parse

PAGES = 300
ROOT = "/page/0"
FETCH_TIMEOUT = 10.0


# --- the site: the same formula as site.rs ---------------------------------


def links(i, host):
    hrefs = [
        f"/page/{(i + 1) % PAGES}",
        f"/page/{(i * 7 + 3) % PAGES}",
        f"/page/{(i * 7 + 3) % PAGES}",  # the same link twice
        f"/page/{i // 2}",
    ]
    if i % 4 == 0:
        hrefs.append(f"http://{host}/page/{(i * 11 + 5) % PAGES}")
    if i % 6 == 1:
        hrefs.append(f"/page/{(i * 3) % PAGES}#top")
    if i % 10 == 3:
        hrefs.append(f"https://example.org/page/{i}")
    if i % 10 == 7:
        hrefs.append(f"http://www.example.com/page/{i}")
    if i % 37 == 0:
        hrefs.append(f"/missing/{i}")
    return hrefs


def page(i, host):
    body = [f"<html><head><title>Page {i}</title></head><body>", f"<h1>Page {i}</h1>"]
    body += [f'<p><a href="{href}">{href}</a></p>' for href in links(i, host)]
    body.append("</body></html>")
    return "\n".join(body) + "\n"


def page_number(path):
    m = re.fullmatch(r"/page/(\d+)", path)
    if m and int(m.group(1)) < PAGES:
        return int(m.group(1))
    return None


async def serve(reader, writer):
    request_line = (await reader.readline()).decode("latin-1")
    host = ""
    while True:
        line = (await reader.readline()).decode("latin-1").rstrip("\r\n")
        if not line:
            break
        name, _, value = line.partition(":")
        if name.strip().lower() == "host":
            host = value.strip()
    parts = request_line.split()
    if len(parts) != 3 or parts[0] != "GET":
        status, body = "400 Bad Request", "bad request\n"
    elif (i := page_number(parts[1])) is not None:
        status, body = "200 OK", page(i, host)
    else:
        status, body = "404 Not Found", "no such page\n"
    data = body.encode()
    writer.write(
        f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n".encode()
        + data
    )
    await writer.drain()
    writer.close()
    await writer.wait_closed()


# --- the client: one GET per connection ------------------------------------


async def get(host, port, path):
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        await writer.drain()
        status_line = (await reader.readline()).decode("latin-1").split()
        if len(status_line) < 2 or not status_line[0].startswith("HTTP/1."):
            raise ValueError("no HTTP status line")
        status = int(status_line[1])
        length = None
        while True:
            line = (await reader.readline()).decode("latin-1").rstrip("\r\n")
            if not line:
                break
            name, colon, value = line.partition(":")
            if not colon:
                raise ValueError("a header without ':'")
            if name.lower() == "content-length":
                length = int(value.strip())
        body = await (reader.readexactly(length) if length is not None else reader.read())
        return status, body
    finally:
        writer.close()
        await writer.wait_closed()


# --- the crawler ------------------------------------------------------------


class Crawler:
    def __init__(self, host, port, workers, connections):
        self.host, self.port = host, port
        self.base = f"http://{host}:{port}/"
        self.workers = workers
        self.queue = asyncio.Queue()
        self.seen = set()
        self.connections = asyncio.Semaphore(connections)
        self.fetched, self.failed, self.outside = {}, {}, set()

    def add_url(self, href):
        url, _fragment = urllib.parse.urldefrag(urllib.parse.urljoin(self.base, href))
        if not url.startswith(self.base):
            self.outside.add(urllib.parse.urldefrag(href)[0])
            return
        path = "/" + url[len(self.base):]
        if path not in self.seen:
            self.seen.add(path)
            self.queue.put_nowait(path)

    # ANCHOR: fetch
    async def fetch(self, path):
        try:
            async with self.connections:
                async with asyncio.timeout(FETCH_TIMEOUT):
                    status, body = await get(self.host, self.port, path)
        except (OSError, ValueError, asyncio.IncompleteReadError, TimeoutError) as err:
            self.failed[path] = "timed out" if isinstance(err, TimeoutError) else str(err)
            return
        self.fetched[path] = status
        if status == 200:
            for href in re.findall(r'href="([^"]*)"', body.decode("utf-8", "replace")):
                self.add_url(href)
    # ANCHOR_END: fetch

    # ANCHOR: work
    async def work(self):
        while True:
            path = await self.queue.get()
            try:
                await self.fetch(path)
            finally:
                self.queue.task_done()

    async def crawl(self, root):
        self.add_url(root)
        workers = [asyncio.create_task(self.work(), name=f"worker-{n}")
                   for n in range(1, self.workers + 1)]
        await self.queue.join()
        for worker in workers:
            worker.cancel()
        done, pending = await asyncio.wait(workers)
        assert not pending and all(w.cancelled() for w in done)
    # ANCHOR_END: work


async def main(workers, connections):
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    crawler = Crawler(host, port, workers, connections)
    started = time.perf_counter()
    await crawler.crawl(ROOT)
    elapsed = time.perf_counter() - started
    server.close()
    await server.wait_closed()
    lines = [f"{status} {path}" for path, status in crawler.fetched.items()]
    lines += [f"failed {path}" for path in crawler.failed]
    for path, why in crawler.failed.items():
        print(f"failed {path}: {why}", file=sys.stderr)
    lines += [f"outside {href}" for href in crawler.outside]
    for line in sorted(lines):
        print(line)
    print(f"elapsed_ms {elapsed * 1000:.3f}")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    asyncio.run(main(*args) if len(args) == 2 else main(10, 5))
