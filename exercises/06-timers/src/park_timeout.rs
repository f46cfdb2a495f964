//! # Exercise 6.1: how long may the loop wait?
//!
//! Goal: write [`park_timeout`], the one decision at the heart of the timer
//! layer. The executor has run every ready task and asks its driver to wait
//! at most `requested` (`None`: as long as it likes; `Some(ZERO)`: not at
//! all, just look). The timer layer knows the next deadline. It must pass
//! down a wait that ends no later than either of them, and never a
//! negative one: a deadline already past means "don't wait".
//!
//! Read first: `book/src/ch06-timers.md`, section "The timer layer"
//! (`ch06-timers.md#the-timer-layer`).
//!
//! Stuck? `cargo lab hint 6.1` shows one hint at a time.
//!
//! Check: `cargo lab check 6` or `cargo test -p ex06-timers --test park_timeout`.

use std::time::Duration;

/// The longest the driver below may wait, given the clock's `now`, the next
/// pending deadline (if any timer is set) and the wait the executor allows.
pub fn park_timeout(
    now: Duration,
    next_deadline: Option<Duration>,
    requested: Option<Duration>,
) -> Option<Duration> {
    // TODO: the time until `next_deadline` (zero if it is past), and then
    // the shorter of that and `requested`; `None` only if both are `None`.
    todo!()
}
