//! asyncio's streams: `open_connection` and `start_server`, with a reader
//! that buffers and a writer that buffers until `drain`.

use std::cell::{Cell, RefCell};
use std::error::Error;
use std::fmt;
use std::future::{Future, poll_fn};
use std::io::{self, Read};
use std::net::{Shutdown, SocketAddr, ToSocketAddrs};
use std::pin::pin;
use std::rc::Rc;
use std::task::{Poll, Waker};
use std::time::Duration;

use aio_executor::{
    ExceptionContext, JoinHandle, call_exception_handler, spawn_named, thread_sleep, trace,
    yield_now,
};
use rustix::io::Errno;

use crate::connect::ConnectAddr;
use crate::tcp::{TcpListener, TcpStream};

/// How much one read from the socket asks for.
const CHUNK: usize = 64 * 1024;

/// asyncio's default `limit`: the longest line `readline` accepts.
pub const DEFAULT_LIMIT: usize = 64 * 1024;

/// How long a server stops accepting when the process or the system is out
/// of descriptors or memory for a new connection, unless a connection of
/// its own closes first: asyncio's `ACCEPT_RETRY_DELAY`.
pub const ACCEPT_RETRY_DELAY: Duration = Duration::from_secs(1);

// ANCHOR: open_connection
/// Connects to `addr` and returns the connection's two halves: asyncio's
/// `reader, writer = await asyncio.open_connection(host, port)`.
pub async fn open_connection(addr: impl ConnectAddr) -> io::Result<(StreamReader, StreamWriter)> {
    let stream = TcpStream::connect(addr).await?;
    Ok(split(stream))
}
// ANCHOR_END: open_connection

/// Splits a connected stream into a reader and a writer that share it.
pub fn split(stream: TcpStream) -> (StreamReader, StreamWriter) {
    let stream = Rc::new(stream);
    let reader = StreamReader {
        stream: stream.clone(),
        buffer: Vec::new(),
        scanned: 0,
        eof: false,
        limit: DEFAULT_LIMIT,
    };
    let writer = StreamWriter {
        stream,
        buffer: Vec::new(),
        written: 0,
    };
    (reader, writer)
}

// ANCHOR: reader
thread_local! {
    /// Where every reader on this thread receives, zeroed once. Only the
    /// bytes that came are copied on into the reader's own buffer, so a
    /// reader holds what it has not handed out yet, not a 64 KiB receive
    /// area per connection, zeroed again before every read.
    static RECEIVE: RefCell<Box<[u8]>> = RefCell::new(vec![0; CHUNK].into_boxed_slice());
}

/// The reading half of a connection, with a buffer: asyncio's
/// `StreamReader`.
pub struct StreamReader {
    stream: Rc<TcpStream>,
    /// Bytes received and not yet handed out, oldest first.
    buffer: Vec<u8>,
    /// How much of `buffer` `readline` has already searched for a newline.
    scanned: usize,
    /// The peer has shut down its writing half: no byte will follow
    /// `buffer`.
    eof: bool,
    /// The longest line `readline` accepts.
    limit: usize,
}

// ANCHOR: impl_stream_reader
impl StreamReader {
    // ANCHOR_END: impl_stream_reader
    /// Receives one chunk onto the end of the buffer; returns how many
    /// bytes came (0: end of file).
    async fn fill(&mut self) -> io::Result<usize> {
        let buffer = &mut self.buffer;
        // Through `TcpStream`'s own read path, so a stream makes the same
        // guesses about an empty socket (see chapter 5's "Going further").
        let got = self
            .stream
            .read_guessing(CHUNK, |mut socket| {
                // No `await` while the receive area is borrowed: the read
                // either takes bytes now or says "would block".
                RECEIVE.with_borrow_mut(|area| {
                    let n = socket.read(area)?;
                    buffer.extend_from_slice(&area[..n]);
                    Ok(n)
                })
            })
            .await;
        if let Ok(0) = got {
            self.eof = true;
        }
        got
    }

