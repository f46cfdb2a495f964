//! Calling a generator function runs none of its body: it only builds the
//! machine's `Start` state from the arguments.

use std::rc::Rc;

use aio_generators::{
    Holding, RunningTotal, Squares, TwoRounds, TwoValues, YieldFrom, holding, running_total,
    squares, two_rounds, two_values, yield_from,
};

#[test]
fn every_call_only_stores_its_arguments_in_start() {
    assert_eq!(
        two_values('a', 'b'),
        TwoValues::Start {
            first: 'a',
            second: 'b'
        }
    );
    assert_eq!(running_total(), RunningTotal::Start);
    assert_eq!(squares(4), Squares::Start { limit: 4 });
    assert_eq!(
        holding("file", 2),
        Holding::Start {
            resource: "file",
            turns: 2
        }
    );
    assert_eq!(
        two_rounds(2, 3),
        TwoRounds::Start {
            first_limit: 2,
            second_limit: 3
        }
    );
}

#[test]
fn the_call_is_const_so_it_can_run_at_compile_time() {
    // If calling ran any of the body, these could not be constants.
    const PAIR: TwoValues<u8> = two_values(1, 2);
    const SQUARES: Squares = squares(10);
    assert!(matches!(PAIR, TwoValues::Start { .. }));
    assert!(matches!(SQUARES, Squares::Start { .. }));
}

#[test]
fn a_delegating_generator_does_not_create_its_inner_one_until_resumed() {
    // `Start` has no field for an inner generator: `squares(first_limit)`
    // is evaluated by the first resume, not by the call.
    let outer = two_rounds(1, 1);
    assert_eq!(
        outer,
        TwoRounds::Start {
            first_limit: 1,
            second_limit: 1
        }
    );
}

#[test]
fn yield_from_does_not_touch_the_inner_generator_before_the_first_resume() {
    let outer = yield_from(squares(2), |sum: u64| sum);
    match outer {
        YieldFrom::Delegating { inner, .. } => assert_eq!(inner, Squares::Start { limit: 2 }),
        YieldFrom::Done => panic!("a fresh yield_from is already done"),
    }
}

#[test]
fn a_generator_dropped_before_it_started_only_drops_its_arguments() {
    let resource = Rc::new(());
    let generator = holding(Rc::clone(&resource), 3);
    assert_eq!(
        Rc::strong_count(&resource),
        2,
        "the frame owns its argument"
    );
    drop(generator);
    assert_eq!(Rc::strong_count(&resource), 1);
}
