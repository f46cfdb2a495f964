//! One running loop per thread, found by `spawn`; clear errors without one.

use std::panic;

use aio_executor::{EventLoop, NoRunningLoop, is_running, run, spawn, try_spawn};

fn panic_text(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

#[test]
fn spawn_outside_a_loop_says_there_is_no_running_event_loop() {
    let payload = panic::catch_unwind(|| drop(spawn(async {}))).unwrap_err();
    assert!(panic_text(payload).contains("no running event loop"));
}

#[test]
fn try_spawn_outside_a_loop_returns_the_error() {
    let err = try_spawn(async {}).unwrap_err();
    assert_eq!(err, NoRunningLoop);
    assert_eq!(err.to_string(), "no running event loop");
}

#[test]
fn the_running_loop_is_visible_only_while_it_runs() {
    assert!(!is_running());
    assert!(run(async { is_running() }));
    assert!(!is_running());
}

#[test]
fn a_nested_run_is_refused_with_asyncios_message() {
    let payload = panic::catch_unwind(|| run(async { run(async {}) })).unwrap_err();
    assert_eq!(
        panic_text(payload),
        "run() cannot be called from a running event loop"
    );
    // The refused call did not leave a loop marked as running.
    assert!(!is_running());
}

#[test]
fn running_another_loop_inside_a_running_one_is_refused() {
    let payload = panic::catch_unwind(|| {
        run(async {
            let inner = EventLoop::new();
            inner.run_until_complete(async {});
        })
    })
    .unwrap_err();
    assert_eq!(
        panic_text(payload),
        "Cannot run the event loop while another loop is running"
    );
}

#[test]
fn run_can_be_called_again_after_it_returns() {
    // Unlike the claim in one note, asyncio.run can be called many times in
    // a program, one after another; so can ours.
    assert_eq!(run(async { 1 }) + run(async { 2 }), 3);
}

// asyncio: `loop.call_exception_handler(context)` reaches the handler set
// with `loop.set_exception_handler`, for errors with no task to land in.
#[test]
fn call_exception_handler_reaches_the_running_loops_handler() {
    let event_loop = aio_executor::EventLoop::new();
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let s = seen.clone();
    event_loop.set_exception_handler(move |context| {
        s.borrow_mut()
            .push((context.message, context.panic.clone()))
    });
    event_loop.run_until_complete(async {
        aio_executor::call_exception_handler(aio_executor::ExceptionContext {
            message: "socket.accept() out of system resource",
            task: None,
            panic: "Too many open files".to_owned(),
        });
    });
    assert_eq!(
        *seen.borrow(),
        [(
            "socket.accept() out of system resource",
            "Too many open files".to_owned()
        )]
    );
}
