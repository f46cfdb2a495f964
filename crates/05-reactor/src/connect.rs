//! Connecting without blocking, the way a reactor does it: make the socket
//! non-blocking *before* connecting, start the handshake, wait for the
//! socket to become writable, then ask the socket how the handshake went.
//!
//! The standard library cannot do this: its only way to get a TCP stream is
//! `TcpStream::connect`, which makes the socket and waits for the handshake
//! in one call. So the three calls it lacks (`socket`, a `connect` that may
//! answer "in progress", and `getsockopt(SO_ERROR)`) come from `rustix`, and
//! the socket becomes a standard `TcpStream` as soon as it exists.

use std::io;
use std::net::{self, SocketAddr, SocketAddrV4, SocketAddrV6, ToSocketAddrs};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::os::fd::OwnedFd;

use rustix::io::Errno;
use rustix::net::{AddressFamily, SocketType, sockopt};

use crate::tcp::TcpStream;
use crate::to_thread::to_thread;

// ANCHOR: connect_to
/// Opens a TCP connection to one address without blocking the loop.
pub(crate) async fn connect_to(addr: SocketAddr) -> io::Result<TcpStream> {
    let socket = nonblocking_socket(&addr)?;
    // A non-blocking socket cannot wait for the handshake, so `connect`
    // only starts it and answers "in progress" (EINPROGRESS).
    let in_progress = match rustix::net::connect(&socket, &addr) {
        Ok(()) => false, // done at once; some systems do that on loopback
        // EINTR: a signal came during the call. The handshake goes on
        // without us, exactly as if the answer had been "in progress".
        Err(Errno::INPROGRESS | Errno::INTR) => true,
        Err(errno) => return Err(errno.into()), // e.g. no route to the host
    };
    let stream = TcpStream::from_std(net::TcpStream::from(socket))?;
    if in_progress {
        // The handshake is over, one way or the other, when the socket
        // becomes writable: the OS reports a refused or failed connect as
        // writable (and in error) too.
        stream.as_async().writable().await?;
        // So "writable" says only that it is over. The socket's pending
        // error says how: none, or the reason (ECONNREFUSED, ETIMEDOUT, ...).
        if let Err(errno) = sockopt::socket_error(stream.as_async().get_ref())? {
            return Err(errno.into());
        }
    }
    // A connected socket has a peer; this also catches a failure whose
    // error was already taken, as `NotConnected`.
    stream.peer_addr()?;
    Ok(stream)
}
// ANCHOR_END: connect_to

/// A new TCP socket for `addr`'s family (IPv4 or IPv6), non-blocking and
/// close-on-exec from the first moment.
#[cfg(not(target_vendor = "apple"))]
fn nonblocking_socket(addr: &SocketAddr) -> io::Result<OwnedFd> {
    use rustix::net::SocketFlags;
    // Close-on-exec in the same call: tests start child processes from
    // other threads, and a child that inherited this descriptor would hold
    // the connection open after we close it.
    let flags = SocketFlags::NONBLOCK | SocketFlags::CLOEXEC;
    Ok(rustix::net::socket_with(
        family(addr),
        SocketType::STREAM,
        flags,
        None,
    )?)
}

/// macOS has no `SOCK_NONBLOCK` or `SOCK_CLOEXEC`: set both right after the
/// socket is made, and `SO_NOSIGPIPE`, which the standard library sets on
/// every socket it makes there (a write to a reset connection must be an
/// error, not a signal that ends the process).
#[cfg(target_vendor = "apple")]
fn nonblocking_socket(addr: &SocketAddr) -> io::Result<OwnedFd> {
    let socket = rustix::net::socket(family(addr), SocketType::STREAM, None)?;
    rustix::io::fcntl_setfd(&socket, rustix::io::FdFlags::CLOEXEC)?;
    rustix::io::ioctl_fionbio(&socket, true)?;
    sockopt::set_socket_nosigpipe(&socket, true)?;
    Ok(socket)
}

fn family(addr: &SocketAddr) -> AddressFamily {
    match addr {
        SocketAddr::V4(_) => AddressFamily::INET,
        SocketAddr::V6(_) => AddressFamily::INET6,
    }
}

/// What [`TcpStream::connect`] and [`open_connection`](crate::open_connection)
/// accept: a socket address, an IP address and a port, or a host and a port
/// (`("localhost", 8888)`, `"localhost:8888"`), as the standard library's
/// [`ToSocketAddrs`] does.
///
/// The one thing it adds is [`numeric`](ConnectAddr::numeric): whether the
/// address is already numbers. A host name must be looked up first, with
/// `getaddrinfo`, which blocks and has no non-blocking form.
// ANCHOR: resolve
pub trait ConnectAddr: ToSocketAddrs + Send + 'static {
    /// The address, if it needs no lookup; `None` for a host name.
    fn numeric(&self) -> Option<SocketAddr>;
}

/// The addresses to try, in order. A numeric address is used as it is; a
/// name is looked up on a helper thread ([`to_thread`]) while the loop goes
/// on. asyncio does the same: `getaddrinfo` in its thread pool, skipped
/// when the host is already an IP address.
pub(crate) async fn resolve(addr: impl ConnectAddr) -> io::Result<Vec<SocketAddr>> {
    match addr.numeric() {
        Some(addr) => Ok(vec![addr]),
        None => to_thread(move || Ok(addr.to_socket_addrs()?.collect())).await,
    }
}
// ANCHOR_END: resolve

macro_rules! numeric_always {
    ($($ty:ty),* $(,)?) => {$(
        impl ConnectAddr for $ty {
            fn numeric(&self) -> Option<SocketAddr> {
                Some(SocketAddr::from(*self))
            }
        }
    )*};
}

numeric_always!(
    SocketAddr,
    SocketAddrV4,
    SocketAddrV6,
    (IpAddr, u16),
    (Ipv4Addr, u16),
    (Ipv6Addr, u16),
);

impl ConnectAddr for (&'static str, u16) {
    fn numeric(&self) -> Option<SocketAddr> {
        host_and_port(self.0, self.1)
    }
}

impl ConnectAddr for (String, u16) {
    fn numeric(&self) -> Option<SocketAddr> {
        host_and_port(&self.0, self.1)
    }
}

/// `Some` when the host is an IP address, written as numbers.
fn host_and_port(host: &str, port: u16) -> Option<SocketAddr> {
    let ip: IpAddr = host.parse().ok()?;
    Some(SocketAddr::new(ip, port))
}

impl ConnectAddr for &'static str {
    fn numeric(&self) -> Option<SocketAddr> {
        self.parse().ok()
    }
}

impl ConnectAddr for String {
    fn numeric(&self) -> Option<SocketAddr> {
        self.parse().ok()
    }
}
