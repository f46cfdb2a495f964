//! Timeouts: stage 6's `timeout` and `wait_for`, and `timeout_at`.
//!
//! `aio_timers::timeout(duration, future)` already is asyncio 3.11's
//! `async with asyncio.timeout(delay)` scope: the future is the scope, and
//! when the deadline wins it is dropped, which cancels whatever it was
//! awaiting. `wait_for(future, duration)` is the same with asyncio's
//! argument order, and since a [`JoinHandle`](aio_executor::JoinHandle)
//! dropped in the middle of an `.await` cancels its task,
//! `wait_for(handle, d)` cancels the task on timeout, as asyncio's does.
//!
//! One difference: `wait_for(future, Duration::ZERO)` polls the future once
//! before it looks at the clock, so a future that is ready at once gives
//! its value. asyncio 3.11's `wait_for(coro, 0)` wraps the coroutine in a
//! task and cancels it before it ever runs, and raises `TimeoutError`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use aio_timers::{Elapsed, Sleep, sleep_until};
use pin_project_lite::pin_project;

pub use aio_timers::{Timeout, timeout, wait_for};

// ANCHOR: timeout_at
/// Like [`timeout`], with the deadline as a time on the loop's clock (what
/// [`now`](aio_timers::now) reads): asyncio's `asyncio.timeout_at(when)`.
///
/// A deadline already past still polls the future once, like `timeout`.
pub fn timeout_at<F: Future>(deadline: Duration, future: F) -> TimeoutAt<F> {
    TimeoutAt {
        future: Some(future),
        deadline,
        delay: sleep_until(deadline),
    }
}

pin_project! {
    /// The future of [`timeout_at`].
    #[must_use = "futures do nothing unless awaited"]
    pub struct TimeoutAt<F> {
        // `None` once it finished, or was dropped at the deadline.
        #[pin]
        future: Option<F>,
        deadline: Duration,
        delay: Sleep,
    }
}
// ANCHOR_END: timeout_at

impl<F> TimeoutAt<F> {
    /// The deadline, on the loop's clock (asyncio's `Timeout.when()`).
    pub fn deadline(&self) -> Duration {
        self.deadline
    }
}

impl<F: Future> Future for TimeoutAt<F> {
    type Output = Result<F::Output, Elapsed>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut this = self.project();
        let future = this
            .future
            .as_mut()
            .as_pin_mut()
            .expect("a TimeoutAt was polled after it completed");
        // The future first: a result ready at the deadline still counts.
        if let Poll::Ready(value) = future.poll(cx) {
            this.future.set(None);
            return Poll::Ready(Ok(value));
        }
        std::task::ready!(Pin::new(this.delay).poll(cx));
        this.future.set(None); // the cancellation
        Poll::Ready(Err(Elapsed))
    }
}

impl<F> fmt::Debug for TimeoutAt<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TimeoutAt")
            .field("deadline", &self.deadline)
            .field("running", &self.future.is_some())
            .finish()
    }
}
