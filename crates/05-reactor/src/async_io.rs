//! `Async<T>`: a non-blocking I/O object registered with the running
//! loop's reactor, with futures that wait for it to become ready.

use std::fmt;
use std::future::Future;
use std::io;
use std::net;
use std::os::fd::AsFd;
use std::os::unix::net as unix;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use crate::reactor::{self, Direction, Registry, Source, Wait};

/// An I/O object that can be switched to non-blocking mode: every socket
/// type of the standard library.
///
/// [`Async::new`] switches it on, because a blocking call on the loop's
/// thread would stop every task, not just the caller.
///
/// The trait is sealed: only the standard library's six socket types
/// implement it, and each of them *owns* its descriptor. `Async::new`'s
/// safety rests on that. A type that merely borrowed a descriptor could be
/// wrapped in an `Async`, the `Async` leaked with `mem::forget` (safe Rust,
/// so no `Drop` runs), and the descriptor then closed by its real owner
/// while it is still in the poller's interest list. So this does not
/// compile:
///
/// ```compile_fail,E0277
/// use std::os::fd::{AsFd, BorrowedFd};
///
/// struct Borrowed<'a>(BorrowedFd<'a>);
///
/// impl AsFd for Borrowed<'_> {
///     fn as_fd(&self) -> BorrowedFd<'_> {
///         self.0
///     }
/// }
///
/// impl aio_reactor::Nonblocking for Borrowed<'_> {
///     fn set_nonblocking(&self, _: bool) -> std::io::Result<()> {
///         Ok(())
///     }
/// }
/// ```
pub trait Nonblocking: AsFd + sealed::Sealed {
    /// Turns non-blocking mode on or off (`O_NONBLOCK`).
    fn set_nonblocking(&self, nonblocking: bool) -> io::Result<()>;
}

/// A public trait in a private module: other crates can name `Nonblocking`
/// but cannot implement it.
mod sealed {
    pub trait Sealed {}
}

macro_rules! nonblocking {
    ($($ty:ty),* $(,)?) => {$(
        impl sealed::Sealed for $ty {}

        impl Nonblocking for $ty {
            fn set_nonblocking(&self, nonblocking: bool) -> io::Result<()> {
                <$ty>::set_nonblocking(self, nonblocking)
            }
        }
    )*};
}

nonblocking!(
    net::TcpListener,
    net::TcpStream,
    net::UdpSocket,
    unix::UnixListener,
    unix::UnixStream,
    unix::UnixDatagram,
);

/// An I/O object in non-blocking mode, registered with the reactor of the
/// loop running on this thread.
///
/// Its operations never block: when the OS says "would block", the task
/// waits for [`readable`](Async::readable) or [`writable`](Async::writable)
/// and tries again, and the loop runs other tasks meanwhile.
///
/// It stays on the thread of the loop it was registered with: its reactor's
/// table is single-threaded (`Rc`, `RefCell`), so `Async` is not `Send`.
///
/// ```compile_fail,E0277
/// fn send_to_another_thread<T: Send>(_: T) {}
/// fn try_it(socket: aio_reactor::Async<std::net::TcpStream>) {
///     send_to_another_thread(socket);
/// }
/// ```
// ANCHOR: async
pub struct Async<T: AsFd> {
    /// `Some` until [`into_inner`](Async::into_inner) or `drop` takes it:
    /// both deregister the source before the descriptor can be closed.
    io: Option<T>,
    /// The reactor's record of this descriptor.
    source: Rc<Source>,
    /// The reactor it is registered with; kept so that dropping works even
    /// after the loop has stopped.
    registry: Rc<Registry>,
}
// ANCHOR_END: async

// ANCHOR: impl_async_nonblocking
impl<T: Nonblocking> Async<T> {
    // ANCHOR_END: impl_async_nonblocking
    /// Switches `io` to non-blocking mode and registers it with the running
    /// loop's reactor.
    ///
    /// # Errors
    ///
    /// Fails when no loop with a [`Reactor`](crate::Reactor) runs on this
    /// thread, or when the OS refuses the registration.
    // ANCHOR: new
    pub fn new(io: T) -> io::Result<Async<T>> {
        let registry = reactor::current()?;
        io.set_nonblocking(true)?;
        // SAFETY: `io` owns its descriptor (`Nonblocking` is sealed to the
        // standard library's socket types), and it moves into the returned
        // `Async`, so nothing else can close the descriptor. `Drop` and
        // `into_inner` deregister the source before `io` can be dropped; an
        // `Async` that is leaked instead leaks `io`, and the descriptor
        // stays open for good.
        let source = unsafe { registry.register(io.as_fd())? };
        Ok(Async {
            io: Some(io),
            source,
            registry,
        })
    }
    // ANCHOR_END: new
}

