//! The loop's clock: real time, or a virtual time that moves only when the
//! loop lets it.

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// The time source of a timer layer: what [`now`](crate::now) reads and
/// what deadlines are measured on.
///
/// Times are durations since the clock was made, the way asyncio's
/// `loop.time()` is a float of seconds on a monotonic clock (ours starts at
/// zero, which makes traces easy to read).
///
/// * [`Clock::real`] follows the machine's monotonic clock. Waiting for a
///   deadline takes that long. User programs use it.
/// * [`Clock::new_virtual`] stands still until someone moves it. When every
///   task waits on a timer and nothing else could wake the loop, the timer
///   layer jumps it straight to the next deadline: an hour of sleeps takes
///   no time at all, and every time printed is exact. Demos and tests use
///   it.
///
/// A `Clock` is a cheap handle: clones share the same time.
// ANCHOR: clock
#[derive(Clone)]
pub struct Clock {
    inner: Rc<Source>,
}

enum Source {
    /// Time since `start`, on the machine's monotonic clock.
    Real { start: Instant },
    /// The current virtual time; it never goes backwards.
    Virtual { now: Cell<Duration> },
}
// ANCHOR_END: clock

// ANCHOR: impl_clock
impl Clock {
    // ANCHOR_END: impl_clock
    /// A clock that follows real time, starting at zero now.
    pub fn real() -> Clock {
        Clock {
            inner: Rc::new(Source::Real {
                start: Instant::now(),
            }),
        }
    }

    /// A virtual clock, standing at zero until the loop (or
    /// [`advance`](Clock::advance)) moves it.
    pub fn new_virtual() -> Clock {
        Clock {
            inner: Rc::new(Source::Virtual {
                now: Cell::new(Duration::ZERO),
            }),
        }
    }

    /// The time since the clock started (asyncio's `loop.time()`).
    pub fn now(&self) -> Duration {
        match &*self.inner {
            Source::Real { start } => start.elapsed(),
            Source::Virtual { now } => now.get(),
        }
    }

    /// Whether this is a virtual clock.
    pub fn is_virtual(&self) -> bool {
        matches!(&*self.inner, Source::Virtual { .. })
    }

    /// Moves a virtual clock forward by `by`, at once.
    ///
    /// This is how a program on a virtual clock says "this much time passed
    /// while the loop could do nothing else": a blocking call, or a chess
    /// master thinking over her move. The timers that fall due meanwhile are
    /// not fired here; they fire the next time the loop parks, late by the
    /// time they were overdue, exactly as after a real blocking call.
    /// The clock stops at `Duration::MAX`, the end of time, instead of
    /// overflowing.
    ///
    /// # Panics
    ///
    /// Panics on a real clock, which moves by itself; to let real time pass
    /// use [`blocking_sleep`](crate::blocking_sleep), or `std::thread::sleep`.
    // ANCHOR: advance
    pub fn advance(&self, by: Duration) {
        match &*self.inner {
            Source::Virtual { now } => now.set(now.get().saturating_add(by)),
            Source::Real { .. } => panic!(
                "Clock::advance needs a virtual clock: a real clock moves by itself \
                 (to block for real, call std::thread::sleep)"
            ),
        }
    }
    // ANCHOR_END: advance

    /// Moves a virtual clock forward to `to` (never backwards). Only the
    /// timer layer does this, when nothing else can happen first.
    pub(crate) fn jump_to(&self, to: Duration) {
        if let Source::Virtual { now } = &*self.inner {
            if to > now.get() {
                now.set(to);
            }
        }
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.is_virtual() { "virtual" } else { "real" };
        f.debug_struct("Clock")
            .field("kind", &kind)
            .field("now", &self.now())
            .finish()
    }
}
