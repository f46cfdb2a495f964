//! Exercise 1.3: delegate, `yield from` by hand.
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

use aio_generators::{Generator, GeneratorState, Squares};

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
        // TODO: forward to the inner generator while delegating; when it
        // returns, go on to `yield total` in this same resume (hint 2).
        todo!()
    }
}
