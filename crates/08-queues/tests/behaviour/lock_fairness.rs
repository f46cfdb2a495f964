//! `Lock`: one holder at a time, waiters served first come first served,
//! and no barging, as in CPython 3.11.

use std::cell::RefCell;
use std::rc::Rc;

use aio_executor::{spawn, yield_now};
use aio_queues::Lock;

use crate::support::{run, settle};

type Log = Rc<RefCell<Vec<String>>>;

// Ports the idea of test_locks.py's LockTests.test_acquire (step by step in
// cpython_steps.rs): waiters get the lock in order.
#[test]
fn waiters_get_the_lock_in_the_order_they_asked() {
    let order = run(|| async {
        let lock = Lock::new();
        let log: Log = Rc::default();
        let held = lock.acquire().await;
        let tasks: Vec<_> = (0..4)
            .map(|i| {
                let (lock, log) = (lock.clone(), log.clone());
                spawn(async move {
                    let _g = lock.acquire().await;
                    log.borrow_mut().push(format!("t{i}"));
                    yield_now().await;
                })
            })
            .collect();
        settle().await;
        drop(held);
        for t in tasks {
            t.await.unwrap();
        }
        log.take()
    });
    assert_eq!(order, ["t0", "t1", "t2", "t3"]);
}

/// CPython 3.11.7, checked with a script: after `release()` woke a waiter,
/// the releasing task's own `await lock.acquire()` does not take the free
/// lock; it queues, and the woken waiter goes first. Meanwhile `locked()`
/// says `False`.
#[test]
fn a_newcomer_does_not_barge_past_a_woken_waiter_as_in_cpython_3_11() {
    let (order, locked_in_window) = run(|| async {
        let lock = Lock::new();
        let log: Log = Rc::default();
        let held = lock.acquire().await;
        let (l2, log2) = (lock.clone(), log.clone());
        let waiter = spawn(async move {
            let _g = l2.acquire().await;
            log2.borrow_mut().push("waiter".into());
            yield_now().await;
        });
        settle().await;
        held.release(); // wakes the waiter, which has not run yet
        let locked_in_window = lock.locked();
        let _again = lock.acquire().await; // queues behind it
        log.borrow_mut().push("releaser".into());
        drop(_again);
        waiter.await.unwrap();
        (log.take(), locked_in_window)
    });
    assert_eq!(order, ["waiter", "releaser"]);
    assert!(!locked_in_window);
}

#[test]
fn a_free_lock_with_nobody_waiting_is_taken_at_once() {
    let lock = Lock::new();
    let (counter, waker) = aio_testkit::wake::counting_waker();
    let mut acquire = lock.acquire();
    let guard = match aio_testkit::wake::poll_with(&mut acquire, &waker) {
        std::task::Poll::Ready(guard) => guard,
        std::task::Poll::Pending => panic!("a free lock made acquire wait"),
    };
    assert!(lock.locked());
    drop(guard);
    assert!(!lock.locked());
    assert_eq!(counter.wakes(), 0);
}

// Ports test_locks.py's test_release_not_acquired.
#[test]
#[should_panic(expected = "Lock is not acquired.")]
fn releasing_an_unlocked_lock_panics_like_cpythons_runtime_error() {
    Lock::new().release();
}

#[test]
fn a_forgotten_guard_leaves_the_lock_held_for_another_task_to_release() {
    let locked = run(|| async {
        let lock = Lock::new();
        lock.acquire().await.forget();
        assert!(lock.locked());
        let l2 = lock.clone();
        spawn(async move { l2.release() }).await.unwrap();
        lock.locked()
    });
    assert!(!locked);
}

#[test]
fn the_lock_keeps_a_read_modify_write_whole_across_awaits() {
    let count = run(|| async {
        let lock = Lock::new();
        let counter = Rc::new(std::cell::Cell::new(0));
        let tasks: Vec<_> = (0..10)
            .map(|_| {
                let (lock, counter) = (lock.clone(), counter.clone());
                spawn(async move {
                    let _g = lock.acquire().await;
                    let seen = counter.get();
                    yield_now().await;
                    counter.set(seen + 1);
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        counter.get()
    });
    assert_eq!(count, 10);
}
