//! Finishing: `Complete(value)` is Python's `StopIteration(value)`, the
//! machine moves to `Done`, and a finished generator cannot run again.

use crate::common;

use aio_generators::{
    Generator, GeneratorState, Squares, TwoRounds, TwoValues, holding, squares, two_rounds,
    two_values, yield_from,
};
use common::run_to_end;

#[test]
fn squares_returns_the_sum_of_what_it_yielded() {
    assert_eq!(run_to_end(squares(4)), (vec![1, 4, 9, 16], 30));
}

#[test]
fn squares_of_zero_returns_on_its_first_resume() {
    assert_eq!(run_to_end(squares(0)), (vec![], 0));
}

#[test]
fn two_values_returns_unit_after_its_two_yields() {
    assert_eq!(run_to_end(two_values(1, 2)), (vec![1, 2], ()));
}

#[test]
fn a_finished_generator_is_done() {
    let mut generator = squares(1);
    generator.resume(());
    assert_eq!(generator.resume(()), GeneratorState::Complete(1));
    assert_eq!(generator, Squares::Done);

    let mut pair = two_values((), ());
    for _ in 0..3 {
        pair.resume(());
    }
    assert_eq!(pair, TwoValues::Done);
}

#[test]
#[should_panic(expected = "`squares` resumed after it completed")]
fn resuming_finished_squares_panics() {
    let mut generator = squares(0);
    generator.resume(());
    generator.resume(());
}

#[test]
#[should_panic(expected = "`two_values` resumed after it completed")]
fn resuming_finished_two_values_panics() {
    let mut pair = two_values(1, 2);
    for _ in 0..4 {
        pair.resume(());
    }
}

#[test]
#[should_panic(expected = "`holding` resumed after it completed")]
fn resuming_finished_holding_panics() {
    let mut generator = holding((), 0);
    generator.resume(());
    generator.resume(());
}

#[test]
#[should_panic(expected = "`two_rounds` resumed after it completed")]
fn resuming_finished_two_rounds_panics() {
    let mut generator = two_rounds(0, 0);
    assert_eq!(generator.resume(()), GeneratorState::Complete(0));
    assert_eq!(generator, TwoRounds::Done);
    generator.resume(());
}

#[test]
#[should_panic(expected = "`yield_from` resumed after it completed")]
fn resuming_finished_yield_from_panics() {
    let mut generator = yield_from(squares(0), |sum| sum);
    generator.resume(());
    generator.resume(());
}
