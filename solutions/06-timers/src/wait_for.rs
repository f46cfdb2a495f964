//! # Exercise 6.3: `wait_for` that cancels on expiry (solution)
//!
//! `Timeout` in `crates/06-timers/src/timeout.rs` is the same future, with
//! the inner future pinned in place instead of boxed.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use aio_timers::{Elapsed, Sleep, sleep};

/// Runs `future` for at most `duration`.
pub fn wait_for<F: Future>(future: F, duration: Duration) -> WaitFor<F> {
    WaitFor {
        future: Some(Box::pin(future)),
        delay: sleep(duration),
    }
}

/// The future of [`wait_for`].
#[derive(Debug)]
pub struct WaitFor<F> {
    /// The inner future; `None` once it finished or was cancelled.
    future: Option<Pin<Box<F>>>,
    /// Ready when the time is up.
    delay: Sleep,
}

impl<F: Future> Future for WaitFor<F> {
    type Output = Result<F::Output, Elapsed>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let future = this
            .future
            .as_mut()
            .expect("a WaitFor was polled after it completed");
        // The inner future first: when both are ready in the same turn, a
        // result that is there is not thrown away.
        if let Poll::Ready(value) = future.as_mut().poll(cx) {
            this.future = None;
            return Poll::Ready(Ok(value));
        }
        // Polling the delay also registers our waker with its timer, so
        // the loop wakes us at the deadline even if the inner future never
        // wakes us again.
        match Pin::new(&mut this.delay).poll(cx) {
            Poll::Ready(()) => {
                // Cancel: dropping the box drops the inner future now, with
                // everything it held, rather than whenever WaitFor goes.
                this.future = None;
                Poll::Ready(Err(Elapsed))
            }
            Poll::Pending => Poll::Pending,
        }
    }
}
