//! Cancel-safety (DESIGN §10): a task is cancelled by dropping its future,
//! and a waiter dropped at the worst moment, after it was chosen and woken
//! but before it ran, must lose nothing and pass on what it was given.
//!
//! `handle.cancel()` drops the task's future when the loop reaches it, so
//! "woken, then cancelled before it ran" is: wake it (put, release,
//! notify), then `cancel()` in the same step, before yielding.

use std::cell::RefCell;
use std::rc::Rc;

use aio_executor::{spawn, yield_now};
use aio_queues::{Condition, Event, Lock, Queue, Semaphore};

use crate::support::{run, settle};

// The case of test_queues.py's test_get_cancel_drop_many_pending_readers
// (ported step by step in cpython_steps.rs).
#[test]
fn a_getter_cancelled_after_an_item_woke_it_passes_the_item_to_the_next_getter() {
    let (first, second, left) = run(|| async {
        let q = Queue::new(0);
        let (q1, q2) = (q.clone(), q.clone());
        let first = spawn(async move { q1.get().await.unwrap() });
        let second = spawn(async move { q2.get().await.unwrap() });
        settle().await;
        q.put_nowait("item").unwrap(); // wakes the first getter...
        first.cancel(); // ...which is dropped before it runs
        let got = second.await.unwrap();
        (first.await.is_err(), got, q.qsize())
    });
    assert!(first, "the first getter was cancelled");
    assert_eq!(second, "item", "the item went to the next getter");
    assert_eq!(left, 0);
}

#[test]
fn a_woken_getter_cancelled_with_nobody_else_waiting_leaves_the_item_queued() {
    let left = run(|| async {
        let q = Queue::new(0);
        let q1 = q.clone();
        let getter = spawn(async move { q1.get().await.unwrap() });
        settle().await;
        q.put_nowait(42).unwrap();
        getter.cancel();
        settle().await;
        q.get_nowait()
    });
    assert_eq!(left, Ok(42));
}

// The case of test_queues.py's test_put_cancel_drop, with a second putter
// waiting: the woken putter, cancelled, passes the free slot on.
#[test]
fn a_putter_cancelled_after_room_was_made_passes_the_room_to_the_next_putter() {
    let items = run(|| async {
        let q = Queue::new(1);
        q.put_nowait(0).unwrap();
        let (q1, q2) = (q.clone(), q.clone());
        let first = spawn(async move { q1.put(1).await.unwrap() });
        let second = spawn(async move { q2.put(2).await.unwrap() });
        settle().await;
        assert_eq!(q.get_nowait(), Ok(0)); // room: wakes the first putter
        first.cancel(); // dropped before it runs
        second.await.unwrap();
        let mut items = Vec::new();
        while let Ok(item) = q.get_nowait() {
            items.push(item);
        }
        items
    });
    assert_eq!(items, [2], "the cancelled put's item never went in");
}

// The case of test_locks.py's LockTests.test_finished_waiter_cancelled and
// test_cancel_release_race (both ported step by step in cpython_steps.rs).
#[test]
fn an_acquirer_cancelled_after_the_lock_was_handed_to_it_passes_the_lock_on() {
    let (order, locked_after) = run(|| async {
        let lock = Lock::new();
        let log = Rc::new(RefCell::new(Vec::new()));
        let held = lock.acquire().await;
        let tasks: Vec<_> = ["a", "b", "c"]
            .into_iter()
            .map(|name| {
                let (lock, log) = (lock.clone(), log.clone());
                spawn(async move {
                    let _g = lock.acquire().await;
                    log.borrow_mut().push(name);
                    yield_now().await;
                })
            })
            .collect();
        settle().await;
        drop(held); // wakes a
        tasks[0].cancel(); // a is dropped before it runs
        for t in tasks.into_iter().skip(1) {
            t.await.unwrap();
        }
        (log.take(), lock.locked())
    });
    assert_eq!(order, ["b", "c"]);
    assert!(!locked_after, "the lock is usable after the cancellation");
}

#[test]
fn a_cancelled_acquirer_that_was_not_woken_just_leaves_the_line() {
    let order = run(|| async {
        let lock = Lock::new();
        let log = Rc::new(RefCell::new(Vec::new()));
        let held = lock.acquire().await;
        let tasks: Vec<_> = ["a", "b", "c"]
            .into_iter()
            .map(|name| {
                let (lock, log) = (lock.clone(), log.clone());
                spawn(async move {
                    let _g = lock.acquire().await;
                    log.borrow_mut().push(name);
                })
            })
            .collect();
        settle().await;
        tasks[1].cancel();
        settle().await;
        drop(held);
        tasks[0].cancel(); // now a is woken, then cancelled too
        settle().await;
        log.take()
    });
    assert_eq!(order, ["c"]);
}

