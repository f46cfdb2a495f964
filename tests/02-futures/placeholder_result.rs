// Suite for exercise 2.4, the placeholder's results and errors. Written
// once, run against the stub (`ex02-futures`) and the solution
// (`sol02-futures`) through a wrapper that names the code under test
// `subject`.

use std::cell::RefCell;
use std::rc::Rc;

use subject::{Placeholder, PlaceholderError, State};

#[test]
fn a_new_placeholder_is_pending_and_has_no_result() {
    let fut: Placeholder<u32> = Placeholder::new();
    assert!(!fut.done(), "a new placeholder must not be done");
    assert_eq!(
        fut.result(),
        Err(PlaceholderError::NotDone),
        "result() on a placeholder that is not done must be Err(NotDone), as asyncio raises \
         InvalidStateError"
    );
}

#[test]
fn set_result_completes_it_and_result_returns_the_value_each_time() {
    let mut fut = Placeholder::new();
    assert_eq!(
        fut.set_result(String::from("hi")),
        Ok(()),
        "the first set_result must succeed"
    );
    assert!(fut.done(), "a placeholder with a result must be done");
    assert_eq!(
        fut.state(),
        &State::Finished(String::from("hi")),
        "set_result must move the state to Finished with the value"
    );
    assert_eq!(
        fut.result(),
        Ok(String::from("hi")),
        "result() must return the value set"
    );
    assert_eq!(
        fut.result(),
        Ok(String::from("hi")),
        "result() must return the value again on every call, not take it out"
    );
}

#[test]
fn a_second_completion_is_refused_and_changes_nothing() {
    let mut fut = Placeholder::new();
    fut.set_result(1).unwrap();
    assert_eq!(
        fut.set_result(2),
        Err(PlaceholderError::AlreadyDone),
        "a second set_result must be refused with AlreadyDone"
    );
    assert_eq!(
        fut.set_exception("late"),
        Err(PlaceholderError::AlreadyDone),
        "a placeholder that is done must refuse set_exception too, with AlreadyDone"
    );
    assert!(
        !fut.cancel(),
        "cancel on a done placeholder must report false"
    );
    assert_eq!(
        fut.result(),
        Ok(1),
        "a refused completion must change nothing: result() must still return the first value"
    );
}

#[test]
fn set_exception_makes_result_an_error_with_the_message() {
    let mut fut: Placeholder<u32> = Placeholder::new();
    assert_eq!(
        fut.set_exception("disk full"),
        Ok(()),
        "set_exception on a new placeholder must succeed"
    );
    assert!(fut.done(), "a placeholder with an exception must be done");
    assert_eq!(
        fut.result(),
        Err(PlaceholderError::Failed(String::from("disk full"))),
        "result() after set_exception must be Err(Failed) with the message given"
    );
    assert_eq!(
        fut.set_result(1),
        Err(PlaceholderError::AlreadyDone),
        "a placeholder with an exception is done: set_result must be refused with AlreadyDone"
    );
}

#[test]
fn cancel_reports_true_once_and_result_says_cancelled() {
    let mut fut: Placeholder<u32> = Placeholder::new();
    assert!(
        fut.cancel(),
        "cancel on a placeholder that is not done must report true"
    );
    assert!(fut.done(), "a cancelled placeholder must be done");
    assert_eq!(
        fut.state(),
        &State::Cancelled,
        "cancel must move the state to Cancelled"
    );
    assert_eq!(
        fut.result(),
        Err(PlaceholderError::Cancelled),
        "result() on a cancelled placeholder must be Err(Cancelled)"
    );
    assert!(
        !fut.cancel(),
        "a second cancel must report false: the placeholder is already done"
    );
    assert_eq!(
        fut.set_result(1),
        Err(PlaceholderError::AlreadyDone),
        "a cancelled placeholder is done: set_result must be refused with AlreadyDone"
    );
}

fn recorder() -> Rc<RefCell<Vec<String>>> {
    Rc::new(RefCell::new(Vec::new()))
}

#[test]
fn callbacks_run_once_in_order_on_completion() {
    let mut fut: Placeholder<u32> = Placeholder::new();
    let seen = recorder();
    for name in ["a", "b", "c"] {
        let seen = Rc::clone(&seen);
        fut.add_done_callback(move |state| seen.borrow_mut().push(format!("{name}: {state:?}")));
    }
    assert!(
        seen.borrow().is_empty(),
        "callbacks must wait for completion"
    );
    fut.set_result(7).unwrap();
    assert_eq!(
        *seen.borrow(),
        ["a: Finished(7)", "b: Finished(7)", "c: Finished(7)"],
        "on completion, every callback must run once, in the order they were added, with the final \
         state"
    );
    let _ = fut.set_result(8);
    let _ = fut.cancel();
    assert_eq!(
        seen.borrow().len(),
        3,
        "a refused completion must not run callbacks again"
    );
}

#[test]
fn cancel_and_set_exception_run_the_callbacks_too() {
    let seen = recorder();
    let mut cancelled: Placeholder<u32> = Placeholder::new();
    let mut failed: Placeholder<u32> = Placeholder::new();
    let log = Rc::clone(&seen);
    cancelled.add_done_callback(move |state| log.borrow_mut().push(format!("{state:?}")));
    let log = Rc::clone(&seen);
    failed.add_done_callback(move |state| log.borrow_mut().push(format!("{state:?}")));
    cancelled.cancel();
    failed.set_exception("boom").unwrap();
    assert_eq!(
        *seen.borrow(),
        ["Cancelled", "Failed(\"boom\")"],
        "callbacks must run on every kind of completion, cancel and exception too, with the final \
         state"
    );
}

#[test]
fn a_callback_added_after_completion_runs_at_once() {
    let mut fut = Placeholder::new();
    fut.set_result('x').unwrap();
    let seen = recorder();
    let log = Rc::clone(&seen);
    fut.add_done_callback(move |state| log.borrow_mut().push(format!("{state:?}")));
    assert_eq!(
        *seen.borrow(),
        ["Finished('x')"],
        "a callback added to a placeholder that is already done must run at once"
    );
}
