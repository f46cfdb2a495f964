//! The Python-style placeholder: states, results and errors, as asyncio's
//! `Future` has them.

use aio_futures::{Exception, Future, FutureError};

fn is_invalid_state<T>(outcome: &Result<T, FutureError>) -> bool {
    matches!(outcome, Err(FutureError::InvalidState(_)))
}

#[test]
fn a_new_future_is_pending_and_has_no_result() {
    let fut: Future<u32> = Future::new();
    assert!(!fut.done());
    assert!(!fut.cancelled());
    let err = fut.result().unwrap_err();
    assert!(matches!(err, FutureError::InvalidState(_)));
    assert_eq!(err.to_string(), "invalid state: the result is not set yet");
    assert!(is_invalid_state(&fut.exception()));
}

#[test]
fn set_result_makes_it_done_and_result_returns_the_value_every_time() {
    let fut = Future::new();
    fut.set_result(String::from("hello")).unwrap();
    assert!(fut.done());
    assert!(!fut.cancelled());
    assert_eq!(fut.result(), Ok(String::from("hello")));
    assert_eq!(fut.result(), Ok(String::from("hello")));
    assert_eq!(fut.exception(), Ok(None));
}

#[test]
fn completing_twice_is_an_invalid_state_and_keeps_the_first_outcome() {
    let fut = Future::new();
    fut.set_result(1).unwrap();
    let err = fut.set_result(2).unwrap_err();
    assert_eq!(err.reason(), "the future is already done");
    assert!(fut.set_exception(Exception::new("late")).is_err());
    assert!(!fut.cancel(), "cancel on a done future reports false");
    assert_eq!(fut.result(), Ok(1));
}

#[test]
fn set_exception_makes_result_return_that_exception() {
    let fut: Future<u32> = Future::new();
    fut.set_exception(Exception::new("disk full")).unwrap();
    assert!(fut.done());
    assert_eq!(
        fut.result(),
        Err(FutureError::Exception(Exception::new("disk full")))
    );
    assert_eq!(fut.exception(), Ok(Some(Exception::new("disk full"))));
    assert!(fut.set_result(3).is_err());
}

#[test]
fn cancel_makes_it_done_and_cancelled_and_result_says_so() {
    let fut: Future<u32> = Future::new();
    assert!(fut.cancel());
    assert!(fut.done());
    assert!(fut.cancelled());
    assert_eq!(fut.result(), Err(FutureError::Cancelled));
    assert_eq!(fut.exception(), Err(FutureError::Cancelled));
    assert!(!fut.cancel(), "a second cancel changes nothing");
    assert!(fut.set_result(1).is_err());
}

#[test]
fn clones_are_handles_to_one_placeholder() {
    let fut = Future::new();
    let other = fut.clone();
    other.set_result('x').unwrap();
    assert!(fut.done());
    assert_eq!(fut.result(), Ok('x'));
}

#[test]
fn debug_shows_the_state_like_pythons_repr() {
    let fut: Future<u32> = Future::new();
    fut.add_done_callback(|_| {});
    assert_eq!(
        format!("{fut:?}"),
        "Future { state: Pending, callbacks: 1 }"
    );
    fut.set_result(3).unwrap();
    assert_eq!(format!("{fut:?}"), "Future { state: Finished(3) }");
}

#[test]
fn errors_read_well() {
    assert_eq!(
        FutureError::Cancelled.to_string(),
        "the future was cancelled"
    );
    assert_eq!(
        FutureError::Exception(Exception::new("boom")).to_string(),
        "the future failed: boom"
    );
}
