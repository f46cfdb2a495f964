//! The countdown leaf future: Pending a fixed number of times, waking itself
//! each time, then Ready with its value.

use std::task::{Poll, Waker};

use aio_futures::Countdown;
use aio_testkit::wake::{counting_waker, poll_with};

#[test]
fn pending_n_times_with_a_wake_each_then_ready() {
    let (counter, waker) = counting_waker();
    let mut fut = Countdown::new(3, "go");
    for expected_wakes in 1..=3 {
        assert_eq!(poll_with(&mut fut, &waker), Poll::Pending);
        assert_eq!(counter.wakes(), expected_wakes);
    }
    assert_eq!(poll_with(&mut fut, &waker), Poll::Ready("go"));
    assert_eq!(counter.wakes(), 3, "Ready needs no wake");
}

#[test]
fn zero_means_ready_on_the_first_poll() {
    let mut fut = Countdown::new(0, 1.5);
    assert_eq!(poll_with(&mut fut, Waker::noop()), Poll::Ready(1.5));
}

#[test]
#[should_panic(expected = "`Countdown` polled again after it returned Ready")]
fn polling_after_ready_panics() {
    let mut fut = Countdown::new(0, ());
    let _ = poll_with(&mut fut, Waker::noop());
    let _ = poll_with(&mut fut, Waker::noop());
}