// ANCHOR: impl_async_as_fd
impl<T: AsFd> Async<T> {
    // ANCHOR_END: impl_async_as_fd
    /// The I/O object. There is no `get_mut`: swapping the object out would
    /// close a descriptor the reactor still watches.
    pub fn get_ref(&self) -> &T {
        self.io
            .as_ref()
            .expect("the I/O object is present until drop")
    }

    /// Deregisters the object and gives it back (still non-blocking).
    pub fn into_inner(mut self) -> T {
        let io = self
            .io
            .take()
            .expect("the I/O object is present until drop");
        self.registry.deregister(&self.source, io.as_fd());
        io
    }

    /// The reactor's key for this source: the number its events carry (and
    /// the `#N` of the trace's `io:` lines).
    pub fn key(&self) -> usize {
        self.source.key
    }

    // ANCHOR: readiness
    /// Waits until the reactor reports the object readable: a read will not
    /// block (it may return data, end of file, or an error).
    ///
    /// The wait starts when the future is first polled, and only an event
    /// that comes after that ends it.
    pub fn readable(&self) -> Readiness<'_> {
        self.readiness(Direction::Read)
    }

    /// Waits until the reactor reports the object writable.
    pub fn writable(&self) -> Readiness<'_> {
        self.readiness(Direction::Write)
    }

    fn readiness(&self, direction: Direction) -> Readiness<'_> {
        Readiness {
            registry: &self.registry,
            source: &self.source,
            direction,
            wait: None,
        }
    }
    // ANCHOR_END: readiness

    // ANCHOR: read_with
    /// Runs the non-blocking operation `op` until it does not say "would
    /// block", waiting for readability in between: the pattern under every
    /// read, `recv` and `accept`.
    pub async fn read_with<R>(&self, mut op: impl FnMut(&T) -> io::Result<R>) -> io::Result<R> {
        loop {
            match op(self.get_ref()) {
                Err(err) if err.kind() == io::ErrorKind::WouldBlock => self.readable().await?,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                result => return result,
            }
        }
    }

    /// The same for writes: runs `op` until it does not say "would block",
    /// waiting for writability in between.
    pub async fn write_with<R>(&self, mut op: impl FnMut(&T) -> io::Result<R>) -> io::Result<R> {
        loop {
            match op(self.get_ref()) {
                Err(err) if err.kind() == io::ErrorKind::WouldBlock => self.writable().await?,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                result => return result,
            }
        }
    }
    // ANCHOR_END: read_with
}

impl<T: AsFd> Drop for Async<T> {
    fn drop(&mut self) {
        if let Some(io) = self.io.take() {
            // Out of the poller first, then close (when `io` drops).
            self.registry.deregister(&self.source, io.as_fd());
        }
    }
}

impl<T: AsFd + fmt::Debug> fmt::Debug for Async<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Async")
            .field("key", &self.source.key)
            .field("io", &self.io)
            .finish()
    }
}

/// The future of [`Async::readable`] and [`Async::writable`].
#[must_use = "futures do nothing unless awaited"]
pub struct Readiness<'a> {
    registry: &'a Registry,
    source: &'a Source,
    direction: Direction,
    /// The wait, once the future has been polled.
    wait: Option<Wait>,
}

impl Future for Readiness<'_> {
    type Output = io::Result<()>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        this.registry
            .poll_ready(this.source, this.direction, cx, &mut this.wait)
    }
}

impl Drop for Readiness<'_> {
    fn drop(&mut self) {
        if let Some(wait) = self.wait {
            self.registry.give_up(self.source, self.direction, wait);
        }
    }
}

impl fmt::Debug for Readiness<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Readiness")
            .field("key", &self.source.key)
            .field("direction", &self.direction)
            .field("wait", &self.wait)
            .finish()
    }
}
