//! Delegation: the outer generator passes the inner one's yields out and
//! the caller's sends in, and carries on with what the inner one returned.

use crate::common;

use std::rc::Rc;

use aio_generators::{
    Generator, GeneratorState, Squares, TwoRounds, holding, running_total, squares, two_rounds,
    yield_from,
};
use common::run_to_end;

#[test]
fn two_rounds_yields_both_inner_sequences_and_returns_the_sum_of_their_returns() {
    assert_eq!(run_to_end(two_rounds(2, 3)), (vec![1, 4, 1, 4, 9], 5 + 14));
}

#[test]
fn an_empty_first_round_passes_straight_into_the_second_in_one_resume() {
    // `squares(0)` returns at once; the outer generator must not stop there
    // (a finished `yield from` is not a `yield`) but go on to the second.
    let mut outer = two_rounds(0, 2);
    assert_eq!(outer.resume(()), GeneratorState::Yielded(1));
    assert!(matches!(outer, TwoRounds::InSecond { first: 0, .. }));
}

#[test]
fn two_empty_rounds_return_on_the_first_resume() {
    assert_eq!(two_rounds(0, 0).resume(()), GeneratorState::Complete(0));
}

#[test]
fn the_resume_that_finishes_the_first_round_yields_from_the_second() {
    let mut outer = two_rounds(1, 1);
    assert_eq!(outer.resume(()), GeneratorState::Yielded(1));
    // This resume finds the first inner generator returning 1, keeps that
    // as `first`, and starts the second one, which yields.
    assert_eq!(outer.resume(()), GeneratorState::Yielded(1));
    assert_eq!(
        outer,
        TwoRounds::InSecond {
            inner: Squares::Suspended {
                n: 1,
                limit: 1,
                total: 0
            },
            first: 1
        }
    );
}

#[test]
fn yield_from_passes_every_yield_out_and_maps_the_return() {
    let outer = yield_from(squares(3), |sum| format!("sum {sum}"));
    assert_eq!(run_to_end(outer), (vec![1, 4, 9], "sum 14".to_owned()));
}

#[test]
fn yield_from_forwards_sent_values_to_the_inner_generator() {
    let mut outer = yield_from(running_total(), |never| match never {});
    assert_eq!(outer.resume(None), GeneratorState::Yielded(0));
    assert_eq!(outer.resume(Some(5)), GeneratorState::Yielded(5));
    assert_eq!(outer.resume(Some(6)), GeneratorState::Yielded(11));
}

#[test]
fn yield_from_drops_the_inner_generator_as_soon_as_it_returns() {
    let resource = Rc::new(());
    let mut outer = yield_from(holding(Rc::clone(&resource), 1), |()| "after");
    assert_eq!(outer.resume(()), GeneratorState::Yielded(0));
    assert_eq!(Rc::strong_count(&resource), 2);
    assert_eq!(outer.resume(()), GeneratorState::Complete("after"));
    assert_eq!(Rc::strong_count(&resource), 1);
}

#[test]
fn yield_from_can_nest() {
    // An outer generator delegating to one that itself delegates: the
    // yields come out through both, the returns are mapped on the way.
    let outer = yield_from(yield_from(squares(2), |sum| sum + 1), |sum| sum * 2);
    assert_eq!(run_to_end(outer), (vec![1, 4], (5 + 1) * 2));
}
