//! `as_completed`: the tasks, one at a time, in the order they end; an
//! overall timeout; nothing cancelled. Each test names the CPython test
//! (Lib/test/test_asyncio/test_tasks.py) it mirrors.

use std::time::Duration;

use aio_executor::{JoinHandle, spawn};
use aio_gather::as_completed;
use aio_timers::{Elapsed, now, sleep};

use crate::support::{ms, run_virtual, secs};

fn sleeper(name: &'static str, duration: Duration) -> JoinHandle<&'static str> {
    spawn(async move {
        sleep(duration).await;
        name
    })
}

// test_as_completed: results in the order the tasks end. (CPython only
// checks that a and b come before c; with our deterministic timers, equal
// deadlines fire in the order they were set, so b comes before a.)
#[test]
fn tasks_come_out_in_the_order_they_end() {
    let (order, at) = run_virtual(|| async {
        let tasks = [
            sleeper("b", ms(10)),
            sleeper("c", ms(150)),
            sleeper("a", ms(10)),
        ];
        let mut completed = as_completed(tasks, None);
        let mut order = Vec::new();
        while let Some(next) = completed.next().await {
            let task = next.expect("no timeout was set");
            assert!(task.done(), "handed out once it has ended");
            order.push(task.await.unwrap());
        }
        (order, now())
    });
    assert_eq!(order, ["b", "a", "c"]);
    assert_eq!(at, ms(150));
}

// test_as_completed_with_timeout: one result, then the timeout; the task
// still running is not cancelled.
#[test]
fn the_timeout_comes_once_then_none_and_cancels_nothing() {
    let (first, second, at, third, late) = run_virtual(|| async {
        let mut completed = as_completed(
            [sleeper("a", ms(100)), sleeper("b", ms(150))],
            Some(ms(120)),
        );
        let first = completed.next().await.unwrap().unwrap().await.unwrap();
        let second: Option<Result<_, Elapsed>> = completed.next().await;
        let second = second.map(|r| r.is_err());
        let at = now();
        let third = completed.next().await.is_none();
        let pending = completed.into_pending();
        assert!(!pending[0].cancelled());
        let mut late = Vec::new();
        for task in pending {
            late.push(task.await.unwrap());
        }
        (first, second, at, third, late)
    });
    assert_eq!(first, "a");
    assert_eq!(second, Some(true), "Err(Elapsed)");
    assert_eq!(at, ms(120));
    assert!(third, "then None");
    assert_eq!(late, ["b"], "b ran on and finished");
}

// test_as_completed_with_unused_timeout.
#[test]
fn a_timeout_that_does_not_pass_changes_nothing() {
    let (value, end) = run_virtual(|| async {
        let mut completed = as_completed([sleeper("a", ms(10))], Some(secs(1)));
        let value = completed.next().await.unwrap().unwrap().await.unwrap();
        assert!(completed.next().await.is_none());
        (value, now())
    });
    assert_eq!(value, "a");
    assert_eq!(end, ms(10), "nobody waited for the timeout");
}

// test_as_completed_resume_iterator: stop after two, go on later.
#[test]
fn the_iteration_can_stop_and_resume() {
    let collected = run_virtual(|| async {
        let tasks = (1..=4).map(|i| {
            spawn(async move {
                sleep(secs(i)).await;
                i
            })
        });
        let mut completed = as_completed(tasks, None);
        let mut collected = Vec::new();
        while let Some(task) = completed.next().await {
            collected.push(task.unwrap().await.unwrap());
            if collected.len() == 2 {
                break;
            }
        }
        assert_eq!(completed.remaining(), 2);
        while let Some(task) = completed.next().await {
            collected.push(task.unwrap().await.unwrap());
        }
        collected
    });
    assert_eq!(collected, [1, 2, 3, 4]);
}

// asyncio's as_completed never cancels: dropping ours leaves the tasks
// running.
#[test]
fn dropping_it_cancels_nothing() {
    let survivor = run_virtual(|| async {
        let task = sleeper("survivor", secs(2));
        let watch = task.task_ref();
        let mut completed = as_completed([task], Some(secs(1)));
        assert!(completed.next().await.unwrap().is_err());
        drop(completed);
        sleep(secs(2)).await;
        watch.outcome()
    });
    assert_eq!(survivor, Some(aio_executor::trace::Outcome::Returned));
}
