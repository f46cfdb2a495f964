// Suite for exercise 7.2, wait_first. Written once, run against the stub
// (`ex07-gather-wait`) and the solution (`sol07-gather-wait`) through a
// wrapper that names the code under test `subject`. Everything runs on the
// virtual clock under a one-hour guard, so a wrong answer fails instead of
// hanging.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use aio_executor::{JoinError, JoinHandle, spawn_named};
use aio_timers::{Clock, Elapsed, now, sleep, timeout, timer_loop};
use subject::wait_first;

/// Runs `main` on a virtual clock; fails if it has not finished after an
/// hour of virtual time (a wait that is never woken, say).
fn run<T: 'static>(main: impl Future<Output = T> + 'static) -> T {
    let event_loop = timer_loop(&Clock::new_virtual());
    event_loop
        .run_until_complete(timeout(Duration::from_secs(3600), main))
        .expect(
            "still waiting after an hour of virtual time: does the end of every task wake the \
             wait?",
        )
}

// Chapter 7's shared helpers: `secs`, `Event`, `Log`, `events_of`, `Watch`, `task`.
include!("support/common.rs");

fn names<T>(handles: &[JoinHandle<T>]) -> Vec<&str> {
    handles.iter().map(JoinHandle::name).collect()
}

/// Takes the result out of a handle whose task is done, with a message
/// that says what went wrong if the result is not there.
fn take_result<T>(handle: &mut JoinHandle<T>) -> Result<T, JoinError> {
    let polled = catch_unwind(AssertUnwindSafe(|| {
        Pin::new(&mut *handle).poll(&mut Context::from_waker(Waker::noop()))
    }));
    match polled {
        Ok(Poll::Ready(result)) => result,
        Ok(Poll::Pending) => panic!(
            "the task of {handle:?} has not ended, yet wait put it in done: done is only for \
             tasks that have ended"
        ),
        Err(_) => panic!(
            "the result of {handle:?}, in done, was gone: wait must leave each result in its \
             handle for the caller to take (it watches the tasks; it must not poll the handles \
             as an .await would)"
        ),
    }
}

#[test]
fn wait_returns_when_the_first_task_finishes() {
    let log = Log::default();
    let l = log.clone();
    let (done, pending, at) = run(async move {
        let handles = vec![
            task(&l, "slow", 3),
            task(&l, "fast", 1),
            task(&l, "middle", 2),
        ];
        let (done, pending) = wait_first(handles).await;
        let at = now();
        (names(&done).join(" "), names(&pending).join(" "), at)
    });
    assert_eq!(
        at,
        secs(1),
        "wait(FIRST_COMPLETED) should return when the first task finishes, at 1 s"
    );
    assert_eq!(done, "fast", "done should hold the task that finished");
    assert_eq!(
        pending, "slow middle",
        "pending should hold the others, in the order they were given"
    );
}

#[test]
fn every_task_that_has_ended_is_in_done() {
    let log = Log::default();
    let l = log.clone();
    let (done, pending) = run(async move {
        let handles = vec![task(&l, "a", 1), task(&l, "b", 5), task(&l, "c", 1)];
        let (done, pending) = wait_first(handles).await;
        (names(&done).join(" "), names(&pending).join(" "))
    });
    assert_eq!(
        done, "a c",
        "a and c both finished at 1 s: every task that has ended when wait returns belongs \
         in done (asyncio's done set), in the order given, not just the first one found"
    );
    assert_eq!(
        pending, "b",
        "b was still running when wait returned, so it belongs in pending"
    );
}

