//! `yield from`: one generator handing the floor to another until it
//! returns.
//!
//! In Python, `result = yield from inner` passes every value `inner` yields
//! straight out to whoever drives the outer generator, passes every value
//! sent in straight down to `inner`, and, when `inner` returns, makes its
//! return value the value of the whole expression. In Rust the outer
//! machine keeps the inner machine in one of its variants and, while it is
//! there, each `resume` is forwarded.

use std::fmt;
use std::mem;

use crate::generator::{Generator, GeneratorState, resumed_after_completion};
use crate::squares::{Squares, squares};

// ANCHOR: two_rounds
// The Python this machine stands for:
//
//     def two_rounds(first_limit, second_limit):
//         first = yield from squares(first_limit)
//         second = yield from squares(second_limit)
//         return first + second
//
/// The generator `two_rounds(first_limit, second_limit)`, written by hand:
/// it delegates to [`squares`] twice and returns the sum of what the two
/// inner generators returned.
///
/// While it delegates, the inner generator *is* part of its frame: the
/// variant holds the whole inner machine, so a suspended `TwoRounds` is one
/// value with another generator's state nested inside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TwoRounds {
    /// Called, not started.
    Start {
        /// The argument of the first `squares` call.
        first_limit: u64,
        /// The argument of the second `squares` call.
        second_limit: u64,
    },
    /// Inside the first `yield from`.
    InFirst {
        /// The first inner generator; it has yielded at least once.
        inner: Squares,
        /// Kept for the second `yield from`.
        second_limit: u64,
    },
    /// Inside the second `yield from`.
    InSecond {
        /// The second inner generator; it has yielded at least once.
        inner: Squares,
        /// What the first inner generator returned.
        first: u64,
    },
    /// Returned `first + second`.
    Done,
}
// ANCHOR_END: two_rounds

/// Calls the generator function: Python's
/// `two_rounds(first_limit, second_limit)`. Runs nothing.
pub const fn two_rounds(first_limit: u64, second_limit: u64) -> TwoRounds {
    TwoRounds::Start {
        first_limit,
        second_limit,
    }
}

// ANCHOR: two_rounds_resume
impl Generator for TwoRounds {
    type Yield = u64;
    type Return = u64;

    fn resume(&mut self, (): ()) -> GeneratorState<u64, u64> {
        // One resume of the outer generator runs until the next value
        // comes out, and that may take more than one step here: when an
        // inner generator returns, the outer one does not pause (a
        // `yield from` that finished is not a `yield`). It carries on to
        // the next `yield from` in the same resume, so we loop.
        loop {
            match mem::replace(self, TwoRounds::Done) {
                TwoRounds::Start {
                    first_limit,
                    second_limit,
                } => {
                    // Evaluating `squares(first_limit)` only creates the
                    // inner generator; the next turn of the loop starts it.
                    *self = TwoRounds::InFirst {
                        inner: squares(first_limit),
                        second_limit,
                    };
                }
                TwoRounds::InFirst {
                    mut inner,
                    second_limit,
                } => match inner.resume(()) {
                    GeneratorState::Yielded(square) => {
                        *self = TwoRounds::InFirst {
                            inner,
                            second_limit,
                        };
                        return GeneratorState::Yielded(square);
                    }
                    // `first = yield from ...` has its value; the finished
                    // inner generator is dropped at the end of this arm.
                    GeneratorState::Complete(first) => {
                        *self = TwoRounds::InSecond {
                            inner: squares(second_limit),
                            first,
                        };
                    }
                },
                TwoRounds::InSecond { mut inner, first } => match inner.resume(()) {
                    GeneratorState::Yielded(square) => {
                        *self = TwoRounds::InSecond { inner, first };
                        return GeneratorState::Yielded(square);
                    }
                    GeneratorState::Complete(second) => {
                        return GeneratorState::Complete(first + second);
                    }
                },
                TwoRounds::Done => resumed_after_completion("two_rounds"),
            }
        }
    }
}
// ANCHOR_END: two_rounds_resume

// ANCHOR: yield_from
/// `yield from`, for any inner generator:
///
/// ```python
/// def outer(inner, then):
///     result = yield from inner
///     return then(result)
/// ```
///
/// Every resume, with whatever input it carries, is forwarded to `inner`;
/// every value `inner` yields comes out unchanged; when `inner` returns,
/// `then` turns its return value into the outer generator's. Made by
/// [`yield_from`].
pub enum YieldFrom<G, F> {
    /// Forwarding to `inner` (also the state before the first resume:
    /// starting the outer generator starts the inner one).
    Delegating {
        /// The generator being delegated to; it has not completed.
        inner: G,
        /// What the outer generator does with the inner one's return value.
        then: F,
    },
    /// Returned. The inner generator and `then` are gone.
    Done,
}

/// Makes the generator `result = yield from inner; return then(result)`.
/// Runs nothing.
pub const fn yield_from<G, F>(inner: G, then: F) -> YieldFrom<G, F> {
    YieldFrom::Delegating { inner, then }
}

impl<I, G, F, R> Generator<I> for YieldFrom<G, F>
where
    G: Generator<I>,
    F: FnOnce(G::Return) -> R,
{
    type Yield = G::Yield;
    type Return = R;

    fn resume(&mut self, input: I) -> GeneratorState<G::Yield, R> {
        match mem::replace(self, YieldFrom::Done) {
            YieldFrom::Delegating { mut inner, then } => match inner.resume(input) {
                GeneratorState::Yielded(value) => {
                    *self = YieldFrom::Delegating { inner, then };
                    GeneratorState::Yielded(value)
                }
                GeneratorState::Complete(result) => GeneratorState::Complete(then(result)),
            },
            YieldFrom::Done => resumed_after_completion("yield_from"),
        }
    }
}
// ANCHOR_END: yield_from

/// Shows the inner generator; `then` is a closure, so it is only named.
impl<G: fmt::Debug, F> fmt::Debug for YieldFrom<G, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            YieldFrom::Delegating { inner, then: _ } => f
                .debug_struct("Delegating")
                .field("inner", inner)
                .finish_non_exhaustive(),
            YieldFrom::Done => f.write_str("Done"),
        }
    }
}
