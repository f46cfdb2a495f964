//! # Exercise 6.3: `wait_for` that cancels on expiry
//!
//! Goal: write `poll` for [`WaitFor`], asyncio's `wait_for`: run the inner
//! future, but give up when its time is up. If the inner future finishes
//! first, the answer is `Ok(value)`. If the deadline comes first, the
//! answer is `Err(Elapsed)`, and the inner future must be **dropped right
//! then**: that is what cancelling a future means in Rust, and it is what
//! asyncio does to the task it was waiting for.
//!
//! Read first: `book/src/ch06-timers.md`, section "Timeouts cancel"
//! (`ch06-timers.md#timeouts-cancel`).
//!
//! Stuck? `cargo lab hint 6.3` shows one hint at a time.
//!
//! Check: `cargo lab check 6` or `cargo test -p ex06-timers --test wait_for`.

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
        // TODO: poll the inner future; if it is ready, that is the answer.
        // TODO: otherwise poll the delay; if it is ready, drop the inner
        // future now and answer Err(Elapsed). If neither, Pending.
        todo!()
    }
}
