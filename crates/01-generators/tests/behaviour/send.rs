//! Values going in: `resume(Some(v))` is Python's `send(v)`, and
//! `resume(None)` is `next()`.

use aio_generators::{Generator, GeneratorState, running_total};

#[test]
fn the_first_resume_runs_to_the_first_yield() {
    let mut total = running_total();
    assert_eq!(total.resume(None), GeneratorState::Yielded(0));
}

#[test]
fn each_value_sent_is_added_and_the_new_total_yielded() {
    let mut total = running_total();
    total.resume(None);
    let yielded: Vec<_> = [3, 4, -10]
        .into_iter()
        .map(|amount| total.resume(Some(amount)))
        .collect();
    assert_eq!(
        yielded,
        [
            GeneratorState::Yielded(3),
            GeneratorState::Yielded(7),
            GeneratorState::Yielded(-3)
        ]
    );
}

#[test]
fn next_on_a_running_total_yields_the_same_total_again() {
    let mut total = running_total();
    total.resume(None);
    total.resume(Some(9));
    assert_eq!(total.resume(None), GeneratorState::Yielded(9));
    assert_eq!(total.resume(None), GeneratorState::Yielded(9));
}

#[test]
#[should_panic(expected = "can't send a value to a just-started generator")]
fn sending_a_value_before_the_first_yield_panics_like_python() {
    // Python: TypeError: can't send non-None value to a just-started generator
    running_total().resume(Some(1));
}
