//! Awaiting the placeholder: Pending until completed, the waker kept and
//! woken on completion, then the same answer as `result()`.

use std::task::Poll;

use aio_futures::{Exception, Future, FutureError, block_on, block_on_counted};
use aio_testkit::wake::{counting_waker, poll_with};

#[test]
fn pending_until_set_then_ready_with_the_result() {
    let fut: Future<&str> = Future::new();
    let mut awaiting = fut.clone();
    let (counter, waker) = counting_waker();

    assert_eq!(poll_with(&mut awaiting, &waker), Poll::Pending);
    assert_eq!(
        counter.wakes(),
        0,
        "nobody wakes a task before the result exists"
    );

    fut.set_result("here").unwrap();
    assert_eq!(counter.wakes(), 1, "completion wakes the waiting task once");
    assert_eq!(poll_with(&mut awaiting, &waker), Poll::Ready(Ok("here")));
}

#[test]
fn repeated_polls_with_one_waker_store_it_once() {
    let fut: Future<u32> = Future::new();
    let mut awaiting = fut.clone();
    let (counter, waker) = counting_waker();
    for _ in 0..5 {
        assert_eq!(poll_with(&mut awaiting, &waker), Poll::Pending);
    }
    fut.set_result(1).unwrap();
    assert_eq!(counter.wakes(), 1);
}

#[test]
fn every_waiting_task_is_woken() {
    let fut: Future<u32> = Future::new();
    let (first, first_waker) = counting_waker();
    let (second, second_waker) = counting_waker();
    let mut a = fut.clone();
    let mut b = fut.clone();
    assert!(poll_with(&mut a, &first_waker).is_pending());
    assert!(poll_with(&mut b, &second_waker).is_pending());

    assert!(fut.cancel());
    assert_eq!((first.wakes(), second.wakes()), (1, 1));
    assert_eq!(
        poll_with(&mut a, &first_waker),
        Poll::Ready(Err(FutureError::Cancelled))
    );
    assert_eq!(
        poll_with(&mut b, &second_waker),
        Poll::Ready(Err(FutureError::Cancelled))
    );
}

#[test]
fn a_completed_future_is_ready_on_the_first_poll() {
    let fut = Future::new();
    fut.set_exception(Exception::new("refused")).unwrap();
    let (outcome, polls) = block_on_counted(fut.clone());
    assert_eq!(
        outcome,
        Err::<u32, _>(FutureError::Exception(Exception::new("refused")))
    );
    assert_eq!(polls, 1);
}

#[test]
fn an_async_block_can_await_it_and_a_callback_can_complete_it() {
    // A callback on one future completes another: the chain asyncio builds
    // with `add_done_callback`, awaited here from an `async` block.
    let first: Future<u32> = Future::new();
    let second: Future<u32> = Future::new();
    let relay = second.clone();
    first.add_done_callback(move |f| {
        relay.set_result(f.result().unwrap() * 10).unwrap();
    });
    first.set_result(4).unwrap();
    let total = block_on(async move {
        let a = first.await.unwrap();
        let b = second.await.unwrap();
        a + b
    });
    assert_eq!(total, 44);
}
