//! Non-blocking TCP: a listener that accepts and a stream that reads and
//! writes, each an [`Async`] over the standard library's socket.

use std::cell::Cell;
use std::fmt;
use std::io::{self, Read, Write};
use std::net::{self, Shutdown, SocketAddr, ToSocketAddrs};

use crate::async_io::Async;
use crate::connect::{self, ConnectAddr};

// ANCHOR: listener
/// A TCP socket listening for connections, registered with the reactor.
pub struct TcpListener {
    io: Async<net::TcpListener>,
}

/// How many finished handshakes may wait to be accepted before the kernel
/// starts dropping new connections (the `listen` backlog).
pub const LISTEN_BACKLOG: i32 = 1024;

impl TcpListener {
    /// Binds to `addr` (use port 0 to let the OS choose) and starts
    /// listening. Needs a running loop with a reactor.
    pub fn bind(addr: impl ToSocketAddrs) -> io::Result<TcpListener> {
        let listener = net::TcpListener::bind(addr)?;
        // std listens with a backlog of 128: past 128 connections waiting
        // to be accepted, Linux drops the next SYNs, and each of those
        // clients retries only a second later. Listening again on a
        // listening socket just sets the new backlog (capped by
        // net.core.somaxconn). asyncio's `start_server` asks for 100, tokio's
        // `TcpListener::bind` for 1024.
        rustix::net::listen(&listener, LISTEN_BACKLOG)?;
        Ok(TcpListener {
            io: Async::new(listener)?,
        })
    }

    /// Waits for the next connection and returns it with the peer's
    /// address.
    pub async fn accept(&self) -> io::Result<(TcpStream, SocketAddr)> {
        let (stream, peer) = self.io.read_with(|listener| listener.accept()).await?;
        Ok((TcpStream::from_std(stream)?, peer))
    }
    // ANCHOR_END: listener

    /// The address it listens on (with the port the OS chose).
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.get_ref().local_addr()
    }

    /// The registered socket, to wait on it directly.
    pub fn as_async(&self) -> &Async<net::TcpListener> {
        &self.io
    }
}

impl fmt::Debug for TcpListener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TcpListener").field(&self.io).finish()
    }
}

// ANCHOR: stream
/// A TCP connection, registered with the reactor.
pub struct TcpStream {
    io: Async<net::TcpStream>,
    /// The next read waits for readability before it tries, instead of
    /// making a system call that would most likely say "would block" (a
    /// fast path; see chapter 5's "Going further"). Set when the last read
    /// got less than it asked for (the socket is most likely empty), and
    /// when we have written since (what we read next is most likely the
    /// answer, and it has a round trip to make).
    read_waits: Cell<bool>,
}

// ANCHOR: impl_tcp_stream
impl TcpStream {
    // ANCHOR_END: impl_tcp_stream
    /// Registers a connected standard-library stream with the reactor.
    pub fn from_std(stream: net::TcpStream) -> io::Result<TcpStream> {
        Ok(TcpStream {
            io: Async::new(stream)?,
            read_waits: Cell::new(false),
        })
    }

    /// Reads what is available, at most `buf.len()` bytes, waiting until
    /// something is. `Ok(0)` is the end of the stream (the peer shut down
    /// its writing half).
    pub async fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0); // nothing to read into: no wait, and no guess used up
        }
        let asked = buf.len();
        self.read_guessing(asked, |mut stream| stream.read(buf))
            .await
    }

    /// Writes some of `buf`, waiting until the socket takes at least one
    /// byte; returns how many it took (possibly fewer than `buf.len()`).
    pub async fn write(&self, buf: &[u8]) -> io::Result<usize> {
        let n = self.io.write_with(|mut stream| stream.write(buf)).await?;
        if n > 0 {
            self.read_waits.set(true);
        }
        Ok(n)
    }
    // ANCHOR_END: stream

    // ANCHOR: read_guessing
    /// Runs `op`, a non-blocking read of at most `asked` bytes, as `read`
    /// does: it waits for readability first if the last read or a write
    /// says the socket is most likely empty, and a short read makes the
    /// next one wait. The streams' reads go through here too.
    pub(crate) async fn read_guessing(
        &self,
        asked: usize,
        op: impl FnMut(&net::TcpStream) -> io::Result<usize>,
    ) -> io::Result<usize> {
        if self.read_waits.replace(false) {
            self.io.readable().await?;
        }
        let n = self.io.read_with(op).await?;
        self.read_waits.set(n > 0 && n < asked);
        Ok(n)
    }
    // ANCHOR_END: read_guessing

    // ANCHOR: write_all
    /// Writes all of `buf`, one partial write after another.
    pub async fn write_all(&self, mut buf: &[u8]) -> io::Result<()> {
        while !buf.is_empty() {
            match self.write(buf).await? {
                0 => return Err(io::ErrorKind::WriteZero.into()),
                n => buf = &buf[n..],
            }
        }
        Ok(())
    }
    // ANCHOR_END: write_all

    /// Connects to `addr`, without blocking the loop at any step.
    ///
    /// A host name is looked up first, on a helper thread; then each
    /// address it has is tried in turn, as the standard library does, until
    /// one connects. The error is the last address's (for one address, its
    /// own: `ConnectionRefused` when nothing listens there).
    // ANCHOR: connect
    pub async fn connect(addr: impl ConnectAddr) -> io::Result<TcpStream> {
        let mut last_error = None;
        for addr in connect::resolve(addr).await? {
            match connect::connect_to(addr).await {
                Ok(stream) => return Ok(stream),
                Err(err) => last_error = Some(err),
            }
        }
        Err(last_error.unwrap_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "the host name has no addresses",
            )
        }))
    }
    // ANCHOR_END: connect

    /// Shuts down the reading half, the writing half or both. Shutting down
    /// writing sends the peer an end of file while we can still read.
    pub fn shutdown(&self, how: Shutdown) -> io::Result<()> {
        self.io.get_ref().shutdown(how)
    }

    /// The peer's address.
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.io.get_ref().peer_addr()
    }

    /// This end's address.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.get_ref().local_addr()
    }

    /// Turns Nagle's algorithm off (`true`) or on.
    pub fn set_nodelay(&self, nodelay: bool) -> io::Result<()> {
        self.io.get_ref().set_nodelay(nodelay)
    }

    /// The registered socket, to wait on it directly.
    pub fn as_async(&self) -> &Async<net::TcpStream> {
        &self.io
    }
}

impl fmt::Debug for TcpStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TcpStream").field(&self.io).finish()
    }
}
