//! `Barrier` (asyncio 3.11): arrival indexes, rounds, abort and reset.

use aio_executor::spawn;
use aio_queues::{Barrier, BrokenBarrierError};

use crate::support::{run, settle};

// Ports the idea of test_locks.py's BarrierTests.test_filling_task_by_task.
#[test]
fn the_last_arrival_releases_everyone_with_their_arrival_index() {
    let results = run(|| async {
        let barrier = Barrier::new(3);
        let tasks: Vec<_> = (0..3)
            .map(|_| {
                let b = barrier.clone();
                spawn(async move { b.wait().await })
            })
            .collect();
        settle().await;
        let mut results = Vec::new();
        for t in tasks {
            results.push(t.await.unwrap());
        }
        results
    });
    assert_eq!(results, [Ok(0), Ok(1), Ok(2)]);
}

#[test]
fn n_waiting_counts_the_arrivals_until_the_trip() {
    let seen = run(|| async {
        let barrier = Barrier::new(3);
        let mut seen = vec![barrier.n_waiting()];
        let mut tasks = Vec::new();
        for _ in 0..2 {
            let b = barrier.clone();
            tasks.push(spawn(async move { b.wait().await }));
            settle().await;
            seen.push(barrier.n_waiting());
        }
        assert_eq!(barrier.wait().await, Ok(2));
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        seen.push(barrier.n_waiting());
        seen
    });
    assert_eq!(seen, [0, 1, 2, 0]);
}

// Ports the idea of test_locks.py's BarrierTests.test_filling_tasks_wait_twice.
#[test]
fn the_barrier_can_be_used_round_after_round() {
    let rounds = run(|| async {
        let barrier = Barrier::new(2);
        let b = barrier.clone();
        let other = spawn(async move {
            let mut out = Vec::new();
            for _ in 0..3 {
                out.push(b.wait().await.unwrap());
            }
            out
        });
        let mut mine = Vec::new();
        for _ in 0..3 {
            mine.push(barrier.wait().await.unwrap());
        }
        (mine, other.await.unwrap())
    });
    assert_eq!(rounds.0.len(), 3);
    for (a, b) in rounds.0.iter().zip(&rounds.1) {
        assert_eq!(a + b, 1, "one of each pair is 0, the other 1");
    }
}

// Ports the idea of test_locks.py's BarrierTests.test_abort_barrier.
#[test]
fn abort_fails_the_waiters_and_every_later_wait() {
    let (waiting, later, broken) = run(|| async {
        let barrier = Barrier::new(3);
        let b = barrier.clone();
        let waiter = spawn(async move { b.wait().await });
        settle().await;
        barrier.abort();
        (
            waiter.await.unwrap(),
            barrier.wait().await,
            barrier.broken(),
        )
    });
    assert_eq!(waiting, Err(BrokenBarrierError));
    assert_eq!(later, Err(BrokenBarrierError));
    assert!(broken);
}

// Ports the idea of test_locks.py's BarrierTests.test_reset_barrier_while_tasks_waiting.
#[test]
fn reset_fails_the_current_waiters_and_the_barrier_works_again() {
    let (waiting, after) = run(|| async {
        let barrier = Barrier::new(2);
        let b = barrier.clone();
        let waiter = spawn(async move { b.wait().await });
        settle().await;
        barrier.reset();
        let waiting = waiter.await.unwrap();
        let b = barrier.clone();
        let partner = spawn(async move { b.wait().await });
        let mine = barrier.wait().await; // arrives before the partner runs
        assert_eq!(partner.await.unwrap(), Ok(1));
        (waiting, mine)
    });
    assert_eq!(waiting, Err(BrokenBarrierError));
    assert_eq!(after, Ok(0));
}

#[test]
fn reset_mends_a_broken_barrier() {
    let barrier = Barrier::new(1);
    barrier.abort();
    assert!(barrier.broken());
    barrier.reset();
    assert!(!barrier.broken());
    assert_eq!(barrier.parties(), 1);
}

// Ports test_locks.py's BarrierTests.test_barrier_parties.
#[test]
#[should_panic(expected = "parties must be > 0")]
fn a_barrier_for_nobody_is_refused() {
    let _ = Barrier::new(0);
}

// The case of test_locks.py's BarrierTests.test_filling_tasks_cancel_one.
#[test]
fn a_cancelled_waiter_leaves_and_the_barrier_needs_one_more_arrival() {
    let results = run(|| async {
        let barrier = Barrier::new(2);
        let b = barrier.clone();
        let cancelled = spawn(async move { b.wait().await });
        settle().await;
        assert_eq!(barrier.n_waiting(), 1);
        cancelled.cancel();
        settle().await;
        assert_eq!(barrier.n_waiting(), 0);
        let b = barrier.clone();
        let spawned = spawn(async move { b.wait().await });
        // `spawn` schedules: main arrives first (index 0), the task second.
        let mine = barrier.wait().await;
        (mine, spawned.await.unwrap())
    });
    assert_eq!(results, (Ok(0), Ok(1)));
}