#[test]
fn the_results_stay_in_the_handles_for_the_caller() {
    let log = Log::default();
    let l = log.clone();
    let (first, rest) = run(async move {
        let handles = vec![task(&l, "slow", 3), task(&l, "fast", 1)];
        let (mut done, pending) = wait_first(handles).await;
        let first = take_result(&mut done[0]);
        // The pending handles are still ordinary handles: await them.
        let mut rest = Vec::new();
        for handle in pending {
            rest.push((handle.await, now()));
        }
        (first, rest)
    });
    assert_eq!(
        first.unwrap(),
        "fast",
        "the handle in done should be fast's, whose task finished first"
    );
    assert_eq!(
        rest.into_iter()
            .map(|(result, at)| (result.unwrap(), at))
            .collect::<Vec<_>>(),
        [("slow", secs(3))],
        "a handle from pending, awaited after the wait, should give its task's value"
    );
}

#[test]
fn a_failed_task_counts_as_done() {
    let log = Log::default();
    let l = log.clone();
    let (result, pending, at) = run(async move {
        let doomed = spawn_named("doomed", async {
            sleep(secs(1)).await;
            panic!("doomed failed")
        });
        let (mut done, pending) = wait_first(vec![doomed, task(&l, "slow", 5)]).await;
        let at = now();
        assert_eq!(
            names(&done),
            ["doomed"],
            "a task that panicked has ended: it is done"
        );
        (take_result(&mut done[0]), names(&pending).join(" "), at)
    });
    assert_eq!(
        at,
        secs(1),
        "wait must return when the first task ends, even by a panic, at 1 s"
    );
    assert_eq!(
        result.expect_err("the task panicked").panic_message(),
        Some("doomed failed"),
        "the handle in done must hold the failed task's own error, untouched"
    );
    assert_eq!(
        pending, "slow",
        "slow was still running when wait returned, so it belongs in pending"
    );
}

#[test]
fn a_task_already_done_makes_wait_return_at_once() {
    let log = Log::default();
    let l = log.clone();
    let (done, at) = run(async move {
        let handles = vec![task(&l, "early", 1), task(&l, "late", 5)];
        sleep(secs(2)).await;
        let (done, _pending) = wait_first(handles).await;
        let at = now();
        (names(&done).join(" "), at)
    });
    assert_eq!(
        done, "early",
        "a task that had already ended before the wait must make wait return at once, with it in \
         done"
    );
    assert_eq!(
        at,
        secs(2),
        "one task had ended before the wait began, so the wait should return at once"
    );
}

#[test]
fn the_pending_tasks_run_on_even_if_their_handles_are_dropped() {
    let log = Log::default();
    let l = log.clone();
    run(async move {
        let handles = vec![task(&l, "fast", 1), task(&l, "slow", 3)];
        let (done, pending) = wait_first(handles).await;
        // asyncio: a task nobody holds a reference to runs on. Dropping a
        // handle that is not being awaited leaves its task alone.
        drop(pending);
        drop(done);
        sleep(secs(10)).await;
    });
    assert_eq!(
        events_of(&log, "slow"),
        [(Event::Started, secs(0)), (Event::Finished, secs(3))],
        "wait must not cancel the tasks still pending: slow should run on to 3 s after its \
         handle was dropped. Was its handle left half-awaited (polled, Pending), so that \
         dropping it cancelled the task?"
    );
}

#[test]
fn a_wait_given_up_by_a_timeout_cancels_nothing() {
    let log = Log::default();
    let l = log.clone();
    let result = run(async move {
        let handles = vec![task(&l, "a", 5), task(&l, "b", 6)];
        // The timeout drops the wait at 2 s, and the handles with it.
        let result = timeout(secs(2), wait_first(handles)).await.map(|_| ());
        sleep(secs(10)).await;
        result
    });
    assert_eq!(
        result,
        Err(Elapsed),
        "the wait was still waiting at the 2 s timeout, so the timeout must give Err(Elapsed)"
    );
    for (name, end) in [("a", 5), ("b", 6)] {
        assert_eq!(
            events_of(&log, name),
            [(Event::Started, secs(0)), (Event::Finished, secs(end))],
            "a wait that is given up (a timeout dropped it at 2 s) must not cancel the tasks \
             it watched: asyncio's wait never cancels. Task {name} should still finish at \
             {end} s"
        );
    }
}
