//! # Exercise 6.1: how long may the loop wait? (solution)
//!
//! The timer layer may not wait past the next deadline, nor longer than the
//! executor allows. `TimerDriver::park` in `crates/06-timers/src/driver.rs`
//! makes the same decision.

use std::time::Duration;

/// The longest the driver below may wait, given the clock's `now`, the next
/// pending deadline (if any timer is set) and the wait the executor allows.
pub fn park_timeout(
    now: Duration,
    next_deadline: Option<Duration>,
    requested: Option<Duration>,
) -> Option<Duration> {
    // A deadline in the past is due now: wait zero, not "minus a bit"
    // (which `-` would refuse with a panic).
    let until_next = next_deadline.map(|deadline| deadline.saturating_sub(now));
    // `None` is "no limit", so it never wins against a real limit.
    match (until_next, requested) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (Some(a), None) => Some(a),
        (None, b) => b,
    }
}
