// Suite for exercise 7.4, as_completed. Written once, run against the stub
// (`ex07-gather-wait`) and the solution (`sol07-gather-wait`) through a
// wrapper that names the code under test `subject`. Everything runs on the
// virtual clock under a one-hour guard, so a wrong answer fails instead of
// hanging.

use std::future::Future;
use std::time::Duration;

use aio_executor::{JoinHandle, spawn_named};
use aio_timers::{Clock, now, sleep, timeout, timer_loop};
use subject::as_completed;

/// Runs `main` on a virtual clock; fails if it has not finished after an
/// hour of virtual time (a `next()` that is never woken, say).
fn run<T: 'static>(main: impl Future<Output = T> + 'static) -> T {
    let event_loop = timer_loop(&Clock::new_virtual());
    event_loop
        .run_until_complete(timeout(Duration::from_secs(3600), main))
        .expect(
            "still waiting after an hour of virtual time: does the end of a task wake the \
             task waiting in next()? Does next() give None once every result is out?",
        )
}

// Chapter 7's shared helpers: `secs`, `Event`, `Log`, `events_of`, `Watch`, `task`.
include!("support/common.rs");

/// Takes every result, noting the time each came out.
async fn drain(handles: Vec<JoinHandle<&'static str>>) -> Vec<(&'static str, Duration)> {
    let mut results = as_completed(handles);
    let mut out = Vec::new();
    // Bounded: a next() that never says None must not loop forever.
    for _ in 0..10 {
        match results.next().await {
            Some(result) => out.push((result.expect("no task failed"), now())),
            None => return out,
        }
    }
    panic!("next() gave more results than there are tasks: {out:?}")
}

#[test]
fn results_come_as_the_tasks_finish_not_in_the_order_given() {
    let log = Log::default();
    let l = log.clone();
    let results = run(async move {
        drain(vec![
            task(&l, "slow", 3),
            task(&l, "fast", 1),
            task(&l, "middle", 2),
        ])
        .await
    });
    assert_eq!(
        results,
        [("fast", secs(1)), ("middle", secs(2)), ("slow", secs(3))],
        "as_completed gives each result as soon as its task finishes: fast at 1 s, middle \
         at 2 s, slow at 3 s, not the first in the list first"
    );
}

#[test]
fn tasks_that_finished_while_nobody_asked_come_in_the_order_they_finished() {
    let log = Log::default();
    let l = log.clone();
    let results = run(async move {
        let handles = vec![task(&l, "a", 3), task(&l, "b", 1), task(&l, "c", 2)];
        let mut results = as_completed(handles);
        // Nobody asks for 5 s: by then all three have finished.
        sleep(secs(5)).await;
        let mut names = Vec::new();
        for _ in 0..3 {
            match results.next().await {
                Some(result) => names.push(result.unwrap()),
                None => break,
            }
        }
        names
    });
    assert_eq!(
        results,
        ["b", "c", "a"],
        "all three had finished when next() was first called, but in an order: b (1 s), \
         c (2 s), a (3 s). asyncio's done-callbacks note that order as it happens; the \
         DoneCallback wakers must note it too, not next() scanning the list"
    );
}

#[test]
fn tasks_done_before_the_call_come_first_in_the_order_given() {
    let log = Log::default();
    let l = log.clone();
    let results = run(async move {
        let slow = task(&l, "slow", 5);
        let x = task(&l, "x", 1);
        let y = task(&l, "y", 1);
        sleep(secs(2)).await;
        timeout(secs(60), drain(vec![slow, x, y])).await.expect(
            "as_completed never gave the results of x and y, which had already ended \
                 when it was called: a task that has ended never wakes a callback left with \
                 it afterwards, so as_completed must note such a task at once (its \
                 poll_done is Ready)",
        )
    });
    assert_eq!(
        results,
        [("x", secs(2)), ("y", secs(2)), ("slow", secs(5))],
        "x and y had finished before as_completed was called: they come out at once, in \
         the order given, then slow at 5 s"
    );
}

#[test]
fn a_failure_comes_out_in_its_turn_and_the_rest_follow() {
    let log = Log::default();
    let l = log.clone();
    let (failure, rest) = run(async move {
        let doomed: JoinHandle<&'static str> = spawn_named("doomed", async {
            sleep(secs(1)).await;
            panic!("doomed failed")
        });
        let mut results = as_completed(vec![task(&l, "ok", 2), doomed]);
        let failure = results.next().await;
        let rest = results.next().await;
        let end = results.next().await;
        assert!(
            end.is_none(),
            "after two results out of two, next() must give None"
        );
        (failure, rest)
    });
    let failure = failure.expect("two tasks, so a first result");
    assert_eq!(
        failure
            .expect_err("doomed panicked at 1 s, before ok finished")
            .panic_message(),
        Some("doomed failed"),
        "the first result must be the failure of doomed, which ended first at 1 s: results come in \
         completion order"
    );
    assert_eq!(
        rest.expect("two tasks, so a second result").unwrap(),
        "ok",
        "a failure is one result among the others: the next one still comes"
    );
}

#[test]
fn giving_up_half_way_cancels_nothing() {
    let log = Log::default();
    let l = log.clone();
    let first = run(async move {
        let mut results = as_completed(vec![task(&l, "fast", 1), task(&l, "slow", 3)]);
        let first = results.next().await;
        // Give up after the first result; slow should run on.
        drop(results);
        sleep(secs(10)).await;
        first.map(Result::unwrap)
    });
    assert_eq!(
        first,
        Some("fast"),
        "the first result must be fast's, the first task to finish"
    );
    assert_eq!(
        events_of(&log, "slow"),
        [(Event::Started, secs(0)), (Event::Finished, secs(3))],
        "dropping as_completed half-way must not cancel the tasks still running (asyncio's \
         as_completed never cancels them): slow should finish at 3 s. Was its handle polled \
         while it ran, then dropped?"
    );
}

#[test]
fn no_tasks_no_results() {
    let result = run(async {
        let mut results = as_completed(Vec::<JoinHandle<()>>::new());
        results.next().await.map(|_| ())
    });
    assert_eq!(result, None, "with no tasks, next() gives None at once");
}
