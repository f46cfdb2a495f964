//! `to_thread`: run a blocking call on a helper thread and await its result
//! (asyncio's `asyncio.to_thread`).

use std::fmt;
use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;

use aio_executor::start_off_loop_work;

use crate::pool;

/// Runs `f` on a helper thread and returns a future of its result.
///
/// For the calls that have no non-blocking form, such as reading a file or
/// looking up a host name (`getaddrinfo`, which
/// [`TcpStream::connect`](crate::TcpStream::connect) runs here). The thread
/// wakes the task when `f` returns, through the loop's thread-safe wake
/// path. The threads come from a small pool, as asyncio's do: at most
/// `min(32, cores + 4)`; a call past that waits for a free thread.
///
/// If `f` panics, awaiting the future panics with the same payload.
///
/// While `f` runs, the call counts as the loop's work on another thread
/// ([`start_off_loop_work`]): a virtual clock (stage 6) does not jump past
/// it, as tokio's paused clock does not auto-advance while `spawn_blocking`
/// work runs.
// ANCHOR: to_thread
pub fn to_thread<F, R>(f: F) -> ToThread<R>
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    let shared = Arc::new(Mutex::new(Handoff {
        result: None,
        waker: None,
    }));
    let theirs = shared.clone();
    // Counted from now until the thread lets go: the guard is dropped when
    // the closure ends, or when it unwinds, or with the closure if the
    // thread cannot be started.
    let hold = start_off_loop_work();
    pool::execute(Box::new(move || {
        let result = panic::catch_unwind(AssertUnwindSafe(f));
        let waker = {
            let mut handoff = theirs.lock().unwrap_or_else(|p| p.into_inner());
            handoff.result = Some(result);
            handoff.waker.take()
        };
        // Wake after unlocking: the waker may run on this thread.
        if let Some(waker) = waker {
            waker.wake();
        }
        // Only after the wake: a loop that sees no work out may let its
        // virtual clock jump, and the wake must be on its way by then.
        drop(hold);
    }));
    ToThread { shared }
}

/// What the helper thread hands back.
struct Handoff<R> {
    /// `Some` once `f` has returned or panicked.
    result: Option<thread::Result<R>>,
    /// The task to wake when the result is in.
    waker: Option<Waker>,
}

/// The future of [`to_thread`].
#[must_use = "the call runs anyway; await the future to get its result"]
pub struct ToThread<R> {
    shared: Arc<Mutex<Handoff<R>>>,
}

impl<R> Future for ToThread<R> {
    type Output = R;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<R> {
        let mut handoff = self.shared.lock().unwrap_or_else(|p| p.into_inner());
        match handoff.result.take() {
            Some(Ok(value)) => Poll::Ready(value),
            Some(Err(payload)) => {
                drop(handoff);
                panic::resume_unwind(payload)
            }
            None => {
                // Checked and stored under one lock: the thread cannot
                // finish in between and miss the waker.
                handoff.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
// ANCHOR_END: to_thread

impl<R> fmt::Debug for ToThread<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let done = self
            .shared
            .lock()
            .map(|h| h.result.is_some())
            .unwrap_or(false);
        f.debug_struct("ToThread").field("done", &done).finish()
    }
}
