// Suite for exercise 2.3, two awaits compiled by hand. Written once, run
// against the stub (`ex02-futures`) and the solution (`sol02-futures`)
// through a wrapper that names the code under test `subject`.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use aio_futures::Countdown;
use aio_testkit::wake::{counting_waker, poll_with};
use subject::greet;

/// The `async fn` the exercise compiles by hand; the compiler's version is
/// the reference.
async fn greet_async(name: &'static str) -> String {
    let greeting = Countdown::new(2, "Hello").await;
    let mark = Countdown::new(1, '!').await;
    format!("{greeting}, {name}{mark}")
}

/// Polls until Ready, at most `limit` times; returns the output and the
/// number of polls, or `None` if it was still pending.
fn drive<F: Future>(fut: F, limit: u32) -> Option<(F::Output, u32)> {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    for polls in 1..=limit {
        if let Poll::Ready(output) = fut.as_mut().poll(&mut cx) {
            return Some((output, polls));
        }
    }
    None
}

#[test]
fn it_answers_like_the_async_fn_poll_for_poll() {
    let expected = drive(greet_async("Ada"), 100);
    assert_eq!(
        expected,
        Some((String::from("Hello, Ada!"), 4)),
        "the async fn itself must give this answer: if this fails, the test is wrong, not your code"
    );
    assert_eq!(
        drive(greet("Ada"), 100),
        expected,
        "the hand-written state machine must answer like the async fn, poll for poll: the same \
         value after the same number of polls"
    );
}

#[test]
fn each_poll_stops_in_the_right_state() {
    let mut fut = greet("Grace");
    let mut trace = Vec::new();
    for _ in 0..10 {
        let answer = poll_with(&mut fut, Waker::noop());
        trace.push(format!("{answer:?} in {}", fut.state_name()));
        if answer.is_ready() {
            break;
        }
    }
    assert_eq!(
        trace,
        [
            "Pending in AwaitingGreeting",
            "Pending in AwaitingGreeting",
            "Pending in AwaitingMark",
            "Ready(\"Hello, Grace!\") in Done",
        ],
        "each poll must be answered from the right state: Pending twice while awaiting the \
         greeting, once while awaiting the mark, then Ready in Done"
    );
}

#[test]
fn every_pending_passes_on_a_wake_from_an_inner_future() {
    let (counter, waker) = counting_waker();
    let mut fut = greet("Ada");
    let mut pendings = 0;
    while poll_with(&mut fut, &waker).is_pending() {
        pendings += 1;
        assert!(
            pendings <= 3,
            "more Pending answers than the async fn gives"
        );
        assert_eq!(
            counter.wakes(),
            pendings,
            "poll the inner future with the same `cx`, so its wake reaches the task"
        );
    }
}

#[test]
#[should_panic(expected = "`Greet` polled after it completed")]
fn polling_after_completion_panics() {
    let mut fut = greet("Ada");
    for _ in 0..10 {
        if poll_with(&mut fut, Waker::noop()).is_ready() {
            break;
        }
    }
    let _ = poll_with(&mut fut, Waker::noop());
}
