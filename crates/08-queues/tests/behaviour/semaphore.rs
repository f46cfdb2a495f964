//! `Semaphore` and `BoundedSemaphore`: at most N holders, FIFO, no
//! barging, and asyncio's over-release error.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use aio_executor::{spawn, yield_now};
use aio_queues::{BoundedSemaphore, ReleasedTooManyTimes, Semaphore};

use crate::support::{run, settle};

#[test]
fn at_most_value_holders_at_once() {
    let most = run(|| async {
        let sem = Semaphore::new(3);
        let (now, most) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(0)));
        let tasks: Vec<_> = (0..10)
            .map(|_| {
                let (sem, now, most) = (sem.clone(), now.clone(), most.clone());
                spawn(async move {
                    let _permit = sem.acquire().await;
                    now.set(now.get() + 1);
                    most.set(most.get().max(now.get()));
                    yield_now().await;
                    yield_now().await;
                    now.set(now.get() - 1);
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        most.get()
    });
    assert_eq!(most, 3);
}

// In the spirit of test_locks.py's SemaphoreTests.test_acquire_fifo_order.
#[test]
fn waiters_get_permits_in_the_order_they_asked() {
    let order = run(|| async {
        let sem = Semaphore::new(0);
        let log = Rc::new(RefCell::new(Vec::new()));
        let tasks: Vec<_> = (0..4)
            .map(|i| {
                let (sem, log) = (sem.clone(), log.clone());
                spawn(async move {
                    sem.acquire().await.forget();
                    log.borrow_mut().push(i);
                })
            })
            .collect();
        settle().await;
        for _ in 0..4 {
            sem.release();
            settle().await;
        }
        for t in tasks {
            t.await.unwrap();
        }
        log.take()
    });
    assert_eq!(order, [0, 1, 2, 3]);
}

/// CPython 3.11.7, checked with a script: two releases while one waiter
/// waits leave a permit free, yet `locked()` is true until the woken waiter
/// has run, and the releaser's own `acquire` queues behind it.
#[test]
fn a_spare_permit_does_not_let_a_newcomer_pass_a_woken_waiter() {
    let (order, locked) = run(|| async {
        let sem = Semaphore::new(0);
        let log = Rc::new(RefCell::new(Vec::new()));
        let (s2, l2) = (sem.clone(), log.clone());
        let waiter = spawn(async move {
            s2.acquire().await.forget();
            l2.borrow_mut().push("waiter");
        });
        settle().await;
        sem.release();
        sem.release();
        let locked = sem.locked();
        sem.acquire().await.forget();
        log.borrow_mut().push("releaser");
        waiter.await.unwrap();
        (log.take(), locked)
    });
    assert_eq!(order, ["waiter", "releaser"]);
    assert!(locked);
}

// Ports test_locks.py's SemaphoreTests.test_release_not_acquired (which is
// about a BoundedSemaphore).
#[test]
fn bounded_semaphore_refuses_a_release_over_its_initial_value() {
    let sem = BoundedSemaphore::new(2);
    assert_eq!(sem.release(), Err(ReleasedTooManyTimes));
    assert_eq!(
        ReleasedTooManyTimes.to_string(),
        "BoundedSemaphore released too many times"
    );
    let outcome = run(|| async {
        let sem = BoundedSemaphore::new(1);
        sem.acquire().await.forget();
        let first = sem.release();
        let second = sem.release();
        (first, second)
    });
    assert_eq!(outcome, (Ok(()), Err(ReleasedTooManyTimes)));
}

#[test]
fn a_plain_semaphore_may_be_released_above_its_initial_value() {
    let sem = Semaphore::new(1);
    sem.release();
    let (_, waker) = aio_testkit::wake::counting_waker();
    let mut a = sem.acquire();
    let mut b = sem.acquire();
    let ga = aio_testkit::wake::poll_with(&mut a, &waker);
    let gb = aio_testkit::wake::poll_with(&mut b, &waker);
    assert!(ga.is_ready() && gb.is_ready());
    assert!(sem.locked());
}

#[test]
#[should_panic(expected = "BoundedSemaphore released too many times")]
fn a_guard_dropped_after_a_manual_release_over_the_bound_panics() {
    let sem = BoundedSemaphore::new(1);
    let (_, waker) = aio_testkit::wake::counting_waker();
    let mut a = sem.acquire();
    let std::task::Poll::Ready(guard) = aio_testkit::wake::poll_with(&mut a, &waker) else {
        panic!("a free permit made acquire wait");
    };
    sem.release().unwrap(); // gives back the guard's permit by hand
    drop(guard); // and the guard gives it back again
}

#[test]
fn ten_one_second_jobs_three_at_a_time_take_four_seconds_of_virtual_time() {
    let took = crate::support::run_virtual(|| async {
        let sem = Semaphore::new(3);
        let tasks: Vec<_> = (0..10)
            .map(|_| {
                let sem = sem.clone();
                spawn(async move {
                    let _permit = sem.acquire().await;
                    aio_timers::sleep(std::time::Duration::from_secs(1)).await;
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        aio_timers::now()
    });
    assert_eq!(took, std::time::Duration::from_secs(4));
}
