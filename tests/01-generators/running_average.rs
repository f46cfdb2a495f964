// Suite for exercise 1.2, running_average. Written once, run against the
// stub (`ex01-generators`) and the solution (`sol01-generators`) through a
// wrapper that names the code under test `subject`.

use std::panic::{AssertUnwindSafe, catch_unwind};

use aio_generators::{Generator, GeneratorState};
use subject::{RunningAverage, running_average};

/// Primes a fresh generator with `next()` and sends it `values`; what each
/// send yielded.
fn send_all(values: &[f64]) -> Vec<GeneratorState<Option<f64>, std::convert::Infallible>> {
    let mut average = running_average();
    average.resume(None);
    values
        .iter()
        .map(|&value| average.resume(Some(value)))
        .collect()
}

#[test]
fn the_first_resume_yields_no_average_yet() {
    let mut average = running_average();
    assert_eq!(average.resume(None), GeneratorState::Yielded(None));
}

#[test]
fn each_value_sent_yields_the_average_of_all_values_so_far() {
    assert_eq!(
        send_all(&[10.0, 20.0, 60.0]),
        [
            GeneratorState::Yielded(Some(10.0)),
            GeneratorState::Yielded(Some(15.0)),
            GeneratorState::Yielded(Some(30.0)),
        ]
    );
}

#[test]
fn next_in_the_middle_yields_the_same_average_again() {
    let mut average = running_average();
    average.resume(None);
    average.resume(Some(4.0));
    average.resume(Some(8.0));
    assert_eq!(average.resume(None), GeneratorState::Yielded(Some(6.0)));
    assert_eq!(
        average.resume(Some(0.0)),
        GeneratorState::Yielded(Some(4.0))
    );
}

#[test]
fn next_before_any_value_keeps_yielding_none() {
    let mut average = running_average();
    average.resume(None);
    assert_eq!(average.resume(None), GeneratorState::Yielded(None));
}

#[test]
fn the_frame_keeps_the_total_and_the_count() {
    let mut average = running_average();
    average.resume(None);
    average.resume(Some(1.5));
    average.resume(Some(2.5));
    assert_eq!(
        average,
        RunningAverage::Averaging {
            total: 4.0,
            count: 2
        }
    );
}

#[test]
fn sending_a_value_before_the_first_resume_panics_like_python() {
    // First make sure the generator works at all, so that a stub's `todo!()`
    // is not mistaken for the panic we want.
    assert_eq!(
        running_average().resume(None),
        GeneratorState::Yielded(None)
    );
    let mut fresh = running_average();
    let sent = catch_unwind(AssertUnwindSafe(|| fresh.resume(Some(1.0))));
    assert!(
        sent.is_err(),
        "a value was sent to a just-started generator without a panic"
    );
}
