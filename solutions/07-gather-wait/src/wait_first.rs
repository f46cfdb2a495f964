//! # Exercise 7.2: `wait` for the first task to finish (solution)
//!
//! `wait` only watches: `poll_done` tells it when a task has ended and
//! keeps its waker meanwhile, and neither takes the result nor ties the
//! task's fate to the wait. The results stay in the handles for the caller.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use aio_executor::JoinHandle;

/// Waits until at least one of `handles` is done (asyncio's
/// `wait(tasks, return_when=FIRST_COMPLETED)`), then gives them back as
/// `(done, pending)`.
///
/// # Panics
///
/// Panics if `handles` is empty, as asyncio raises `ValueError`: there
/// would be nothing to wait for, ever.
pub fn wait_first<T>(handles: Vec<JoinHandle<T>>) -> WaitFirst<T> {
    assert!(
        !handles.is_empty(),
        "wait_first() needs at least one task (asyncio: Set of Futures is empty.)"
    );
    WaitFirst {
        handles: Some(handles),
    }
}

/// The future of [`wait_first`].
#[derive(Debug)]
pub struct WaitFirst<T> {
    /// The handles, in the order given; `None` once they were handed back.
    handles: Option<Vec<JoinHandle<T>>>,
}

impl<T> Future for WaitFirst<T> {
    /// `(done, pending)`, each in the order the handles were given.
    type Output = (Vec<JoinHandle<T>>, Vec<JoinHandle<T>>);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let handles = this
            .handles
            .as_ref()
            .expect("a WaitFirst was polled after it completed");
        // Ask every handle, not only up to the first that is done: each
        // task still running must keep our waker, or its end would not
        // wake us. `poll_done`, not `Pin::new(handle).poll(cx)`: a poll
        // would take a finished task's result (the caller's to take), and
        // mark a running task's handle as awaited, so that dropping it
        // (the caller drops `pending`, or a timeout drops this wait)
        // would cancel the task. asyncio's wait never cancels.
        let mut any_done = false;
        for handle in handles {
            if handle.poll_done(cx).is_ready() {
                any_done = true;
            }
        }
        if !any_done {
            return Poll::Pending;
        }
        // Split by `done()` rather than by what this poll saw first: every
        // task that has ended by now is done, as in asyncio's `done` set.
        // The running tasks keep our waker; a later wake of this task is
        // spurious, and harmless.
        let handles = this.handles.take().expect("checked above");
        Poll::Ready(handles.into_iter().partition(|handle| handle.done()))
    }
}
