// Suite for exercise 3.2, a one-shot channel whose receiver keeps its
// waker. Written once, run against the stub and the solution through each
// crate's `tests/oneshot.rs`.
//
// The receiver is driven by stage 3's checking waker (`aio_wakers::check`):
// if `poll` returns `Pending` without keeping the waker, the test fails
// with that reason instead of hanging.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::thread;
use std::time::Duration;

use aio_wakers::{WakeCounter, check, raw_counting_waker};
use subject::channel;

#[test]
fn a_value_sent_before_the_first_poll_is_ready_at_once() {
    let (tx, rx) = channel();
    tx.send(7);
    let mut rx = pin!(rx);
    assert_eq!(
        check::poll_once(rx.as_mut()),
        Poll::Ready(7),
        "a value sent before the first poll must make that poll Ready with it"
    );
}

#[test]
fn the_first_poll_is_pending_and_keeps_the_waker() {
    let (tx, rx) = channel::<&str>();
    let mut rx = pin!(rx);
    // poll_once panics if the receiver keeps no waker.
    assert_eq!(
        check::poll_once(rx.as_mut()),
        Poll::Pending,
        "polling before anything was sent must return Pending"
    );
    tx.send("later");
    assert_eq!(
        check::poll_once(rx.as_mut()),
        Poll::Ready("later"),
        "after send, the next poll must be Ready with the value sent"
    );
}

#[test]
fn a_value_sent_from_another_thread_wakes_the_receiver() {
    let (tx, rx) = channel();
    let sender = thread::spawn(move || {
        thread::sleep(Duration::from_millis(20));
        tx.send(String::from("from a thread"));
    });
    assert_eq!(
        check::drive(rx, 5),
        "from a thread",
        "a value sent from another thread must wake the receiver and be received"
    );
    sender.join().unwrap();
}

#[test]
fn send_wakes_the_waker_of_the_latest_poll_once() {
    let (tx, rx) = channel();
    let mut rx = pin!(rx);
    let first = WakeCounter::new();
    let latest = WakeCounter::new();

    let waker = raw_counting_waker(&first);
    assert!(
        rx.as_mut()
            .poll(&mut Context::from_waker(&waker))
            .is_pending(),
        "polling before anything was sent must return Pending"
    );
    drop(waker);
    let waker = raw_counting_waker(&latest);
    assert!(
        rx.as_mut()
            .poll(&mut Context::from_waker(&waker))
            .is_pending(),
        "polling again before anything was sent must return Pending"
    );
    drop(waker);

    tx.send(());
    assert_eq!(
        first.counts().total_wakes(),
        0,
        "the first poll's waker is stale: only the latest one may be woken"
    );
    assert_eq!(
        latest.counts().total_wakes(),
        1,
        "send wakes the latest waker, once"
    );
    assert_eq!(
        rx.as_mut()
            .poll(&mut Context::from_waker(std::task::Waker::noop())),
        Poll::Ready(()),
        "after send, the next poll must be Ready with the value"
    );
}

#[test]
fn no_waker_is_left_behind() {
    let (tx, rx) = channel();
    let counter = WakeCounter::new();
    {
        let mut rx = pin!(rx);
        let waker = raw_counting_waker(&counter);
        assert!(
            rx.as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_pending(),
            "polling before anything was sent must return Pending"
        );
        assert!(
            rx.as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_pending(),
            "polling again before anything was sent must return Pending"
        );
        tx.send(1);
    }
    assert_eq!(
        counter.counts().alive(),
        0,
        "every waker clone was used or dropped"
    );
    assert_eq!(
        Arc::strong_count(&counter),
        1,
        "the receiver is gone, so only the test's own count of the wake counter may remain: a \
         waker clone was leaked"
    );
}
