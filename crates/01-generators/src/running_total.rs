//! A generator that values flow into: Python's `send`.

use std::convert::Infallible;

use crate::generator::{Generator, GeneratorState};

// ANCHOR: enum
// The Python this machine stands for:
//
//     def running_total():
//         total = 0
//         while True:
//             amount = yield total
//             if amount is not None:
//                 total += amount
//
/// The generator `running_total()`, written by hand: every value sent in is
/// added to a total, and every resume yields the total so far.
///
/// Its input is `Option<i64>`, because Python's `next(gen)` is
/// `gen.send(None)`: `resume(None)` is `next`, `resume(Some(n))` is
/// `send(n)`. It never returns (its loop has no exit), and its `Return`
/// type says so: [`Infallible`] has no values, so no caller can ever be
/// handed a `Complete`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunningTotal {
    /// Called, not started. No `yield` is waiting for a value yet.
    Start,
    /// Paused at `amount = yield total`: the next value sent in becomes
    /// `amount`.
    Suspended {
        /// The sum of every value sent so far.
        total: i64,
    },
}
// ANCHOR_END: enum

/// Calls the generator function: Python's `running_total()`. Runs nothing.
pub const fn running_total() -> RunningTotal {
    RunningTotal::Start
}

// ANCHOR: resume
impl Generator<Option<i64>> for RunningTotal {
    type Yield = i64;
    type Return = Infallible;

    /// # Panics
    ///
    /// Panics when the first resume sends `Some`, as Python raises
    /// `TypeError` for it: a generator that has not started is not paused at
    /// a `yield`, so a value sent to it would have nowhere to go.
    fn resume(&mut self, sent: Option<i64>) -> GeneratorState<i64, Infallible> {
        let total = match (&*self, sent) {
            (RunningTotal::Start, None) => 0,
            (RunningTotal::Start, Some(_)) => {
                panic!(
                    "can't send a value to a just-started generator: resume it with `None` first"
                )
            }
            // `amount = yield total` evaluates to what was sent.
            (RunningTotal::Suspended { total }, Some(amount)) => total + amount,
            // `next(gen)` sends `None`, which the `if` skips.
            (RunningTotal::Suspended { total }, None) => *total,
        };
        // Back to the top of the loop, and pause at the `yield` again.
        *self = RunningTotal::Suspended { total };
        GeneratorState::Yielded(total)
    }
}
// ANCHOR_END: resume
