// Suite for exercise 4.2, join_handle. Written once, run against the stub
// (`ex04-executor`) and the solution (`sol04-executor`) through a wrapper
// that names the code under test `subject`.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll};
use std::time::Duration;

use aio_executor::{create_task, run, yield_now};
use aio_wakers::{WakeCounter, check, raw_counting_waker};
use subject::{Cancelled, slot};

/// Runs `f` under the test kit's watchdog, with a generous limit: a wrong answer can leave the executor parked forever.
fn within<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    aio_testkit::watchdog::within(
        Duration::from_secs(10),
        "the awaiting task returned Pending and was never woken (do `complete` \
         and `abandon` wake the kept waker?)",
        f,
    )
}

#[test]
fn a_handle_polled_before_completion_is_pending_and_keeps_the_waker() {
    let (_completer, handle) = slot::<u32>();
    let mut handle = pin!(handle);
    // `poll_once` panics if a Pending comes with no waker kept.
    assert_eq!(
        check::poll_once(handle.as_mut()),
        Poll::Pending,
        "a handle polled before the value is there must be Pending"
    );
}

#[test]
fn completing_wakes_the_waiting_task_once_and_the_value_comes_out() {
    let counter = WakeCounter::new();
    let waker = raw_counting_waker(&counter);
    let mut cx = Context::from_waker(&waker);
    let (completer, handle) = slot();
    let mut handle = pin!(handle);

    assert_eq!(
        handle.as_mut().poll(&mut cx),
        Poll::Pending,
        "a handle polled before the value is there must be Pending"
    );
    assert_eq!(counter.counts().total_wakes(), 0, "nothing to wake for yet");
    completer.complete("the result");
    assert_eq!(
        counter.counts().total_wakes(),
        1,
        "complete must wake the waker the handle kept, once"
    );
    assert_eq!(
        handle.as_mut().poll(&mut cx),
        Poll::Ready(Ok("the result")),
        "after complete, the next poll must be Ready(Ok(value))"
    );
}

#[test]
fn a_value_that_is_already_there_is_ready_at_the_first_poll() {
    let (completer, handle) = slot();
    completer.complete(7);
    let mut handle = pin!(handle);
    assert_eq!(
        check::poll_once(handle.as_mut()),
        Poll::Ready(Ok(7)),
        "a value completed before the first poll must make that poll Ready(Ok(value))"
    );
}

#[test]
fn only_the_waker_of_the_latest_poll_is_woken() {
    let first = WakeCounter::new();
    let second = WakeCounter::new();
    let (first_waker, second_waker) = (raw_counting_waker(&first), raw_counting_waker(&second));
    let (completer, handle) = slot();
    let mut handle = pin!(handle);

    assert!(
        handle
            .as_mut()
            .poll(&mut Context::from_waker(&first_waker))
            .is_pending(),
        "a handle polled before the value is there must be Pending"
    );
    // The task moved (or was polled by someone else): a new waker.
    assert!(
        handle
            .as_mut()
            .poll(&mut Context::from_waker(&second_waker))
            .is_pending(),
        "a handle polled again before the value is there must be Pending"
    );
    completer.complete(());
    assert_eq!(second.counts().total_wakes(), 1, "wake the newest waker");
    assert_eq!(first.counts().total_wakes(), 0, "the older waker is stale");
    assert_eq!(
        first.counts().alive(),
        1,
        "the stale waker should have been dropped when replaced (only our own copy is left)"
    );
}

#[test]
fn the_value_is_dropped_with_the_slot_if_nobody_takes_it() {
    use std::rc::Rc;
    let value = Rc::new(());
    let (completer, handle) = slot();
    completer.complete(value.clone());
    assert_eq!(
        Rc::strong_count(&value),
        2,
        "complete must store the value in the slot (the test holds the other count)"
    );
    drop(handle);
    assert_eq!(
        Rc::strong_count(&value),
        1,
        "the value must be dropped with the slot when nobody takes it: the slot leaks it"
    );
}

#[test]
fn dropping_the_completer_unfilled_wakes_the_handle_with_cancelled() {
    let counter = WakeCounter::new();
    let waker = raw_counting_waker(&counter);
    let mut cx = Context::from_waker(&waker);
    let (completer, handle) = slot::<u32>();
    let mut handle = pin!(handle);

    assert_eq!(
        handle.as_mut().poll(&mut cx),
        Poll::Pending,
        "a handle polled before the value is there must be Pending"
    );
    drop(completer); // what dropping a cancelled task's future does
    assert_eq!(
        counter.counts().total_wakes(),
        1,
        "a completer dropped unfilled must wake the waiting task"
    );
    assert_eq!(
        handle.as_mut().poll(&mut cx),
        Poll::Ready(Err(Cancelled)),
        "a handle whose completer was dropped unfilled must be Ready(Err(Cancelled))"
    );
}

#[test]
fn a_completer_dropped_before_anyone_waits_leaves_cancelled() {
    let (completer, handle) = slot::<u32>();
    drop(completer);
    let mut handle = pin!(handle);
    assert_eq!(
        check::poll_once(handle.as_mut()),
        Poll::Ready(Err(Cancelled)),
        "a handle whose completer was dropped before anyone polled must be Ready(Err(Cancelled)) \
         at once"
    );
}

#[test]
fn completing_is_not_cancelling() {
    // `complete` takes the completer by value, so it is dropped right
    // after: that drop must leave the value alone, and wake nobody again.
    let counter = WakeCounter::new();
    let waker = raw_counting_waker(&counter);
    let mut cx = Context::from_waker(&waker);
    let (completer, handle) = slot();
    let mut handle = pin!(handle);
    assert_eq!(
        handle.as_mut().poll(&mut cx),
        Poll::Pending,
        "a handle polled before the value is there must be Pending"
    );
    completer.complete(3);
    assert_eq!(counter.counts().total_wakes(), 1, "woken once, not twice");
    assert_eq!(
        handle.as_mut().poll(&mut cx),
        Poll::Ready(Ok(3)),
        "after complete, the next poll must be Ready(Ok(value)), whatever dropping the completer \
         then does"
    );
}

#[test]
fn a_task_awaiting_the_handle_gets_what_another_task_completes() {
    let got = within(|| {
        run(async {
            let (completer, handle) = slot();
            let worker = create_task(async move {
                // Make sure the main task is already waiting.
                yield_now().await;
                yield_now().await;
                completer.complete(String::from("from the worker"));
            });
            let value = handle.await;
            worker.await.unwrap();
            value
        })
    });
    assert_eq!(
        got.as_deref(),
        Ok("from the worker"),
        "awaiting the handle must give the worker's value"
    );
}

#[test]
fn cancelling_the_completing_task_gives_the_handle_cancelled() {
    let got = within(|| {
        run(async {
            let (completer, handle) = slot::<u32>();
            // The task holds the completer while it waits forever.
            let worker = create_task(async move {
                std::future::pending::<()>().await;
                completer.complete(1);
            });
            yield_now().await; // let it start and wait
            worker.cancel(); // the executor drops its future at its next turn
            handle.await
        })
    });
    assert_eq!(
        got,
        Err(Cancelled),
        "awaiting the handle of a cancelled worker must give Err(Cancelled)"
    );
}
