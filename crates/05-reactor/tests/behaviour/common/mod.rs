//! Helpers shared by this crate's tests: a loop with a reactor, run on its
//! own thread with a time limit, so that a bug fails the test instead of
//! hanging it; and, on Linux, a look into the process's epoll instances.

#![allow(dead_code)] // each test file uses some of these

use std::future::Future;
use std::os::fd::RawFd;
use std::time::Duration;

use aio_executor::EventLoop;
use aio_reactor::{Reactor, TcpListener, TcpStream, to_thread};
use aio_testkit::watchdog::within;

/// Generous for loopback I/O, even on a loaded machine or under valgrind.
pub const LIMIT: Duration = Duration::from_secs(30);

/// Runs `make()`'s future to completion on a fresh reactor loop on a new
/// thread, and fails the test if that takes longer than [`LIMIT`]. A panic
/// in the loop's thread comes back as a panic here.
pub fn run<F, M, T>(make: M) -> T
where
    M: FnOnce() -> F + Send + 'static,
    F: Future<Output = T> + 'static,
    T: Send + 'static,
{
    run_on(|event_loop| event_loop.run_until_complete(make()))
}

/// Like [`run`], with the loop itself (traced) handed to `body`, to read
/// its trace, set its exception handler, or look at the reactor afterwards.
pub fn run_on<B, T>(body: B) -> T
where
    B: FnOnce(&EventLoop<Reactor>) -> T + Send + 'static,
    T: Send + 'static,
{
    bounded(move || {
        let event_loop = EventLoop::with_driver(Reactor::new().expect("a poller")).with_trace();
        let value = body(&event_loop);
        drop(event_loop);
        value
    })
}

/// Runs `f` on a new thread and fails the test if it takes longer than
/// [`LIMIT`] (the test kit's watchdog, with this crate's likely causes).
pub fn bounded<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    within(
        LIMIT,
        "a task is waiting for an event that never comes \
         (a lost wake-up, or interest not re-armed?)",
        f,
    )
}

/// Waits until `done()` holds, looking again every millisecond. The sleep
/// runs on a helper thread, so the loop goes on serving its other tasks
/// (a server's connections, say) meanwhile; the test's time limit bounds
/// the wait.
pub async fn wait_until(mut done: impl FnMut() -> bool) {
    while !done() {
        to_thread(|| std::thread::sleep(Duration::from_millis(1))).await;
    }
}

/// Two ends of one TCP connection on 127.0.0.1: (client, server side).
pub async fn connected_pair() -> std::io::Result<(TcpStream, TcpStream)> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let client = TcpStream::connect(listener.local_addr()?).await?;
    let (server_side, _peer) = listener.accept().await?;
    Ok((client, server_side))
}

/// The epoll instances of this process whose interest list has `fd`: each
/// as the epoll's own descriptor and the entry's `tfd:` line from
/// `/proc/self/fdinfo`.
#[cfg(target_os = "linux")]
pub fn epolls_watching(fd: RawFd) -> Vec<(RawFd, String)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc/self/fd").unwrap().flatten() {
        let Ok(epoll) = entry.file_name().to_string_lossy().parse::<RawFd>() else {
            continue;
        };
        if let Some(line) = epoll_entry(epoll, fd) {
            found.push((epoll, line));
        }
    }
    found
}

/// The `tfd:` line of `fd` in the interest list of the epoll instance
/// `epoll`, if `epoll` is an epoll instance and lists `fd`.
///
/// Ask about one instance, not "any epoll": once `fd` is closed its number
/// is free, and a test running alongside may open a socket under it and
/// register that with an epoll of its own.
#[cfg(target_os = "linux")]
pub fn epoll_entry(epoll: RawFd, fd: RawFd) -> Option<String> {
    let is_epoll = std::fs::read_link(format!("/proc/self/fd/{epoll}"))
        .is_ok_and(|target| target.to_string_lossy() == "anon_inode:[eventpoll]");
    if !is_epoll {
        return None;
    }
    let info = std::fs::read_to_string(format!("/proc/self/fdinfo/{epoll}")).ok()?;
    info.lines()
        .find(|line| {
            let mut words = line.split_whitespace();
            words.next() == Some("tfd:") && words.next() == Some(&fd.to_string())
        })
        .map(str::to_owned)
}
