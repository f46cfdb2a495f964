//! `wait`: tasks in, `(done, pending)` out, nothing cancelled. Each test
//! names the CPython test (Lib/test/test_asyncio/test_tasks.py) it mirrors.

use std::cell::Cell;
use std::rc::Rc;

use aio_executor::{JoinHandle, spawn, yield_now};
use aio_gather::{ReturnWhen, wait};
use aio_timers::{now, sleep};

use crate::support::{ms, run_virtual, secs};

/// A task that sleeps `duration` and returns its name.
fn sleeper(name: &'static str, duration: std::time::Duration) -> JoinHandle<&'static str> {
    spawn(async move {
        sleep(duration).await;
        name
    })
}

/// The values of tasks that are done (awaiting them is immediate).
async fn values(done: Vec<JoinHandle<&'static str>>) -> Vec<&'static str> {
    let mut values = Vec::new();
    for task in done {
        values.push(task.await.unwrap());
    }
    values
}

// test_wait_first_completed: the first task to end comes back done, the
// other pending and still running.
#[test]
fn first_completed_returns_when_one_task_ends() {
    let (done, at, a_was_done, later, end) = run_virtual(|| async {
        let a = sleeper("a", secs(10));
        let b = sleeper("b", ms(100));
        let (done, pending) = wait([b, a], ReturnWhen::FirstCompleted, None).await;
        let at = now();
        let a_was_done = pending[0].done();
        let done = values(done).await;
        let later = values(pending).await; // still running: it finishes
        (done, at, a_was_done, later, now())
    });
    assert_eq!(done, ["b"]);
    assert_eq!(at, ms(100));
    assert!(!a_was_done);
    assert_eq!(later, ["a"]);
    assert_eq!(end, secs(10));
}

// test_wait_first_exception: a task that has already panicked makes the
// wait return at once.
#[test]
fn first_exception_returns_at_once_for_a_task_that_already_panicked() {
    let (done, pending, at) = run_virtual(|| async {
        let a = spawn(async {
            sleep(secs(10)).await;
        });
        let b = spawn(async { panic!("err") });
        yield_now().await; // b runs, and panics
        let (done, pending) = wait([b, a], ReturnWhen::FirstException, None).await;
        let done: Vec<_> = done.iter().map(|t| t.outcome()).collect();
        (done, pending.len(), now())
    });
    assert_eq!(done, [Some(aio_executor::trace::Outcome::Panicked)]);
    assert_eq!(pending, 1);
    assert_eq!(at, secs(0));
}

// test_wait_first_exception_in_wait: a panic during the wait.
#[test]
fn first_exception_returns_when_a_task_panics_during_the_wait() {
    let (done, pending, at) = run_virtual(|| async {
        let a = spawn(async {
            sleep(secs(10)).await;
        });
        let b = spawn(async {
            sleep(ms(10)).await;
            panic!("err");
        });
        let (done, pending) = wait([b, a], ReturnWhen::FirstException, None).await;
        (done.len(), pending.len(), now())
    });
    assert_eq!((done, pending), (1, 1));
    assert_eq!(at, ms(10));
}

// asyncio's _wait counts a cancelled task as done, not as an exception: so
// FIRST_EXCEPTION with no panic waits for every task.
#[test]
fn first_exception_does_not_count_a_cancellation() {
    let (done, at) = run_virtual(|| async {
        let a = sleeper("a", secs(1));
        let b = sleeper("b", secs(10));
        let b_ref = b.task_ref();
        spawn(async move {
            sleep(ms(500)).await;
            b_ref.cancel();
        })
        .await
        .unwrap();
        let (done, pending) = wait([a, b], ReturnWhen::FirstException, None).await;
        assert!(pending.is_empty());
        (done.len(), now())
    });
    assert_eq!(done, 2);
    assert_eq!(at, secs(1));
}

// test_wait and test_wait_with_exception: ALL_COMPLETED waits for every
// task, panicked ones included; ours lists `done` in finishing order.
#[test]
fn all_completed_waits_for_every_task_and_lists_them_in_finishing_order() {
    let (names, panicked, at) = run_virtual(|| async {
        let tasks = [
            sleeper("three", secs(3)),
            spawn(async {
                sleep(ms(1500)).await;
                panic!("really")
            }),
            sleeper("one", secs(1)),
        ];
        let (done, pending) = wait(tasks, ReturnWhen::AllCompleted, None).await;
        assert!(pending.is_empty());
        let mut names = Vec::new();
        let mut panicked = 0;
        for task in done {
            match task.await {
                Ok(name) => names.push(name),
                Err(error) => {
                    assert_eq!(error.panic_message(), Some("really"));
                    names.push("<panicked>");
                    panicked += 1;
                }
            }
        }
        (names, panicked, now())
    });
    assert_eq!(names, ["one", "<panicked>", "three"]);
    assert_eq!(panicked, 1);
    assert_eq!(at, secs(3));
}

// test_wait_with_timeout and test_wait_concurrent_complete: at the timeout
// the wait returns what it has; the pending task is not cancelled and
// finishes later.
#[test]
fn a_timeout_returns_what_is_done_and_cancels_nothing() {
    for timeout in [ms(110), ms(100)] {
        let (done, at, pending_cancelled, later) = run_virtual(move || async move {
            let a = sleeper("a", ms(100));
            let b = sleeper("b", ms(150));
            yield_now().await; // as in CPython's test: the tasks start first
            let (done, pending) = wait([b, a], ReturnWhen::AllCompleted, Some(timeout)).await;
            let at = now();
            let pending_cancelled = pending.iter().any(|t| t.cancelled());
            let later = values(pending).await;
            (values(done).await, at, pending_cancelled, later)
        });
        assert_eq!(done, ["a"], "timeout {timeout:?}");
        assert_eq!(at, timeout);
        assert!(!pending_cancelled);
        assert_eq!(later, ["b"]);
    }
}

// asyncio's _wait removes its done-callback from every task in its
// `finally`: a watchdog that waits on one long task with a timeout, again
// and again, leaves nothing behind on it.
#[test]
fn waits_that_time_out_leave_no_waker_behind_on_the_task() {
    let (left_behind, value) = run_virtual(|| async {
        let mut long = sleeper("long", secs(1));
        let mut left_behind = Vec::new();
        for _ in 0..100 {
            let (done, pending) = wait([long], ReturnWhen::FirstCompleted, Some(ms(1))).await;
            assert!(done.is_empty());
            long = pending.into_iter().next().expect("still pending");
            left_behind.push(long.task_ref().waiter_count());
        }
        (left_behind, long.await.unwrap())
    });
    assert_eq!(left_behind, vec![0; 100]);
    assert_eq!(value, "long");
}

// test_yield_wait_does_not_shield_cancel: cancelling the task that waits
// ends the wait, not the tasks it waited for.
#[test]
fn cancelling_the_waiter_leaves_the_tasks_running() {
    let finished = run_virtual(|| async {
        let finished = Rc::new(Cell::new(false));
        let f = finished.clone();
        let inner = spawn(async move {
            sleep(secs(1)).await;
            f.set(true);
        });
        let waiter = spawn(async move {
            wait([inner], ReturnWhen::AllCompleted, None).await;
        });
        yield_now().await;
        waiter.cancel();
        assert!(waiter.await.unwrap_err().is_cancelled());
        sleep(secs(2)).await;
        finished.get()
    });
    assert!(finished);
}

// test_wait_errors: asyncio raises ValueError for an empty set. Ours has
// nothing to wait for, and says so with two empty lists.
#[test]
fn waiting_for_no_tasks_returns_at_once() {
    let (done, pending) = run_virtual(|| async {
        let (done, pending) =
            wait(Vec::<JoinHandle<()>>::new(), ReturnWhen::AllCompleted, None).await;
        (done.len(), pending.len())
    });
    assert_eq!((done, pending), (0, 0));
}

// test_wait_really_done: a task that ended before the wait is looked at
// is done, whatever order the wait was given.
#[test]
fn tasks_already_ended_are_done_at_once() {
    let (done, at) = run_virtual(|| async {
        let a = sleeper("a", secs(0));
        let b = sleeper("b", secs(0));
        sleep(secs(1)).await;
        let (done, pending) = wait([b, a], ReturnWhen::FirstCompleted, None).await;
        assert!(pending.is_empty());
        (values(done).await, now())
    });
    assert_eq!(done, ["b", "a"], "already ended: in the order given");
    assert_eq!(at, secs(1));
}
