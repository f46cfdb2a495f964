//! # Exercise 6.2: fire the due timers, earliest first
//!
//! Goal: write [`TimerQueue::fire_due`]. After the driver's wait, the timer
//! layer takes out every timer whose deadline has come (a deadline equal to
//! `now` has come too) and wakes it, earliest deadline first; timers with
//! the same deadline fire in the order they were set. Timers not yet due
//! stay in the queue.
//!
//! The queue is a `BTreeMap` keyed by `(deadline, sequence number)`, so it
//! is already sorted the way they must fire.
//!
//! Read first: `book/src/ch06-timers.md`, section "The timer queue"
//! (`ch06-timers.md#the-timer-queue`).
//!
//! Stuck? `cargo lab hint 6.2` shows one hint at a time.
//!
//! Check: `cargo lab check 6` or `cargo test -p ex06-timers --test fire_due`.

use std::collections::BTreeMap;
use std::task::Waker;
use std::time::Duration;

/// Pending timers, each a waker to wake at its deadline.
#[derive(Debug, Default)]
pub struct TimerQueue {
    /// Sorted by deadline, then by the order the timers were set.
    timers: BTreeMap<(Duration, u64), Waker>,
    /// The sequence number of the next timer.
    next_seq: u64,
}

impl TimerQueue {
    /// An empty queue.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets a timer that wakes `waker` at `deadline`.
    pub fn insert(&mut self, deadline: Duration, waker: Waker) {
        self.timers.insert((deadline, self.next_seq), waker);
        self.next_seq += 1;
    }

    /// How many timers are pending.
    pub fn len(&self) -> usize {
        self.timers.len()
    }

    /// Whether no timer is pending.
    pub fn is_empty(&self) -> bool {
        self.timers.is_empty()
    }

    /// Removes every timer due at `now` and wakes it, earliest first.
    /// Returns how many fired.
    pub fn fire_due(&mut self, now: Duration) -> usize {
        // TODO: take out each timer whose deadline is `<= now`, in key
        // order, and wake its waker; leave the others; count them.
        todo!()
    }
}
