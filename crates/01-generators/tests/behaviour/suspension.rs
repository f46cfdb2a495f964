//! Between resumes, a generator's frame survives in its variant's fields:
//! what the rest of the body needs, and nothing it does not.

use aio_generators::{
    Generator, GeneratorState, RunningTotal, Squares, TwoValues, running_total, squares, two_values,
};

#[test]
fn two_values_keeps_only_the_value_it_has_not_handed_out() {
    let mut pair = two_values("first", "second");
    assert_eq!(pair.resume(()), GeneratorState::Yielded("first"));
    assert_eq!(pair, TwoValues::AtFirstYield { second: "second" });
    assert_eq!(pair.resume(()), GeneratorState::Yielded("second"));
    assert_eq!(pair, TwoValues::AtSecondYield);
}

#[test]
fn squares_carries_its_loop_variable_and_running_sum_across_yields() {
    let mut generator = squares(3);
    let mut states = Vec::new();
    while let GeneratorState::Yielded(_) = generator.resume(()) {
        states.push(generator.clone());
    }
    assert_eq!(
        states,
        [
            Squares::Suspended {
                n: 1,
                limit: 3,
                total: 0
            },
            Squares::Suspended {
                n: 2,
                limit: 3,
                total: 1
            },
            Squares::Suspended {
                n: 3,
                limit: 3,
                total: 5
            },
        ]
    );
}

#[test]
fn running_total_remembers_the_sum_between_sends() {
    let mut total = running_total();
    total.resume(None);
    total.resume(Some(40));
    assert_eq!(total, RunningTotal::Suspended { total: 40 });
    assert_eq!(total.resume(Some(2)), GeneratorState::Yielded(42));
}

#[test]
fn a_paused_generator_is_plain_data_and_a_clone_resumes_on_its_own() {
    // Python cannot copy a generator; here the frame is an ordinary value,
    // so a copy is a second generator paused at the same place.
    let mut original = squares(3);
    original.resume(());
    let mut copy = original.clone();
    assert_eq!(copy.resume(()), GeneratorState::Yielded(4));
    assert_eq!(copy.resume(()), GeneratorState::Yielded(9));
    assert_eq!(original.resume(()), GeneratorState::Yielded(4));
}
