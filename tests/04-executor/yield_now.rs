// Suite for exercise 4.1, yield_now. Written once, run against the stub
// (`ex04-executor`) and the solution (`sol04-executor`) through a wrapper
// that names the code under test `subject`.

use std::cell::RefCell;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use aio_executor::{create_task, run};
use aio_wakers::{WakeCounter, check, raw_counting_waker};
use subject::yield_now;

/// Runs `f` under the test kit's watchdog, with a generous limit: a wrong answer can leave the executor parked forever.
fn within<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    aio_testkit::watchdog::within(
        Duration::from_secs(10),
        "a task was left Pending with nobody to wake it, or it was woken \
         forever without finishing",
        f,
    )
}

#[test]
fn the_first_poll_is_pending_and_wakes_its_own_waker() {
    let counter = WakeCounter::new();
    let waker = raw_counting_waker(&counter);
    let mut future = pin!(yield_now());
    let first = future.as_mut().poll(&mut Context::from_waker(&waker));
    assert!(first.is_pending(), "the first poll must return Pending");
    assert_eq!(
        counter.counts().total_wakes(),
        1,
        "before returning Pending, wake the waker once: nobody else will"
    );
}

#[test]
fn the_second_poll_is_ready() {
    let counter = WakeCounter::new();
    let waker = raw_counting_waker(&counter);
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(yield_now());
    assert!(
        future.as_mut().poll(&mut cx).is_pending(),
        "the first poll of yield_now must be Pending, to let the other tasks run"
    );
    assert_eq!(
        future.as_mut().poll(&mut cx),
        Poll::Ready(()),
        "the second poll of yield_now must be Ready"
    );
}

#[test]
fn it_finishes_in_exactly_two_polls_under_a_checking_waker() {
    // `drive` fails with a readable message if a Pending is never answered
    // by a wake, and allows only two polls here.
    check::drive(yield_now(), 2);
}

#[test]
fn a_task_that_yields_lets_a_new_task_run_first() {
    let log = within(|| {
        let log = Rc::new(RefCell::new(Vec::new()));
        let main_log = log.clone();
        run(async move {
            let child_log = main_log.clone();
            let child = create_task(async move { child_log.borrow_mut().push("child") });
            main_log.borrow_mut().push("main before yield");
            yield_now().await;
            main_log.borrow_mut().push("main after yield");
            child.await.unwrap();
        });
        log.take()
    });
    assert_eq!(
        log,
        ["main before yield", "child", "main after yield"],
        "yield_now must let the child task run before main goes on: main before yield, child, main \
         after yield"
    );
}

#[test]
fn tasks_that_yield_take_turns_in_order() {
    let log = within(|| {
        let log = Rc::new(RefCell::new(Vec::new()));
        let main_log = log.clone();
        run(async move {
            let tasks: Vec<_> = (1..=3)
                .map(|n| {
                    let log = main_log.clone();
                    create_task(async move {
                        for step in 1..=3 {
                            log.borrow_mut().push(format!("task {n} step {step}"));
                            yield_now().await;
                        }
                    })
                })
                .collect();
            for task in tasks {
                task.await.unwrap();
            }
        });
        log.take()
    });
    let expected: Vec<String> = (1..=3)
        .flat_map(|step| (1..=3).map(move |n| format!("task {n} step {step}")))
        .collect();
    assert_eq!(
        log, expected,
        "each yield must let the other tasks run once"
    );
}
