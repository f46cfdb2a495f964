// Suite for exercise 2.1, a countdown future. Written once, run against the
// stub (`ex02-futures`) and the solution (`sol02-futures`) through a wrapper
// that names the code under test `subject`.

use std::task::{Poll, Waker};

use aio_testkit::wake::{counting_waker, poll_with};
use subject::Countdown;

#[test]
fn a_countdown_of_zero_is_ready_on_the_first_poll() {
    let mut fut = Countdown::new(0);
    assert_eq!(
        poll_with(&mut fut, Waker::noop()),
        Poll::Ready(()),
        "a countdown of zero has nothing left to count: its first poll must be Ready"
    );
}

#[test]
fn a_countdown_of_three_is_pending_three_times_then_ready() {
    let mut fut = Countdown::new(3);
    let mut answers = Vec::new();
    // Bounded: a countdown that never finishes fails here instead of hanging.
    for _ in 0..10 {
        let answer = poll_with(&mut fut, Waker::noop());
        answers.push(answer);
        if answer.is_ready() {
            break;
        }
    }
    assert_eq!(
        answers,
        [Poll::Pending, Poll::Pending, Poll::Pending, Poll::Ready(())],
        "a countdown of 3 must be Pending three times, then Ready"
    );
}

#[test]
fn every_pending_wakes_the_task_exactly_once() {
    let (counter, waker) = counting_waker();
    let mut fut = Countdown::new(4);
    for pendings in 1..=4 {
        assert_eq!(
            poll_with(&mut fut, &waker),
            Poll::Pending,
            "a countdown not yet at zero must be Pending"
        );
        assert_eq!(
            counter.wakes(),
            pendings,
            "after Pending number {pendings}: a Pending needs one wake, or a sleeping executor \
             never comes back"
        );
    }
    assert_eq!(
        poll_with(&mut fut, &waker),
        Poll::Ready(()),
        "after four Pendings a countdown of 4 must be Ready"
    );
    assert_eq!(counter.wakes(), 4, "Ready must not wake");
}

#[test]
fn it_counts_down_one_per_poll() {
    let mut fut = Countdown::new(2);
    let _ = poll_with(&mut fut, Waker::noop());
    assert_eq!(
        fut.remaining, 1,
        "each poll must count down by one: after one poll of a countdown of 2, one remains"
    );
}