    /// Hands out the first `n` buffered bytes.
    fn take(&mut self, n: usize) -> Vec<u8> {
        self.scanned = 0;
        self.buffer.drain(..n).collect()
    }

    /// Reads up to `n` bytes: whatever is buffered, or else whatever the
    /// next receive brings. Does not wait for all `n`. An empty result means
    /// end of file (asyncio's `read(n)` returning `b''`).
    pub async fn read(&mut self, n: usize) -> io::Result<Vec<u8>> {
        if n == 0 {
            return Ok(Vec::new());
        }
        if self.buffer.is_empty() && !self.eof {
            self.fill().await?;
        }
        let n = n.min(self.buffer.len());
        Ok(self.take(n))
    }
    // ANCHOR_END: reader

    // ANCHOR: read_exact
    /// Reads exactly `n` bytes (asyncio's `readexactly`). If the stream
    /// ends first, the error's kind is `UnexpectedEof` and it carries an
    /// [`IncompleteRead`] with the bytes that did come.
    pub async fn read_exact(&mut self, n: usize) -> io::Result<Vec<u8>> {
        while self.buffer.len() < n && !self.eof {
            self.fill().await?;
        }
        if self.buffer.len() < n {
            let partial = self.take(self.buffer.len());
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                IncompleteRead {
                    partial,
                    expected: n,
                },
            ));
        }
        Ok(self.take(n))
    }
    // ANCHOR_END: read_exact

    /// Reads one line, `\n` included (asyncio's `readline`). At end of file
    /// returns what is left, without `\n`; empty when nothing is.
    ///
    /// A line longer than the limit ([`DEFAULT_LIMIT`] unless
    /// [`set_limit`](StreamReader::set_limit) says otherwise; the `\n` does
    /// not count) is an `InvalidData` error, as asyncio raises `ValueError`:
    /// otherwise a peer that never sends a newline could make us buffer
    /// without end. As in asyncio, the error drops the offending bytes (the
    /// whole line if its newline has come, else everything buffered), so the
    /// next call reads on instead of failing again on the same bytes.
    // ANCHOR: readline
    pub async fn readline(&mut self) -> io::Result<Vec<u8>> {
        loop {
            if let Some(at) = self.buffer[self.scanned..].iter().position(|&b| b == b'\n') {
                let newline = self.scanned + at;
                if newline > self.limit {
                    self.take(newline + 1);
                    return Err(self.line_too_long());
                }
                return Ok(self.take(newline + 1));
            }
            self.scanned = self.buffer.len();
            // Checked before end of file, as asyncio does: a too-long last
            // line is an error too, not a line.
            if self.buffer.len() > self.limit {
                self.take(self.buffer.len());
                return Err(self.line_too_long());
            }
            if self.eof {
                return Ok(self.take(self.buffer.len()));
            }
            self.fill().await?;
        }
    }

    fn line_too_long(&self) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a line longer than the limit of {} bytes", self.limit),
        )
    }
    // ANCHOR_END: readline

    /// Reads until end of file (asyncio's `read()` with no argument).
    pub async fn read_to_end(&mut self) -> io::Result<Vec<u8>> {
        while !self.eof {
            self.fill().await?;
        }
        Ok(self.take(self.buffer.len()))
    }

    /// Whether the stream has ended and everything buffered has been read
    /// (asyncio's `at_eof()`).
    pub fn at_eof(&self) -> bool {
        self.eof && self.buffer.is_empty()
    }

    /// Sets the longest line [`readline`](StreamReader::readline) accepts.
    pub fn set_limit(&mut self, limit: usize) {
        self.limit = limit;
    }

    /// The peer's address (asyncio's `get_extra_info('peername')`).
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.stream.peer_addr()
    }
}

impl fmt::Debug for StreamReader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamReader")
            .field("buffered", &self.buffer.len())
            .field("eof", &self.eof)
            .finish()
    }
}

