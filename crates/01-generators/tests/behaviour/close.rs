//! Closing: dropping a generator, paused or not, drops what its frame
//! owns. That is how Rust gets what Python's `close()` gets by raising
//! `GeneratorExit` at the paused `yield` so that `finally` and `with` run.

use std::cell::Cell;
use std::rc::Rc;

use aio_generators::{Generator, GeneratorState, holding, two_values, yield_from};

/// Counts its drops: the cleanup a Python generator would put in `finally`.
#[derive(Debug)]
struct Guard {
    drops: Rc<Cell<u32>>,
}

impl Guard {
    fn new() -> (Guard, Rc<Cell<u32>>) {
        let drops = Rc::new(Cell::new(0));
        (
            Guard {
                drops: Rc::clone(&drops),
            },
            drops,
        )
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.drops.set(self.drops.get() + 1);
    }
}

#[test]
fn dropping_a_paused_generator_runs_its_cleanup_exactly_once() {
    let (guard, drops) = Guard::new();
    let mut generator = holding(guard, 5);
    generator.resume(());
    generator.resume(());
    assert_eq!(drops.get(), 0, "paused: the guard is still held");
    drop(generator); // Python: generator.close()
    assert_eq!(drops.get(), 1);
}

#[test]
fn finishing_runs_the_cleanup_before_the_caller_sees_complete() {
    let (guard, drops) = Guard::new();
    let mut generator = holding(guard, 1);
    assert_eq!(generator.resume(()), GeneratorState::Yielded(0));
    assert_eq!(drops.get(), 0);
    assert_eq!(generator.resume(()), GeneratorState::Complete(()));
    assert_eq!(drops.get(), 1, "released when the body ended");
    drop(generator);
    assert_eq!(drops.get(), 1, "and not a second time");
}

#[test]
fn dropping_an_unstarted_generator_drops_its_arguments_unlike_python_finally() {
    // Python's close() on an unstarted generator runs no `finally`: the
    // `try` was never entered. Rust has only ownership: the frame owns the
    // guard from the call on, so dropping the frame drops the guard.
    let (guard, drops) = Guard::new();
    drop(holding(guard, 3));
    assert_eq!(drops.get(), 1);
}

#[test]
fn dropping_two_values_drops_only_what_it_still_holds() {
    let (first, first_drops) = Guard::new();
    let (second, second_drops) = Guard::new();
    let mut pair = two_values(first, second);
    let GeneratorState::Yielded(handed_out) = pair.resume(()) else {
        panic!("two_values should yield first");
    };
    drop(pair);
    assert_eq!(
        second_drops.get(),
        1,
        "the frame's value was dropped with it"
    );
    assert_eq!(
        first_drops.get(),
        0,
        "the caller owns the value it was given"
    );
    drop(handed_out);
    assert_eq!(first_drops.get(), 1);
}

#[test]
fn dropping_a_delegating_generator_closes_the_inner_one_too() {
    // Python: closing the outer generator throws GeneratorExit into the
    // generator it is delegating to. Here the inner one is a field.
    let (guard, drops) = Guard::new();
    let mut outer = yield_from(holding(guard, 3), |()| ());
    outer.resume(());
    drop(outer);
    assert_eq!(drops.get(), 1);
}
