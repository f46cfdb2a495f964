//! Done-callbacks: each runs once, in registration order, with the future,
//! whichever way the future completes.

use std::cell::RefCell;
use std::rc::Rc;

use aio_futures::{Exception, Future};

/// A shared log that callbacks write to.
fn log() -> Rc<RefCell<Vec<String>>> {
    Rc::new(RefCell::new(Vec::new()))
}

#[test]
fn callbacks_run_once_in_registration_order_when_the_result_is_set() {
    let fut: Future<u32> = Future::new();
    let seen = log();
    for name in ["first", "second", "third"] {
        let seen = Rc::clone(&seen);
        fut.add_done_callback(move |f| {
            seen.borrow_mut()
                .push(format!("{name} sees {:?}", f.result()));
        });
    }
    assert!(
        seen.borrow().is_empty(),
        "no callback runs before completion"
    );

    fut.set_result(5).unwrap();
    assert_eq!(
        *seen.borrow(),
        ["first sees Ok(5)", "second sees Ok(5)", "third sees Ok(5)"]
    );

    // A failed second completion does not run them again.
    assert!(fut.set_result(6).is_err());
    assert!(!fut.cancel());
    assert_eq!(seen.borrow().len(), 3);
}

#[test]
fn a_callback_added_after_completion_runs_at_once() {
    let fut = Future::new();
    fut.set_result("done").unwrap();
    let seen = log();
    let inner = Rc::clone(&seen);
    fut.add_done_callback(move |f| inner.borrow_mut().push(format!("{:?}", f.result())));
    assert_eq!(*seen.borrow(), ["Ok(\"done\")"]);
}

#[test]
fn cancel_and_set_exception_run_the_callbacks_too() {
    let cancelled: Future<u32> = Future::new();
    let failed: Future<u32> = Future::new();
    let seen = log();
    for fut in [&cancelled, &failed] {
        let seen = Rc::clone(&seen);
        fut.add_done_callback(move |f| {
            seen.borrow_mut().push(format!(
                "cancelled={} result={:?}",
                f.cancelled(),
                f.result()
            ));
        });
    }
    assert!(cancelled.cancel());
    failed.set_exception(Exception::new("nope")).unwrap();
    assert_eq!(
        *seen.borrow(),
        [
            "cancelled=true result=Err(Cancelled)",
            "cancelled=false result=Err(Exception(Exception { message: \"nope\" }))",
        ]
    );
}

#[test]
fn a_callback_may_use_the_future_it_is_called_with() {
    // Callbacks run while `set_result` is still on the stack. They must find
    // the future usable: not still borrowed, already done, and closed to a
    // second completion.
    let fut: Future<u32> = Future::new();
    let seen = log();
    let inner = Rc::clone(&seen);
    fut.add_done_callback(move |f| {
        inner.borrow_mut().push(format!("done={}", f.done()));
        inner.borrow_mut().push(format!(
            "set again: {:?}",
            f.set_result(9).map_err(|e| e.reason())
        ));
        let nested = Rc::clone(&inner);
        f.add_done_callback(move |f| {
            nested
                .borrow_mut()
                .push(format!("nested sees {:?}", f.result()))
        });
    });
    fut.set_result(1).unwrap();
    assert_eq!(
        *seen.borrow(),
        [
            "done=true",
            "set again: Err(\"the future is already done\")",
            "nested sees Ok(1)",
        ]
    );
}
