//! `Condition`: wait with the lock released, notify, take the lock back.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use aio_executor::spawn;
use aio_queues::{Condition, Lock};

use crate::support::{run, settle};

// Ports test_locks.py's ConditionTests.test_notify / test_notify_all.
#[test]
fn notify_wakes_waiters_one_at_a_time_oldest_first_and_notify_all_the_rest() {
    let log = run(|| async {
        let cond = Condition::new();
        let log = Rc::new(RefCell::new(Vec::new()));
        let tasks: Vec<_> = (0..4)
            .map(|i| {
                let (cond, log) = (cond.clone(), log.clone());
                spawn(async move {
                    let guard = cond.acquire().await;
                    let guard = cond.wait(guard).await;
                    assert!(cond.locked(), "wait returns with the lock held");
                    log.borrow_mut().push(format!("woke {i}"));
                    drop(guard);
                })
            })
            .collect();
        settle().await;
        {
            let _g = cond.acquire().await;
            cond.notify(1);
        }
        settle().await;
        log.borrow_mut().push("--".into());
        {
            let _g = cond.acquire().await;
            cond.notify_all();
        }
        for t in tasks {
            t.await.unwrap();
        }
        log.take()
    });
    assert_eq!(log, ["woke 0", "--", "woke 1", "woke 2", "woke 3"]);
}

// Ports the idea of test_locks.py's ConditionTests.test_wait_for.
#[test]
fn wait_for_returns_once_the_predicate_holds() {
    let seen = run(|| async {
        let cond = Condition::new();
        let value = Rc::new(Cell::new(0));
        let (c, v) = (cond.clone(), value.clone());
        let waiter = spawn(async move {
            let guard = c.acquire().await;
            let _guard = c.wait_for(guard, || v.get() >= 3).await;
            v.get()
        });
        for n in 1..=3 {
            settle().await;
            let _g = cond.acquire().await;
            value.set(n);
            cond.notify_all();
        }
        waiter.await.unwrap()
    });
    assert_eq!(seen, 3);
}

#[test]
fn wait_releases_the_lock_while_waiting() {
    let locked_while_waiting = run(|| async {
        let cond = Condition::with_lock(Lock::new());
        let c = cond.clone();
        let waiter = spawn(async move {
            let g = c.acquire().await;
            drop(c.wait(g).await);
        });
        settle().await;
        let locked = cond.locked();
        let _g = cond.acquire().await;
        cond.notify(1);
        drop(_g);
        waiter.await.unwrap();
        locked
    });
    assert!(!locked_while_waiting);
}

// Ports test_locks.py's ConditionTests.test_notify_unacquired.
#[test]
#[should_panic(expected = "cannot notify on un-acquired lock")]
fn notify_without_the_lock_panics_like_cpythons_runtime_error() {
    Condition::new().notify(1);
}

#[test]
#[should_panic(expected = "guard of another lock")]
fn waiting_with_another_locks_guard_panics() {
    run(|| async {
        let cond = Condition::new();
        let other = Lock::new();
        let g = other.acquire().await;
        drop(cond.wait(g).await);
    });
}
