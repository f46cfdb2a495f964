//! A generator with a loop and a return value: what `StopIteration` carries.

use std::mem;

use crate::generator::{Generator, GeneratorState, resumed_after_completion};

// ANCHOR: enum
// The Python this machine stands for:
//
//     def squares(limit):
//         total = 0
//         for n in range(1, limit + 1):
//             yield n * n
//             total += n * n
//         return total
//
/// The generator `squares(limit)`, written by hand: it yields `1, 4, 9, …`
/// up to `limit * limit`, then returns their sum.
///
/// The loop has one `yield`, so the machine has one paused state, and that
/// state carries every local the rest of the loop reads: `n`, `limit` and
/// `total`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Squares {
    /// Called, not started.
    Start {
        /// The last `n` to square.
        limit: u64,
    },
    /// Paused at `yield n * n`.
    Suspended {
        /// The loop variable; `n * n` is the value just yielded.
        n: u64,
        /// The last `n` to square.
        limit: u64,
        /// The sum of the squares yielded before this one.
        total: u64,
    },
    /// Returned `total`. The frame is gone.
    Done,
}
// ANCHOR_END: enum

/// Calls the generator function: Python's `squares(limit)`. Runs nothing.
pub const fn squares(limit: u64) -> Squares {
    Squares::Start { limit }
}

// ANCHOR: resume
impl Generator for Squares {
    type Yield = u64;
    type Return = u64;

    fn resume(&mut self, (): ()) -> GeneratorState<u64, u64> {
        // Run the part of the body between where we paused and the loop's
        // test: from the top (`total = 0`, first `n`), or from after the
        // `yield` (`total += n * n`, next `n`).
        let (n, limit, total) = match mem::replace(self, Squares::Done) {
            Squares::Start { limit } => (1, limit, 0),
            Squares::Suspended { n, limit, total } => (n + 1, limit, total + n * n),
            Squares::Done => resumed_after_completion("squares"),
        };
        if n <= limit {
            *self = Squares::Suspended { n, limit, total };
            GeneratorState::Yielded(n * n)
        } else {
            // The loop is over: `return total`. `self` stays `Done`, the
            // frame is discarded, and the value travels out the way Python
            // sends it out inside `StopIteration`.
            GeneratorState::Complete(total)
        }
    }
}
// ANCHOR_END: resume
