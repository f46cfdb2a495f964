//! The generator protocol: what Python's `send` and `StopIteration` become
//! in Rust.

// ANCHOR: state
/// What one step of a generator produced: the value of a `yield`, or the
/// value of its `return` (which Python carries inside `StopIteration`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GeneratorState<Y, R> {
    /// The generator paused at a `yield` and handed out this value.
    Yielded(Y),
    /// The generator ran off its end or hit `return`; it will not run again.
    Complete(R),
}
// ANCHOR_END: state

/// A computation that can pause, hand a value out, and be resumed with a
/// value in: a Python generator, written by hand.
///
/// `resume(input)` is Python's `gen.send(input)`; the very first resume is
/// `next(gen)` (Python insists the first value sent is `None`, which is why
/// the default `Input` is `()`). It runs the generator until its next
/// `yield` ([`GeneratorState::Yielded`]) or until it returns
/// ([`GeneratorState::Complete`], Python's `StopIteration(value)`).
///
/// Resuming a generator after it completed is a bug in the caller: our
/// machines panic, where Python raises a bare `StopIteration` again.
// ANCHOR: trait
pub trait Generator<Input = ()> {
    /// The type of the values it yields.
    type Yield;
    /// The type of the value it returns when it finishes.
    type Return;

    /// Runs the generator to its next `yield` or to its end.
    fn resume(&mut self, input: Input) -> GeneratorState<Self::Yield, Self::Return>;
}
// ANCHOR_END: trait

/// The one way every machine in this crate reacts to being resumed after it
/// completed.
///
/// Python answers a finished generator's `next()` with a fresh, empty
/// `StopIteration`, forever. Our trait has no third answer to give (the
/// return value was handed out once and is gone), so resuming a finished
/// machine is treated as the caller's bug, the way `Iterator` treats a
/// `next()` after `None` for non-fused iterators: loudly, with a message
/// that names the machine.
#[track_caller]
pub(crate) fn resumed_after_completion(machine: &str) -> ! {
    panic!("`{machine}` resumed after it completed; a finished generator cannot run again")
}