/// The error inside [`StreamReader::read_exact`]'s `UnexpectedEof`: the
/// stream ended before `expected` bytes came (asyncio's
/// `IncompleteReadError`). Get it back with `err.get_ref()` and
/// `downcast_ref`, or `into_inner` and `downcast`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncompleteRead {
    /// The bytes that did come before the end.
    pub partial: Vec<u8>,
    /// How many were asked for.
    pub expected: usize,
}

impl fmt::Display for IncompleteRead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the stream ended after {} of {} expected bytes",
            self.partial.len(),
            self.expected
        )
    }
}

impl Error for IncompleteRead {}

/// The writing half of a connection: asyncio's `StreamWriter`.
///
/// [`write`](StreamWriter::write) only buffers; [`drain`](StreamWriter::drain)
/// sends the buffer, waiting whenever the socket's send buffer is full.
/// (asyncio's `write` tries to send at once and buffers the rest; ours
/// always buffers, which is simpler and sends the same bytes.)
// ANCHOR: writer
pub struct StreamWriter {
    stream: Rc<TcpStream>,
    /// Bytes written and not yet sent; `buffer[..written]` has been sent.
    buffer: Vec<u8>,
    written: usize,
}

// ANCHOR: impl_stream_writer
impl StreamWriter {
    // ANCHOR_END: impl_stream_writer
    /// Adds `data` to the buffer. Nothing is sent until
    /// [`drain`](StreamWriter::drain).
    pub fn write(&mut self, data: &[u8]) {
        self.buffer.extend_from_slice(data);
    }

    /// How many bytes wait to be sent (asyncio's
    /// `transport.get_write_buffer_size()`).
    pub fn buffered(&self) -> usize {
        self.buffer.len() - self.written
    }

    /// Sends everything buffered. Each write may take only part of what is
    /// left (a partial write), and a full send buffer makes the task wait
    /// for writability: the loop runs the other tasks meanwhile.
    pub async fn drain(&mut self) -> io::Result<()> {
        while self.written < self.buffer.len() {
            match self.stream.write(&self.buffer[self.written..]).await? {
                0 => return Err(io::ErrorKind::WriteZero.into()),
                n => self.written += n,
            }
        }
        self.buffer.clear();
        self.written = 0;
        Ok(())
    }
    // ANCHOR_END: writer

    // ANCHOR: close
    /// Sends what is buffered, then shuts down the writing half: the peer
    /// reads end of file, and the reader half can still read its reply (a
    /// half-close; asyncio's `write_eof`).
    pub async fn write_eof(&mut self) -> io::Result<()> {
        self.drain().await?;
        self.stream.shutdown(Shutdown::Write)
    }

    /// Sends what is buffered and closes the writing side (asyncio's
    /// `close()` followed by `await wait_closed()`). The socket itself is
    /// closed once the reader half is dropped too.
    pub async fn close(mut self) -> io::Result<()> {
        self.write_eof().await
    }
    // ANCHOR_END: close

    /// The peer's address (asyncio's `get_extra_info('peername')`).
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.stream.peer_addr()
    }
}

impl fmt::Debug for StreamWriter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamWriter")
            .field("buffered", &self.buffered())
            .finish()
    }
}

/// How a server's connections have fared so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ServerStats {
    /// Connections accepted.
    pub accepted: u64,
    /// Connections whose handler is still running.
    pub open: u64,
    /// The most connections open at once.
    pub peak_open: u64,
    /// Handlers that returned `Ok`.
    pub finished: u64,
    /// Handlers that returned an error (a reset, an early end of file…).
    pub failed: u64,
    /// Handlers that panicked or were cancelled.
    pub aborted: u64,
    /// Failed `accept` calls (the server went on).
    pub accept_errors: u64,
    /// Times accepting paused because descriptors or memory ran out (each
    /// also counts as an accept error).
    pub accept_pauses: u64,
}

