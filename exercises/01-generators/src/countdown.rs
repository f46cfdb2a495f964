//! Exercise 1.1: countdown, a Python generator written by hand.
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
    // TODO: build the state of a generator that has been called but has
    // run none of its body.
    todo!()
}

impl Generator for Countdown {
    type Yield = u32;
    type Return = &'static str;

    /// Runs the body from where it paused to the next `yield n` or to
    /// `return "liftoff"`. Panics if the generator already returned.
    fn resume(&mut self, (): ()) -> GeneratorState<u32, &'static str> {
        // TODO: one arm per variant, as hint 2 and 3 describe.
        todo!()
    }
}
