//! Exercise 1.2: running_average, a generator that values are sent into.
//!
//! Write [`Generator::resume`] for [`RunningAverage`], this Python
//! generator:
//!
//! ```python
//! def running_average():
//!     total = 0.0
//!     count = 0
//!     average = None
//!     while True:
//!         value = yield average
//!         if value is not None:
//!             total += value
//!             count += 1
//!             average = total / count
//! ```
//!
//! The input is `Option<f64>`: `resume(None)` is `next(gen)` and
//! `resume(Some(x))` is `gen.send(x)`. Each resume yields the average of
//! every value sent so far, or `None` while there is none. It never
//! returns, which is why its `Return` type is `Infallible`.
//!
//! Book: `ch01-generators.md#values-in-send`.
//!
//! Stuck? `cargo lab hint 1.2` shows one hint at a time.
//!
//! Check: `cargo lab check 1`, or
//! `cargo test -p ex01-generators --test running_average`.

use std::convert::Infallible;

use aio_generators::{Generator, GeneratorState};

/// The generator `running_average()`.
#[derive(Debug, Clone, PartialEq)]
pub enum RunningAverage {
    /// Called, not started: no `yield` is waiting for a value yet.
    Start,
    /// Paused at `value = yield average`.
    Averaging {
        /// The sum of the values sent so far.
        total: f64,
        /// How many values have been sent so far.
        count: u32,
    },
}

/// Calls the generator function: Python's `running_average()`.
pub fn running_average() -> RunningAverage {
    RunningAverage::Start
}

impl Generator<Option<f64>> for RunningAverage {
    type Yield = Option<f64>;
    type Return = Infallible;

    /// Runs the body to its next `yield average`. Panics if a value is
    /// sent before the first resume.
    fn resume(&mut self, input: Option<f64>) -> GeneratorState<Option<f64>, Infallible> {
        // TODO: the four cases of hint 3; yield `None` until a value has
        // been sent, then `Some(total / count)`.
        todo!()
    }
}
