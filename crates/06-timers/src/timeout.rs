//! `timeout` and `wait_for`: give a future a deadline, and cancel it when
//! the deadline wins.

use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use pin_project_lite::pin_project;

use crate::sleep::{Sleep, sleep, sleep_until};

/// Runs `future`, but gives up after `duration`: asyncio's `wait_for` (and
/// `asyncio.timeout`).
///
/// If the future finishes first you get `Ok(value)`. If the time runs out
/// first you get `Err(Elapsed)`, and the future is **dropped at that
/// moment**: that is how Rust cancels a future, and it is what asyncio does
/// to the inner task when `wait_for` times out (it cancels it). Whatever the
/// future held, sockets, timers, a place in a queue, is released then.
/// A `duration` too far for the clock (past 584 years after it started:
/// `Duration::MAX`) never runs out.
// ANCHOR: timeout
pub fn timeout<F: Future>(duration: Duration, future: F) -> Timeout<F> {
    Timeout {
        future: Some(future),
        delay: sleep(duration),
    }
}

/// Python's argument order for [`timeout`]: `wait_for(future, duration)`.
pub fn wait_for<F: Future>(future: F, duration: Duration) -> Timeout<F> {
    timeout(duration, future)
}

/// Like [`timeout`], with the deadline as a time on the loop's clock (what
/// [`now`](crate::now) reads): asyncio 3.11's `asyncio.timeout_at(when)`.
/// A deadline already past still polls the future once, like `timeout`.
pub fn timeout_at<F: Future>(deadline: Duration, future: F) -> Timeout<F> {
    Timeout {
        future: Some(future),
        delay: sleep_until(deadline),
    }
}

pin_project! {
    /// The future of [`timeout`] and [`wait_for`].
    #[must_use = "futures do nothing unless awaited"]
    pub struct Timeout<F> {
        // `None` once the inner future finished or was cancelled.
        #[pin]
        future: Option<F>,
        delay: Sleep,
    }
}

/// The error of a [`timeout`] that ran out: asyncio's `TimeoutError`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Elapsed;
// ANCHOR_END: timeout

impl fmt::Display for Elapsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the deadline elapsed before the future finished")
    }
}

impl Error for Elapsed {}

// ANCHOR: timeout_poll
impl<F: Future> Future for Timeout<F> {
    type Output = Result<F::Output, Elapsed>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut this = self.project();
        let Some(future) = this.future.as_mut().as_pin_mut() else {
            panic!("a Timeout was polled after it completed");
        };
        // The future first: if both are ready in the same turn, the result
        // wins over the deadline.
        if let Poll::Ready(value) = future.poll(cx) {
            this.future.set(None);
            return Poll::Ready(Ok(value));
        }
        match Pin::new(this.delay).poll(cx) {
            Poll::Ready(()) => {
                // Cancel: drop the inner future now, in place.
                this.future.set(None);
                Poll::Ready(Err(Elapsed))
            }
            Poll::Pending => Poll::Pending,
        }
    }
}
// ANCHOR_END: timeout_poll

impl<F> Timeout<F> {
    /// The deadline on the loop's clock (asyncio's `Timeout.when()`): known
    /// from the start for [`timeout_at`], once the timeout has first been
    /// polled for [`timeout`].
    pub fn deadline(&self) -> Option<Duration> {
        self.delay.deadline()
    }
}

impl<F> fmt::Debug for Timeout<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Timeout")
            .field("running", &self.future.is_some())
            .field("delay", &self.delay)
            .finish()
    }
}
