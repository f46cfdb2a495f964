//! Exercise 4.1: yield_now, the smallest honest suspension.
//!
//! Write the future that [`yield_now`] returns: `yield_now().await` gives
//! every other ready task one turn, then carries on, as
//! `await asyncio.sleep(0)` does in Python.
//!
//! Its first poll returns `Pending`, and its second returns `Ready(())`. A
//! `Pending` is a promise that somebody will wake the task when polling it
//! again is worth it; here nothing outside will, so the future keeps the
//! promise itself: it wakes its own waker *before* returning `Pending`. The
//! executor then puts the task at the back of its ready queue, behind every
//! task that was already waiting.
//!
//! Book: `ch04-executor.md#yielding-once`.
//!
//! Stuck? `cargo lab hint 4.1` shows one hint at a time.
//!
//! Check: `cargo lab check 4`, or `cargo test -p ex04-executor --test yield_now`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Suspends the current task once, letting every ready task run first.
pub fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

/// The future of [`yield_now`].
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct YieldNow {
    /// Whether the first poll has happened (and returned `Pending`).
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // TODO: the first poll wakes the waker and returns Pending; the
        // second returns Ready(()).
        todo!()
    }
}
