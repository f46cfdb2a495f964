//! # Solution 2.1: a countdown future
//!
//! Goal: write `poll` for [`Countdown`], a future that answers
//! `Poll::Pending` a given number of times and then `Poll::Ready(())`.
//!
//! It waits for nothing outside itself, so every time it says Pending it
//! must also wake its task (`cx.waker().wake_by_ref()`): that is its promise
//! that polling again is worth it. A future that returns Pending without
//! arranging a wake is never polled again by an executor that sleeps until
//! woken.
//!
//! Read first: `book/src/ch02-futures.md`, section "A countdown"
//! (`ch02-futures.md#a-countdown`).
//!
//! Stuck? `cargo lab hint 2.1` shows one hint at a time.
//!
//! Check: `cargo lab check 2` or `cargo test -p sol02-futures --test countdown_future`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Pending `remaining` more times, waking its task each time, then Ready.
#[derive(Debug)]
pub struct Countdown {
    /// How many more polls answer Pending before the one that is Ready.
    pub remaining: u32,
}

impl Countdown {
    /// A countdown that needs `pending_polls` Pending answers before Ready.
    pub fn new(pending_polls: u32) -> Self {
        Countdown {
            remaining: pending_polls,
        }
    }
}

impl Future for Countdown {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // `Countdown` is `Unpin`, so a `Pin<&mut Countdown>` derefs mutably
        // like a `&mut Countdown`: the pin costs nothing here. (The only
        // change to the signature is `mut self`, to allow that.)
        if self.remaining == 0 {
            return Poll::Ready(());
        }
        self.remaining -= 1;
        // Nothing else will ever wake this task: we are the only thing it
        // waits for. Waking it now says "poll me again right away". Forget
        // this line and an executor that sleeps until woken hangs here.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
