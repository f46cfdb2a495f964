//! Solution to exercise 1.1: countdown, a Python generator written by hand.
//!
//! Turn this generator into the enum state machine [`Countdown`], by
//! writing the call [`countdown`] and [`Generator::resume`]:
//!
//! ```python
//! def countdown(n):
//!     while n > 0:
//!         yield n
//!         n -= 1
//!     return "liftoff"
//! ```
//!
//! `countdown(3)` yields 3, 2 and 1, then returns `"liftoff"` (Python puts
//! it in `StopIteration`; you return `GeneratorState::Complete("liftoff")`).
//!
//! Book: `ch01-generators.md#a-generator-is-an-enum` and
//! `#a-loop-and-a-return-value`.
//!
//! Stuck? `cargo lab hint 1.1` shows one hint at a time.
//!
//! Check: `cargo lab check 1`, or `cargo test -p ex01-generators --test countdown`.

use std::mem;

use aio_generators::{Generator, GeneratorState};

/// The generator `countdown(n)`: one variant per place the Python function
/// can be paused, with the locals it needs from there on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Countdown {
    /// Called, not started.
    Start {
        /// The argument.
        n: u32,
    },
    /// Paused at `yield n`.
    Counting {
        /// The value just yielded.
        n: u32,
    },
    /// Returned `"liftoff"`.
    Done,
}

/// Calls the generator function: Python's `countdown(n)`.
pub fn countdown(n: u32) -> Countdown {
    // The call only stores the argument; the body waits for the first
    // resume.
    Countdown::Start { n }
}

impl Generator for Countdown {
    type Yield = u32;
    type Return = &'static str;

    /// Runs the body from where it paused to the next `yield n` or to
    /// `return "liftoff"`. Panics if the generator already returned.
    fn resume(&mut self, (): ()) -> GeneratorState<u32, &'static str> {
        // Take the frame out, leaving `Done`: the arms below put back the
        // state they pause in, and an arm that returns leaves `Done` there.
        let n = match mem::replace(self, Countdown::Done) {
            // From the top of the body: straight to the loop's test.
            Countdown::Start { n } => n,
            // From after `yield n`: `n -= 1`, then the loop's test. `n` was
            // positive when it was yielded, so this cannot underflow.
            Countdown::Counting { n } => n - 1,
            Countdown::Done => panic!("`countdown` resumed after it returned"),
        };
        // `while n > 0`: either pause at `yield n` with `n` kept in the
        // frame, or leave the loop and return.
        if n > 0 {
            *self = Countdown::Counting { n };
            GeneratorState::Yielded(n)
        } else {
            GeneratorState::Complete("liftoff")
        }
    }
}
