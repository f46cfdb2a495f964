//! Closing a generator half-way: Python's `close()` and `finally`, which in
//! Rust are just `Drop`.

use std::mem;

use crate::generator::{Generator, GeneratorState, resumed_after_completion};

// ANCHOR: enum
// The Python this machine stands for:
//
//     def holding(resource, turns):
//         with resource:
//             for turn in range(turns):
//                 yield turn
//
/// The generator `holding(resource, turns)`, written by hand: it owns
/// `resource` while it yields `0, 1, …, turns - 1`, and releases it when it
/// finishes.
///
/// Python releases the resource in the `with` block's exit, which runs when
/// the loop ends *and* when the generator is closed while paused
/// (`gen.close()` raises `GeneratorExit` at the `yield`, which unwinds
/// through the `with`). Rust has no `GeneratorExit`: the resource lives in
/// the enum's fields, and whatever ends the generator's life (finishing, or
/// the caller dropping it while it is paused) drops those fields. The
/// release is `R`'s own `Drop`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holding<R> {
    /// Called, not started.
    Start {
        /// Owned by the frame from the call on.
        resource: R,
        /// How many values to yield.
        turns: u32,
    },
    /// Paused at `yield turn`, inside the `with` block.
    Suspended {
        /// Still owned: the `with` block has not been left.
        resource: R,
        /// The value just yielded.
        turn: u32,
        /// How many values to yield.
        turns: u32,
    },
    /// Returned; the resource has been released.
    Done,
}
// ANCHOR_END: enum

/// Calls the generator function: Python's `holding(resource, turns)`.
/// Runs nothing; the resource moves into the frame.
pub const fn holding<R>(resource: R, turns: u32) -> Holding<R> {
    Holding::Start { resource, turns }
}

// ANCHOR: resume
impl<R> Generator for Holding<R> {
    type Yield = u32;
    type Return = ();

    fn resume(&mut self, (): ()) -> GeneratorState<u32, ()> {
        let (resource, turn, turns) = match mem::replace(self, Holding::Done) {
            Holding::Start { resource, turns } => (resource, 0, turns),
            Holding::Suspended {
                resource,
                turn,
                turns,
            } => (resource, turn + 1, turns),
            Holding::Done => resumed_after_completion("holding"),
        };
        if turn < turns {
            *self = Holding::Suspended {
                resource,
                turn,
                turns,
            };
            GeneratorState::Yielded(turn)
        } else {
            // Leaving the `with` block: the resource is released here,
            // before the caller even sees `Complete`.
            drop(resource);
            GeneratorState::Complete(())
        }
    }
}
// ANCHOR_END: resume
