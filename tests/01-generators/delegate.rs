// Suite for exercise 1.3, delegate. Written once, run against the stub
// (`ex01-generators`) and the solution (`sol01-generators`) through a
// wrapper that names the code under test `subject`.

use std::panic::{AssertUnwindSafe, catch_unwind};

use aio_generators::{Generator, GeneratorState, Squares};
use subject::{SquaresThenTotal, squares_then_total};

/// Every value the generator yields and what it returns, resuming at most
/// 20 times so a generator that never finishes fails instead of hanging.
fn run_to_end(mut generator: SquaresThenTotal) -> (Vec<u64>, u64) {
    let mut yielded = Vec::new();
    for _ in 0..20 {
        match generator.resume(()) {
            GeneratorState::Yielded(value) => yielded.push(value),
            GeneratorState::Complete(total) => return (yielded, total),
        }
    }
    panic!("squares_then_total was still running after 20 resumes");
}

#[test]
fn every_square_of_the_inner_generator_comes_straight_out() {
    let mut generator = squares_then_total(3);
    assert_eq!(
        generator.resume(()),
        GeneratorState::Yielded(1),
        "the first resume must yield the inner generator's first square, 1, straight out"
    );
    assert_eq!(
        generator.resume(()),
        GeneratorState::Yielded(4),
        "the second resume must yield the inner generator's next square, 4"
    );
    assert_eq!(
        generator.resume(()),
        GeneratorState::Yielded(9),
        "the third resume must yield the inner generator's next square, 9"
    );
}

#[test]
fn the_resume_that_finishes_the_inner_generator_yields_its_return_value() {
    // No resume is wasted between the last square and the total: when the
    // inner generator returns, the outer one carries on to `yield total`.
    assert_eq!(
        run_to_end(squares_then_total(3)),
        (vec![1, 4, 9, 14], 14),
        "squares_then_total(3) must yield 1, 4, 9, then the total 14 in the resume that finishes \
         the inner generator (no wasted resume), and return 14: (yielded, returned)"
    );
}

#[test]
fn the_outer_generator_returns_what_the_inner_one_returned() {
    assert_eq!(
        run_to_end(squares_then_total(4)).1,
        1 + 4 + 9 + 16,
        "the outer generator must return the inner one's return value, the sum of the squares"
    );
}

#[test]
fn an_inner_generator_with_nothing_to_yield_goes_straight_to_the_total() {
    assert_eq!(
        run_to_end(squares_then_total(0)),
        (vec![0], 0),
        "with nothing to yield, the inner generator returns 0 at once: the outer one must yield \
         that total at the first resume, then return it: (yielded, returned)"
    );
}

#[test]
fn while_delegating_the_inner_generator_lives_in_the_outer_frame() {
    let mut generator = squares_then_total(2);
    generator.resume(());
    assert_eq!(
        generator,
        SquaresThenTotal::Delegating {
            inner: Squares::Suspended {
                n: 1,
                limit: 2,
                total: 0
            }
        },
        "after the first resume, the outer generator must be Delegating, holding the inner \
         generator's suspended state in its own frame"
    );
}

#[test]
fn after_the_inner_generator_returns_only_the_total_is_kept() {
    let mut generator = squares_then_total(2);
    for _ in 0..3 {
        generator.resume(());
    }
    assert_eq!(
        generator,
        SquaresThenTotal::YieldedTotal { total: 5 },
        "once the inner generator returned, the outer frame must keep only the total, in \
         YieldedTotal"
    );
}

#[test]
fn resuming_after_the_return_panics() {
    let mut generator = squares_then_total(0);
    assert_eq!(
        generator.resume(()),
        GeneratorState::Yielded(0),
        "squares_then_total(0) must first yield its total, 0"
    );
    assert_eq!(
        generator.resume(()),
        GeneratorState::Complete(0),
        "after yielding the total, the next resume must return it (Complete)"
    );
    let again = catch_unwind(AssertUnwindSafe(|| generator.resume(())));
    assert!(
        again.is_err(),
        "a finished generator was resumed without a panic"
    );
}
