// Suite for exercise 1.1, countdown. Written once, run against the stub
// (`ex01-generators`) and the solution (`sol01-generators`) through a
// wrapper that names the code under test `subject`.

use std::panic::{AssertUnwindSafe, catch_unwind};

use aio_generators::{Generator, GeneratorState};
use subject::{Countdown, countdown};

#[test]
fn calling_countdown_only_builds_the_start_state() {
    assert_eq!(
        countdown(3),
        Countdown::Start { n: 3 },
        "calling countdown must only build the state of a generator that has not started: Start \
         with n, running none of its body"
    );
}

#[test]
fn countdown_yields_from_n_down_to_one() {
    let mut generator = countdown(3);
    assert_eq!(
        generator.resume(()),
        GeneratorState::Yielded(3),
        "the first resume of countdown(3) must yield 3"
    );
    assert_eq!(
        generator.resume(()),
        GeneratorState::Yielded(2),
        "the second resume of countdown(3) must yield 2"
    );
    assert_eq!(
        generator.resume(()),
        GeneratorState::Yielded(1),
        "the third resume of countdown(3) must yield 1"
    );
}

#[test]
fn countdown_returns_liftoff_after_yielding_one() {
    let mut generator = countdown(2);
    generator.resume(());
    generator.resume(());
    assert_eq!(
        generator.resume(()),
        GeneratorState::Complete("liftoff"),
        "after yielding 2 and 1, the next resume must return (Complete) \"liftoff\""
    );
}

#[test]
fn the_frame_keeps_the_last_value_yielded_between_resumes() {
    let mut generator = countdown(3);
    generator.resume(());
    assert_eq!(
        generator,
        Countdown::Counting { n: 3 },
        "after yielding 3, the generator must be suspended in Counting with n = 3, the value it \
         yielded"
    );
    generator.resume(());
    assert_eq!(
        generator,
        Countdown::Counting { n: 2 },
        "after yielding 2, the generator must be suspended in Counting with n = 2"
    );
}

#[test]
fn countdown_from_zero_returns_liftoff_on_the_first_resume() {
    let mut generator = countdown(0);
    assert_eq!(
        generator.resume(()),
        GeneratorState::Complete("liftoff"),
        "countdown(0) has nothing to yield: its first resume must return (Complete) \"liftoff\""
    );
}

#[test]
fn a_countdown_that_returned_is_done() {
    let mut generator = countdown(1);
    generator.resume(());
    generator.resume(());
    assert_eq!(
        generator,
        Countdown::Done,
        "a generator that returned must be in its Done state"
    );
}

#[test]
fn resuming_a_countdown_that_returned_panics() {
    let mut generator = countdown(1);
    assert_eq!(
        generator.resume(()),
        GeneratorState::Yielded(1),
        "countdown(1) must first yield 1"
    );
    assert_eq!(
        generator.resume(()),
        GeneratorState::Complete("liftoff"),
        "after yielding 1, the next resume must return (Complete) \"liftoff\""
    );
    let again = catch_unwind(AssertUnwindSafe(|| generator.resume(())));
    assert!(
        again.is_err(),
        "a finished generator was resumed without a panic"
    );
}
