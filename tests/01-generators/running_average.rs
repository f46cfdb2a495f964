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
    assert_eq!(
        average.resume(None),
        GeneratorState::Yielded(None),
        "the first resume only starts the generator: it must yield None, no average yet"
    );
}

#[test]
fn each_value_sent_yields_the_average_of_all_values_so_far() {
    assert_eq!(
        send_all(&[10.0, 20.0, 60.0]),
        [
            GeneratorState::Yielded(Some(10.0)),
            GeneratorState::Yielded(Some(15.0)),
            GeneratorState::Yielded(Some(30.0)),
        ],
        "each value sent must yield the average of every value sent so far"
    );
}

#[test]
fn next_in_the_middle_yields_the_same_average_again() {
    let mut average = running_average();
    average.resume(None);
    average.resume(Some(4.0));
    average.resume(Some(8.0));
    assert_eq!(
        average.resume(None),
        GeneratorState::Yielded(Some(6.0)),
        "next (resume with None) after values were sent must yield the same average again, without \
         counting anything"
    );
    assert_eq!(
        average.resume(Some(0.0)),
        GeneratorState::Yielded(Some(4.0)),
        "after next, a value sent must count as usual: (4 + 8 + 0) / 3"
    );
}

#[test]
fn next_before_any_value_keeps_yielding_none() {
    let mut average = running_average();
    average.resume(None);
    assert_eq!(
        average.resume(None),
        GeneratorState::Yielded(None),
        "next before any value was sent must keep yielding None"
    );
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
        },
        "the frame must keep the running total and the count of values, in Averaging"
    );
}

#[test]
fn sending_a_value_before_the_first_resume_panics_like_python() {
    // First make sure the generator works at all, so that a stub's `todo!()`
    // is not mistaken for the panic we want.
    assert_eq!(
        running_average().resume(None),
        GeneratorState::Yielded(None),
        "the first resume with None must yield None: the generator must work before the rest of \
         this test can mean anything"
    );
    let mut fresh = running_average();
    let sent = catch_unwind(AssertUnwindSafe(|| fresh.resume(Some(1.0))));
    assert!(
        sent.is_err(),
        "a value was sent to a just-started generator without a panic"
    );
}
