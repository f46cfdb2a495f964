//! The smallest generator worth writing by hand: two `yield`s in a row.
//!
//! It is the shape of the first generator most tutorials show, and it is
//! enough to see every part of the translation: where the Python function
//! can be stopped becomes a variant, what it still needs there becomes that
//! variant's fields, and `resume` is the function body cut at its `yield`s.

use std::mem;

use crate::generator::{Generator, GeneratorState, resumed_after_completion};

// ANCHOR: enum
// The Python this machine stands for:
//
//     def two_values(first, second):
//         yield first
//         yield second
//
/// The generator `two_values(first, second)`, written by hand: it yields
/// `first`, then `second`, then returns `()` (Python's `None`).
///
/// Each variant is one place where the Python function can be paused, and
/// the variant's fields are the part of its frame that must survive until
/// the next resume. The compiler sizes the enum for the largest variant, so
/// a suspended generator needs no heap and no stack of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TwoValues<T> {
    /// Called, not started: the frame holds the arguments and no line of
    /// the body has run.
    Start {
        /// The value the first resume hands out.
        first: T,
        /// The value the second resume hands out.
        second: T,
    },
    /// Paused at `yield first`. `first` was handed to the caller, so only
    /// `second` is still in the frame.
    AtFirstYield {
        /// The value the next resume hands out.
        second: T,
    },
    /// Paused at `yield second`. Nothing is left to remember; the next
    /// resume only has to run off the end of the body.
    AtSecondYield,
    /// Returned. The frame is gone and resuming again is a bug.
    Done,
}
// ANCHOR_END: enum

/// Calls the generator function: Python's `two_values(first, second)`.
///
/// This is the whole of "calling a generator runs no code": the call only
/// stores the arguments in the `Start` variant. It is a `const fn`, so the
/// compiler can even make the call at compile time, which it could not do if
/// any of the body ran here.
// ANCHOR: call
pub const fn two_values<T>(first: T, second: T) -> TwoValues<T> {
    TwoValues::Start { first, second }
}
// ANCHOR_END: call

// ANCHOR: resume
impl<T> Generator for TwoValues<T> {
    type Yield = T;
    type Return = ();

    fn resume(&mut self, (): ()) -> GeneratorState<T, ()> {
        // Take the frame out and leave `Done` in its place. Each arm then
        // writes back the state it pauses in; an arm that finishes writes
        // nothing, so the generator stays `Done` and what the frame still
        // owned is dropped at the end of the arm. (If the body panicked,
        // the generator would be left `Done` too, as a Python generator
        // that raised is closed.)
        match mem::replace(self, TwoValues::Done) {
            TwoValues::Start { first, second } => {
                // Run from the top down to `yield first`.
                *self = TwoValues::AtFirstYield { second };
                GeneratorState::Yielded(first)
            }
            TwoValues::AtFirstYield { second } => {
                // Carry on after `yield first`, down to `yield second`.
                *self = TwoValues::AtSecondYield;
                GeneratorState::Yielded(second)
            }
            // Carry on after `yield second`: the body ends, which is
            // Python's `StopIteration(None)`.
            TwoValues::AtSecondYield => GeneratorState::Complete(()),
            TwoValues::Done => resumed_after_completion("two_values"),
        }
    }
}
// ANCHOR_END: resume

// ANCHOR: count
/// The `count()` coroutine that note 001 runs three times under
/// `asyncio.gather`, as a plain generator for
/// [`RoundRobin`](crate::RoundRobin) to schedule:
///
/// ```python
/// def count(name):
///     yield f"{name}: One"
///     yield f"{name}: Two"
/// ```
///
/// Our tasks have no console, so instead of printing a line and then giving
/// the scheduler a turn, `count` does both at once: it yields the line. That
/// is [`two_values`] with the two lines as its arguments.
pub fn count(name: &str) -> TwoValues<String> {
    two_values(format!("{name}: One"), format!("{name}: Two"))
}
// ANCHOR_END: count
