//! Solution to exercise 1.3: delegate, `yield from` by hand.
//!
//! Write [`Generator::resume`] for [`SquaresThenTotal`], a generator that
//! delegates to the stage's `squares` and then does more on its own:
//!
//! ```python
//! def squares_then_total(limit):
//!     total = yield from squares(limit)
//!     yield total
//!     return total
//! ```
//!
//! `squares_then_total(3)` yields 1, 4, 9 (passed straight through from
//! the inner generator), then 14 (what the inner generator returned), then
//! returns 14.
//!
//! Book: `ch01-generators.md#delegation-yield-from`.
//!
//! Stuck? `cargo lab hint 1.3` shows one hint at a time.
//!
//! Check: `cargo lab check 1`, or `cargo test -p ex01-generators --test delegate`.

use std::mem;

use aio_generators::{Generator, GeneratorState, Squares, squares};

/// The generator `squares_then_total(limit)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SquaresThenTotal {
    /// Called, not started.
    Start {
        /// The argument for `squares`.
        limit: u64,
    },
    /// Inside `total = yield from squares(limit)`.
    Delegating {
        /// The inner generator; it has yielded and not yet returned.
        inner: Squares,
    },
    /// Paused at `yield total`.
    YieldedTotal {
        /// What the inner generator returned.
        total: u64,
    },
    /// Returned `total`.
    Done,
}

/// Calls the generator function: Python's `squares_then_total(limit)`.
pub fn squares_then_total(limit: u64) -> SquaresThenTotal {
    SquaresThenTotal::Start { limit }
}

impl Generator for SquaresThenTotal {
    type Yield = u64;
    type Return = u64;

    /// Runs to the next value that comes out, whether the inner generator
    /// yields it or this one does. Panics if the generator already
    /// returned.
    fn resume(&mut self, (): ()) -> GeneratorState<u64, u64> {
        // One resume may pass through several states before a value comes
        // out: `Start` hands over to `Delegating` at once, and an inner
        // generator that returns hands over to `yield total`. So loop until
        // an arm returns.
        loop {
            match mem::replace(self, SquaresThenTotal::Done) {
                // Evaluating `squares(limit)` creates the inner generator;
                // the next turn of the loop starts it.
                SquaresThenTotal::Start { limit } => {
                    *self = SquaresThenTotal::Delegating {
                        inner: squares(limit),
                    };
                }
                SquaresThenTotal::Delegating { mut inner } => match inner.resume(()) {
                    // The inner generator's value goes straight out, and
                    // the inner generator goes back into our frame.
                    GeneratorState::Yielded(square) => {
                        *self = SquaresThenTotal::Delegating { inner };
                        return GeneratorState::Yielded(square);
                    }
                    // `total = yield from ...` has its value. Not a pause:
                    // carry on to `yield total` in this same resume. The
                    // finished inner generator is dropped here.
                    GeneratorState::Complete(total) => {
                        *self = SquaresThenTotal::YieldedTotal { total };
                        return GeneratorState::Yielded(total);
                    }
                },
                // After `yield total`: `return total`. Nothing is written
                // back, so the generator stays `Done`.
                SquaresThenTotal::YieldedTotal { total } => return GeneratorState::Complete(total),
                SquaresThenTotal::Done => panic!("`squares_then_total` resumed after it returned"),
            }
        }
    }
}
