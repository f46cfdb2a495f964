// Suite for exercise 7.1, gather_vec. Written once, run against the stub
// (`ex07-gather-wait`) and the solution (`sol07-gather-wait`) through a
// wrapper that names the code under test `subject`. Everything runs on the
// virtual clock under a one-hour guard, so a wrong answer fails instead of
// hanging.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use aio_timers::{Clock, now, sleep, timeout, timer_loop};
use subject::gather_vec;

/// Runs `main` on a virtual clock; fails if it has not finished after an
/// hour of virtual time (a gather that is never woken, say).
fn run<T: 'static>(main: impl Future<Output = T> + 'static) -> T {
    let event_loop = timer_loop(&Clock::new_virtual());
    event_loop
        .run_until_complete(timeout(Duration::from_secs(3600), main))
        .expect(
            "still waiting after an hour of virtual time: does every child's end wake the gather?",
        )
}

// Chapter 7's shared helpers: `secs`, `Event`, `Log`, `events_of`, `Watch`, `task`.
include!("support/common.rs");

type Child<T> = Pin<Box<dyn Future<Output = T>>>;

/// A child that sleeps `delay` seconds, then returns `value`.
fn child<T: 'static>(log: &Log, name: &'static str, delay: u64, value: T) -> Child<T> {
    let log = log.clone();
    Box::pin(async move {
        let watch = Watch::start(&log, name);
        sleep(secs(delay)).await;
        watch.end(Event::Finished);
        value
    })
}

/// A child that sleeps `delay` seconds, then panics with "`name` failed".
fn failing<T: 'static>(log: &Log, name: &'static str, delay: u64) -> Child<T> {
    let log = log.clone();
    Box::pin(async move {
        let watch = Watch::start(&log, name);
        sleep(secs(delay)).await;
        watch.end(Event::Failed);
        panic!("{name} failed")
    })
}

#[test]
fn results_come_in_argument_order_not_completion_order() {
    let log = Log::default();
    let l = log.clone();
    let results = run(async move {
        gather_vec(vec![
            child(&l, "slow", 3, "slow"),
            child(&l, "fast", 1, "fast"),
            child(&l, "middle", 2, "middle"),
        ])
        .await
    });
    assert_eq!(
        results.expect("no child failed, so the gather must give Ok"),
        ["slow", "fast", "middle"],
        "the results must come in argument order, not completion order \
         (asyncio's gather returns them in the order its arguments were given)"
    );
}

#[test]
fn children_run_at_once_so_the_gather_takes_the_longest_not_the_sum() {
    let log = Log::default();
    let l = log.clone();
    let (results, at) = run(async move {
        let results = gather_vec(vec![
            child(&l, "a", 3, 'a'),
            child(&l, "b", 1, 'b'),
            child(&l, "c", 2, 'c'),
        ])
        .await;
        (results, now())
    });
    assert_eq!(
        at,
        secs(3),
        "children of 3 s, 1 s and 2 s should take 3 s together (the longest), \
         not 6 s (the sum): the children must run at the same time, as tasks"
    );
    assert_eq!(
        results.unwrap(),
        ['a', 'b', 'c'],
        "the results must come in argument order"
    );
}

#[test]
fn children_start_when_gather_is_called_not_when_it_is_awaited() {
    let log = Log::default();
    let l = log.clone();
    let (results, at) = run(async move {
        let gather = gather_vec(vec![child(&l, "a", 2, 1), child(&l, "b", 2, 2)]);
        // The gather is not awaited for 2 s: its children run meanwhile.
        sleep(secs(2)).await;
        let results = gather.await;
        (results, now())
    });
    for name in ["a", "b"] {
        assert_eq!(
            events_of(&log, name).first(),
            Some(&(Event::Started, secs(0))),
            "child {name} should start at 0 s, when gather_vec is called (it spawns \
             the children), not when the gather is first awaited: {:?}",
            log.borrow()
        );
    }
    assert_eq!(
        results.unwrap(),
        [1, 2],
        "the results must come in argument order"
    );
    assert_eq!(
        at,
        secs(2),
        "the children were done when the gather was awaited, so it should answer at once"
    );
}

#[test]
fn a_failure_is_returned_at_once_not_after_the_slower_children() {
    let log = Log::default();
    let l = log.clone();
    let (result, at) = run(async move {
        let result = gather_vec(vec![
            child(&l, "slow", 5, 0),
            failing(&l, "doomed", 1),
            child(&l, "middle", 3, 2),
        ])
        .await;
        (result, now())
    });
    let error = result.expect_err("a child panicked, so the gather must give its JoinError");
    assert_eq!(
        error.panic_message(),
        Some("doomed failed"),
        "the error must be the failed child's own JoinError"
    );
    assert_eq!(
        at,
        secs(1),
        "a child that fails at 1 s must end the gather at 1 s, not wait for the other \
         children (asyncio's gather raises the first exception at once). Does poll \
         return Pending at the first child still running? It must look at every child \
         on each poll"
    );
}

#[test]
fn the_first_child_to_fail_is_the_one_reported() {
    let log = Log::default();
    let l = log.clone();
    let result = run(async move {
        gather_vec(vec![
            failing::<()>(&l, "late", 2),
            failing::<()>(&l, "early", 1),
        ])
        .await
    });
    assert_eq!(
        result.expect_err("both children panicked").panic_message(),
        Some("early failed"),
        "the failure to report is the first one in time, not the first in the list: \
         poll must look at every child on each poll, not stop at the first still running"
    );
}

#[test]
fn a_failure_does_not_cancel_the_other_children() {
    let log = Log::default();
    let l = log.clone();
    let result = run(async move {
        let result = gather_vec(vec![child(&l, "sibling", 3, 1), failing(&l, "doomed", 1)]).await;
        // The gather has returned and is gone; the sibling should still run.
        sleep(secs(10)).await;
        result
    });
    assert!(result.is_err(), "a child panicked, so the gather must fail");
    assert_eq!(
        events_of(&log, "sibling"),
        [(Event::Started, secs(0)), (Event::Finished, secs(3))],
        "after a failure the other children must run on to their end: asyncio's \
         gather does not cancel them. Was a sibling's handle polled while it ran, \
         then dropped with the gather? (A handle dropped mid-await cancels its task.)"
    );
}

#[test]
fn an_empty_gather_gives_an_empty_vec_at_once() {
    let (result, at) = run(async {
        let result = gather_vec(Vec::<Child<u8>>::new()).await;
        (result, now())
    });
    assert_eq!(
        result.unwrap(),
        Vec::<u8>::new(),
        "an empty gather must give Ok with an empty Vec"
    );
    assert_eq!(
        at,
        secs(0),
        "an empty gather has nothing to wait for: it must answer at once, at 0 s"
    );
}
