//! `Event`: waiting for a flag.

use aio_executor::spawn;
use aio_queues::Event;

use crate::support::{run, settle};

// Ports the idea of test_locks.py's EventTests.test_wait (step by step in
// cpython_steps.rs).
#[test]
fn set_wakes_every_waiter() {
    let woken = run(|| async {
        let event = Event::new();
        let waiters: Vec<_> = (0..3)
            .map(|_| {
                let e = event.clone();
                spawn(async move { e.wait().await })
            })
            .collect();
        settle().await;
        assert!(waiters.iter().all(|w| !w.done()));
        event.set();
        let mut woken = 0;
        for w in waiters {
            w.await.unwrap();
            woken += 1;
        }
        woken
    });
    assert_eq!(woken, 3);
}

#[test]
fn wait_on_a_set_event_returns_at_once_and_clear_makes_it_wait_again() {
    let event = Event::new();
    event.set();
    assert!(event.is_set());
    let (_, waker) = aio_testkit::wake::counting_waker();
    assert!(aio_testkit::wake::poll_with(&mut event.wait(), &waker).is_ready());
    event.clear();
    assert!(!event.is_set());
    assert!(aio_testkit::wake::poll_with(&mut event.wait(), &waker).is_pending());
}

// Ports the idea of test_locks.py's EventTests.test_clear_with_waiters: a waiter woken by set
// returns even if the event is cleared before it runs.
#[test]
fn a_waiter_woken_by_set_returns_even_if_cleared_before_it_ran() {
    let done = run(|| async {
        let event = Event::new();
        let e = event.clone();
        let waiter = spawn(async move { e.wait().await });
        settle().await;
        event.set();
        event.clear();
        settle().await;
        waiter.done()
    });
    assert!(done);
}
