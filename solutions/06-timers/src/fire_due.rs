//! # Exercise 6.2: fire the due timers, earliest first (solution)
//!
//! The map's order is the firing order, so the due timers are a prefix of
//! it; here we pop it one timer at a time. `TimerQueue::take_due` in
//! `crates/06-timers/src/timers.rs` does the same off the top of a heap.

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
        let mut fired = 0;
        // `<=`, not `<`: a timer due exactly now is due. With `<` a virtual
        // clock that jumps exactly to a deadline would never fire it.
        while let Some(entry) = self.timers.first_entry() {
            if entry.key().0 > now {
                break; // the first one is not due, so none of the rest is
            }
            entry.remove().wake();
            fired += 1;
        }
        fired
    }
}
