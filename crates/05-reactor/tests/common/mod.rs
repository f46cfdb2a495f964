//! Helpers shared by this crate's tests: a loop with a reactor, run on its
//! own thread with a time limit, so that a bug fails the test instead of
//! hanging it.

#![allow(dead_code)] // each test file uses some of these

use std::future::Future;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use aio_executor::EventLoop;
use aio_reactor::{Reactor, TcpListener, TcpStream};

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
/// [`LIMIT`].
pub fn bounded<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    let worker = thread::Builder::new()
        .name("bounded".into())
        .spawn(move || {
            let value = f();
            let _ = done.send(());
            value
        })
        .expect("a thread for the test");
    match result.recv_timeout(LIMIT) {
        Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
            Ok(value) => value,
            Err(panic) => std::panic::resume_unwind(panic),
        },
        Err(mpsc::RecvTimeoutError::Timeout) => panic!(
            "the loop did not finish within {LIMIT:?}: a task is waiting for an event \
             that never comes (lost wake-up, or interest not re-armed?)"
        ),
    }
}

/// Two ends of one TCP connection on 127.0.0.1: (client, server side).
pub async fn connected_pair() -> std::io::Result<(TcpStream, TcpStream)> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let client = TcpStream::connect(listener.local_addr()?).await?;
    let (server_side, _peer) = listener.accept().await?;
    Ok((client, server_side))
}
