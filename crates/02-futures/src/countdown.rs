//! The smallest honest leaf future: ready after a fixed number of polls.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A future that answers [`Poll::Pending`] a fixed number of times and then
/// [`Poll::Ready`] with its value.
///
/// It stands in for "work that needs a few more turns": a future that is
/// never blocked on anything outside itself. So each time it says Pending it
/// also wakes its own task, which means "poll me again as soon as you can"
/// (compare Python's `await asyncio.sleep(0)`).
///
/// `Countdown::new(n, v)` needs `n + 1` polls: `n` answers of Pending, then
/// `Ready(v)`.
///
/// ```
/// use std::task::{Context, Poll, Waker};
/// use aio_futures::Countdown;
/// # use std::future::Future;
/// # use std::pin::Pin;
///
/// let mut cx = Context::from_waker(Waker::noop());
/// let mut countdown = Countdown::new(1, "lift-off");
/// assert_eq!(Pin::new(&mut countdown).poll(&mut cx), Poll::Pending);
/// assert_eq!(Pin::new(&mut countdown).poll(&mut cx), Poll::Ready("lift-off"));
/// ```
// ANCHOR: countdown
#[derive(Debug)]
#[must_use = "futures do nothing unless they are polled"]
pub struct Countdown<T> {
    /// How many more polls will answer Pending before the one that is Ready.
    pending_left: u32,
    /// The output; `None` once it has been handed out by the Ready poll.
    value: Option<T>,
}

impl<T> Countdown<T> {
    /// A future that answers Pending `pending_polls` times, then `Ready(value)`.
    pub fn new(pending_polls: u32, value: T) -> Self {
        Countdown {
            pending_left: pending_polls,
            value: Some(value),
        }
    }
}

// The value is only moved out, never pinned in place, so the countdown may be
// moved between polls whatever `T` is. Saying so lets callers poll it through
// `Pin::new(&mut countdown)` without boxing or pinning it first.
impl<T> Unpin for Countdown<T> {}

impl<T> Future for Countdown<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        if self.pending_left > 0 {
            self.pending_left -= 1;
            // Nothing outside us will ever wake this task: we are the only
            // reason it is waiting. Wake it now, or it sleeps forever under an
            // executor that waits for wakes.
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        let value = self
            .value
            .take()
            .expect("`Countdown` polled again after it returned Ready");
        Poll::Ready(value)
    }
}
// ANCHOR_END: countdown
