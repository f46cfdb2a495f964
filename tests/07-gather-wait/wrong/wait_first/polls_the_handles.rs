// A wrong answer to exercise 7.2 (wait_first), kept so `cargo lab verify`
// proves the suite catches it: it asks each handle whether its task is
// done by polling it, as `.await` would, which takes a finished task's
// result out of the handle before the caller can read it.
//
// expect: must not poll the handles as an .await would

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
            .as_mut()
            .expect("a WaitFirst was polled after it completed");
        // Ask every handle, not only up to the first that is done: each
        // task still running must keep our waker, or its end would not
        // wake us. `poll_done`, not `Pin::new(handle).poll(cx)`: a poll
        // would take a finished task's result (the caller's to take), and
        // mark a running task's handle as awaited, so that dropping it
        // (the caller drops `pending`, or a timeout drops this wait)
        // would cancel the task. asyncio's wait never cancels.
        let mut any_done = false;
        for handle in handles.iter_mut() {
            if Pin::new(handle).poll(cx).is_ready() {
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
