//! Stage 5: the reactor — waiting on sockets with epoll.
//!
//! Stage 4's loop could only wait for wakes from other threads. A network
//! program waits for something else: bytes arriving on a socket, room in a
//! send buffer, a new connection. The OS can watch thousands of sockets at
//! once and say which are ready — `epoll` on Linux, `kqueue` on macOS and
//! the BSDs — and a *reactor* is the part of the loop that asks it. This is
//! what asyncio's `_run_once` does with `selector.select(timeout)`.
//!
//! The one rule to keep in mind: **a task never blocks on a socket.** It
//! tries the operation in non-blocking mode; when the OS answers "would
//! block", the task registers its waker with the reactor and returns
//! `Pending`; when the reactor hears from the OS that the socket is ready,
//! it wakes exactly that task, which tries again.
//!
//! # The reactor is the loop's driver
//!
//! [`Reactor`] implements stage 4's [`Driver`](aio_executor::Driver): when
//! no task is ready the loop calls its `park`, which waits in
//! `Poller::wait` (from the [`polling`] crate: epoll here) and dispatches
//! each event to the waker of the task waiting on that socket.
//!
//! ```
//! use aio_executor::EventLoop;
//! use aio_reactor::{Reactor, TcpListener, TcpStream};
//!
//! let event_loop = EventLoop::with_driver(Reactor::new()?);
//! let echoed = event_loop.run_until_complete(async {
//!     let listener = TcpListener::bind("127.0.0.1:0")?;
//!     let addr = listener.local_addr()?;
//!     let client = TcpStream::connect(addr).await?;
//!     let (server_side, _peer) = listener.accept().await?;
//!
//!     client.write_all(b"ping").await?;
//!     let mut buf = [0; 4];
//!     let n = server_side.read(&mut buf).await?; // waits in epoll, not in read()
//!     std::io::Result::Ok(buf[..n].to_vec())
//! })?;
//! assert_eq!(echoed, b"ping");
//! # std::io::Result::Ok(())
//! ```
//!
//! # `Async<T>`: "would block" becomes "wait"
//!
//! [`Async`] wraps any standard socket, switches it to non-blocking mode
//! and registers it. Its [`readable`](Async::readable) and
//! [`writable`](Async::writable) futures end at the next readiness event,
//! and [`read_with`](Async::read_with) / [`write_with`](Async::write_with)
//! turn any non-blocking call into an `async` one by retrying on
//! `WouldBlock`:
//!
//! ```
//! use std::io::{Read, Write};
//! use std::os::unix::net::UnixStream;
//! use aio_executor::EventLoop;
//! use aio_reactor::{Async, Reactor};
//!
//! let event_loop = EventLoop::with_driver(Reactor::new()?);
//! event_loop.run_until_complete(async {
//!     let (a, mut b) = UnixStream::pair()?;
//!     let a = Async::new(a)?;
//!     b.write_all(b"hi")?;
//!     let mut buf = [0; 2];
//!     let n = a.read_with(|mut s| s.read(&mut buf)).await?;
//!     assert_eq!(&buf[..n], b"hi");
//!     std::io::Result::Ok(())
//! })?;
//! # std::io::Result::Ok(())
//! ```
//!
//! # Streams, as in asyncio
//!
//! On top sit asyncio's high-level streams: [`open_connection`] gives a
//! [`StreamReader`] and a [`StreamWriter`]; [`start_server`] runs a handler
//! task per connection.
//!
//! ```
//! use aio_executor::EventLoop;
//! use aio_reactor::{Reactor, open_connection, start_server};
//!
//! let event_loop = EventLoop::with_driver(Reactor::new()?);
//! let reply = event_loop.run_until_complete(async {
//!     let server = start_server(
//!         |mut reader, mut writer| async move {
//!             let line = reader.readline().await?;
//!             writer.write(&line.to_ascii_uppercase());
//!             writer.close().await
//!         },
//!         "127.0.0.1:0",
//!     )
//!     .await?;
//!
//!     let (mut reader, mut writer) = open_connection(server.local_addr()).await?;
//!     writer.write(b"hello\n");
//!     writer.drain().await?;
//!     reader.read(100).await
//! })?;
//! assert_eq!(reply, b"HELLO\n");
//! # std::io::Result::Ok(())
//! ```
//!
//! Sockets need a running loop with a reactor; outside one,
//! [`Async::new`] fails, as asyncio says "no running event loop":
//!
//! ```
//! let err = aio_reactor::TcpListener::bind("127.0.0.1:0").unwrap_err();
//! assert!(err.to_string().contains("no running event loop"));
//! ```
//!
//! This crate is for Unix (it uses file descriptors); on Windows, `polling`
//! speaks IOCP and sockets are not file descriptors.
#![deny(clippy::undocumented_unsafe_blocks)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

mod async_io;
mod connect;
mod pool;
mod reactor;
mod streams;
mod tcp;
mod to_thread;

pub use async_io::{Async, Nonblocking, Readiness};
pub use connect::ConnectAddr;
pub use pool::{IDLE_EXIT, live_threads, max_threads};
pub use reactor::{Reactor, ReactorStats};
pub use streams::{
    ACCEPT_RETRY_DELAY, DEFAULT_LIMIT, IncompleteRead, Server, ServerStats, StreamReader,
    StreamWriter, open_connection, split, start_server,
};
pub use tcp::{LISTEN_BACKLOG, TcpListener, TcpStream};
pub use to_thread::{ToThread, to_thread};