#[derive(Default)]
struct Counters {
    stats: Cell<ServerStats>,
    /// The accept loop's waker while it pauses for want of descriptors. A
    /// connection that closes frees one, so its guard wakes the loop.
    paused: RefCell<Option<Waker>>,
}

impl Counters {
    fn update(&self, f: impl FnOnce(&mut ServerStats)) {
        let mut stats = self.stats.get();
        f(&mut stats);
        self.stats.set(stats);
    }
}

/// Listens on `addr` and runs `handler` as a new task for every connection:
/// asyncio's `start_server(client_connected_cb, host, port)`.
///
/// Each connection is its own task, so a handler that fails (returns an
/// error) or panics ends its own connection and nothing else; the server's
/// [`stats`](Server::stats) count how each one ended.
// ANCHOR: start_server
pub async fn start_server<H, F>(handler: H, addr: impl ToSocketAddrs) -> io::Result<Server>
where
    H: Fn(StreamReader, StreamWriter) -> F + 'static,
    F: Future<Output = io::Result<()>> + 'static,
{
    let listener = TcpListener::bind(addr)?;
    let local_addr = listener.local_addr()?;
    let counters = Rc::new(Counters::default());
    let accept_loop = spawn_named("server", accept_loop(listener, handler, counters.clone()));
    Ok(Server {
        local_addr,
        accept_loop,
        counters,
    })
}

async fn accept_loop<H, F>(listener: TcpListener, handler: H, counters: Rc<Counters>)
where
    H: Fn(StreamReader, StreamWriter) -> F + 'static,
    F: Future<Output = io::Result<()>> + 'static,
{
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _peer)) => stream,
            Err(err) if out_of_resources(&err) => {
                // The connection stays in the listen queue and the listener
                // stays readable: trying again at once fails again at once,
                // for ever, at 100% CPU. Pause instead, as asyncio does.
                counters.update(|s| {
                    s.accept_errors += 1;
                    s.accept_pauses += 1;
                });
                trace::note(format!("accept failed: {err}; pausing"));
                call_exception_handler(ExceptionContext {
                    message: "socket.accept() out of system resource",
                    task: Some("server".to_owned()),
                    panic: err.to_string(),
                });
                pause_accepting(&counters).await;
                continue;
            }
            Err(err) => {
                // A connection reset before we took it: that connection is
                // lost, the server is not.
                counters.update(|s| s.accept_errors += 1);
                trace::note(format!("accept failed: {err}"));
                yield_now().await;
                continue;
            }
        };
        counters.update(|s| {
            s.accepted += 1;
            s.open += 1;
            s.peak_open = s.peak_open.max(s.open);
        });
        let number = counters.stats.get().accepted;
        let (reader, writer) = split(stream);
        let connection = handler(reader, writer);
        let guard = ConnectionGuard {
            counters: counters.clone(),
            ended: false,
        };
        drop(spawn_named(
            format!("conn-{number}"),
            serve(connection, guard),
        ));
    }
}

/// Runs one connection's handler and counts how it ended.
async fn serve(connection: impl Future<Output = io::Result<()>>, mut guard: ConnectionGuard) {
    let result = connection.await;
    guard.ended = true;
    guard.counters.update(|s| match &result {
        Ok(()) => s.finished += 1,
        Err(_) => s.failed += 1,
    });
    if let Err(err) = result {
        trace::note(format!("connection ended by an error: {err}"));
    }
}
// ANCHOR_END: start_server

/// Closes a connection's books when its task goes away, however it ends.
struct ConnectionGuard {
    counters: Rc<Counters>,
    /// Set when the handler returned; a guard dropped without it means the
    /// task panicked or was cancelled.
    ended: bool,
}

impl Drop for ConnectionGuard {
    fn drop(&mut self) {
        let ended = self.ended;
        self.counters.update(|s| {
            s.open -= 1;
            if !ended {
                s.aborted += 1;
            }
        });
        // The connection's socket is closed by now (the handler's future,
        // which owned it, is gone): a paused accept loop can use it.
        let paused = self.counters.paused.take();
        if let Some(waker) = paused {
            waker.wake();
        }
    }
}