// The case of test_locks.py's SemaphoreTests.test_acquire_hang (ported step
// by step in cpython_steps.rs): the permit of a cancelled waiter is not lost.
#[test]
fn a_semaphore_waiter_cancelled_after_it_was_handed_a_permit_passes_it_on() {
    let (order, locked) = run(|| async {
        let sem = Semaphore::new(0);
        let log = Rc::new(RefCell::new(Vec::new()));
        let tasks: Vec<_> = ["a", "b"]
            .into_iter()
            .map(|name| {
                let (sem, log) = (sem.clone(), log.clone());
                spawn(async move {
                    let _permit = sem.acquire().await;
                    log.borrow_mut().push(name);
                })
            })
            .collect();
        settle().await;
        sem.release(); // the permit goes to a
        tasks[0].cancel(); // a is dropped with it
        settle().await;
        (log.take(), sem.locked())
    });
    assert_eq!(order, ["b"]);
    assert!(!locked, "b gave the permit back: one is free again");
}

/// CPython 3.13 (gh-112202) passes a notification on when the notified
/// task is cancelled before it runs; 3.11 loses it. We pass it on.
#[test]
fn a_notified_waiter_cancelled_before_it_ran_passes_the_notification_on() {
    let order = run(|| async {
        let cond = Condition::new();
        let log = Rc::new(RefCell::new(Vec::new()));
        let tasks: Vec<_> = ["a", "b"]
            .into_iter()
            .map(|name| {
                let (cond, log) = (cond.clone(), log.clone());
                spawn(async move {
                    let g = cond.acquire().await;
                    let _g = cond.wait(g).await;
                    log.borrow_mut().push(name);
                })
            })
            .collect();
        settle().await;
        {
            let _g = cond.acquire().await;
            cond.notify(1); // chooses a
            tasks[0].cancel(); // a is dropped before it runs
        }
        settle().await;
        log.take()
    });
    assert_eq!(order, ["b"]);
}

#[test]
fn a_waiter_cancelled_while_retaking_the_condition_lock_leaves_it_usable() {
    let (order, locked) = run(|| async {
        let cond = Condition::new();
        let log = Rc::new(RefCell::new(Vec::new()));
        let tasks: Vec<_> = ["a", "b"]
            .into_iter()
            .map(|name| {
                let (cond, log) = (cond.clone(), log.clone());
                spawn(async move {
                    let g = cond.acquire().await;
                    let _g = cond.wait(g).await;
                    log.borrow_mut().push(name);
                })
            })
            .collect();
        settle().await;
        let g = cond.acquire().await;
        cond.notify(1);
        settle().await; // a is notified and now waits for the lock we hold
        tasks[0].cancel();
        settle().await;
        drop(g);
        settle().await;
        (log.take(), cond.locked())
    });
    assert_eq!(order, ["b"], "the notification was passed on to b");
    assert!(!locked);
}

#[test]
fn a_cancelled_event_waiter_does_not_keep_the_others_from_waking() {
    let woken = run(|| async {
        let event = Event::new();
        let tasks: Vec<_> = (0..3)
            .map(|_| {
                let e = event.clone();
                spawn(async move { e.wait().await })
            })
            .collect();
        settle().await;
        event.set();
        tasks[1].cancel();
        let mut woken = 0;
        for (i, t) in tasks.into_iter().enumerate() {
            if i != 1 {
                t.await.unwrap();
                woken += 1;
            }
        }
        woken
    });
    assert_eq!(woken, 2);
}

#[test]
fn a_cancelled_joiner_does_not_disturb_the_others() {
    let joined = run(|| async {
        let q = Queue::new(0);
        q.put_nowait(()).unwrap();
        let (q1, q2) = (q.clone(), q.clone());
        let cancelled = spawn(async move { q1.join().await });
        let kept = spawn(async move { q2.join().await });
        settle().await;
        cancelled.cancel();
        settle().await;
        q.get_nowait().unwrap();
        q.task_done().unwrap();
        kept.await.is_ok()
    });
    assert!(joined);
}