/// Whether a failed `accept` means "out of descriptors or memory", the
/// errors after which asyncio stops accepting for a while: the process's
/// descriptor table is full (`EMFILE`), the system's is (`ENFILE`), or the
/// kernel has no memory for the socket (`ENOBUFS`, `ENOMEM`).
fn out_of_resources(err: &io::Error) -> bool {
    let errno = Errno::from_io_error(err);
    [Errno::MFILE, Errno::NFILE, Errno::NOBUFS, Errno::NOMEM]
        .into_iter()
        .any(|resource| errno == Some(resource))
}

/// Waits until one of the server's connections closes, freeing a
/// descriptor, or [`ACCEPT_RETRY_DELAY`] has passed, whichever comes first.
///
/// The delay runs on a helper thread (stage 3's `thread_sleep`). Stage 6's
/// timers would be the natural tool, but they are built on this stage; a
/// `timerfd` would need a descriptor, the very thing that ran out; and a
/// deadline inside the reactor's `park` would be a second timer, one that
/// stage 6's timer layer and its virtual clock would know nothing about. A
/// sleeping thread needs no descriptor, and wakes the loop the way every
/// other thread does. If a connection closes first, the thread wakes the
/// accept task once more when it is done sleeping: a spurious wake, which
/// costs one poll.
// ANCHOR: pause_accepting
async fn pause_accepting(counters: &Counters) {
    let open = counters.stats.get().open;
    let mut delay = pin!(thread_sleep(ACCEPT_RETRY_DELAY));
    poll_fn(|cx| {
        // Nothing is accepted while paused, so fewer open connections means
        // that one has closed.
        if counters.stats.get().open < open || delay.as_mut().poll(cx).is_ready() {
            return Poll::Ready(());
        }
        *counters.paused.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    })
    .await;
    counters.paused.take();
}
// ANCHOR_END: pause_accepting

/// A listening server made by [`start_server`]: asyncio's `Server`.
///
/// Dropping it does not stop it (the accept task keeps running, as a
/// task does when its handle is dropped); [`close`](Server::close) does.
pub struct Server {
    local_addr: SocketAddr,
    accept_loop: JoinHandle<()>,
    counters: Rc<Counters>,
}

impl Server {
    /// The address it listens on (asyncio's `server.sockets[0].getsockname()`).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// How its connections have fared so far.
    pub fn stats(&self) -> ServerStats {
        self.counters.stats.get()
    }

    /// Stops accepting: the listening socket is closed when the accept
    /// task's future is dropped. Connections already open go on (as with
    /// asyncio's `Server.close()`).
    pub fn close(&self) {
        self.accept_loop.cancel();
    }

    // ANCHOR: serve_forever
    /// Waits until the server is closed (asyncio's `serve_forever`, which
    /// also only ends when the server is closed), or its accept task has
    /// ended by a panic (a handler that panics when called, say).
    ///
    /// That panic goes to the loop's exception handler, as asyncio reports
    /// what its accept callback raises with `call_exception_handler`. To
    /// get it there, this waits for the accept task without taking its
    /// result: a handle dropped with a panic nobody took reports it ("Task
    /// exception was never retrieved", task `server`). Cancelling
    /// `serve_forever` closes the server, as in asyncio.
    pub async fn serve_forever(self) {
        let _close_if_cancelled = CloseOnDrop(&self);
        poll_fn(|cx| self.accept_loop.poll_done(cx)).await;
    }
    // ANCHOR_END: serve_forever
}

/// Closes the server when dropped; a server whose accept task has ended
/// already is not affected.
struct CloseOnDrop<'a>(&'a Server);

impl Drop for CloseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Server")
            .field("local_addr", &self.local_addr)
            .field("stats", &self.stats())
            .finish()
    }
}
