// Suite for exercise 7.3, cancel_on_drop. Written once, run against the
// stub (`ex07-gather-wait`) and the solution (`sol07-gather-wait`) through
// a wrapper that names the code under test `subject`. Everything runs on
// the virtual clock under a one-hour guard, so a wrong answer fails instead
// of hanging.

use std::future::{Future, poll_fn};
use std::task::Poll;
use std::time::Duration;

use aio_executor::{JoinHandle, TaskRef, spawn, spawn_named};
use aio_timers::{Clock, Elapsed, now, sleep, timeout, timer_loop};
use subject::cancel_on_drop;

/// Runs `main` on a virtual clock; fails if it has not finished after an
/// hour of virtual time.
fn run<T: 'static>(main: impl Future<Output = T> + 'static) -> T {
    let event_loop = timer_loop(&Clock::new_virtual());
    event_loop
        .run_until_complete(timeout(Duration::from_secs(3600), main))
        .expect("still waiting after an hour of virtual time: is the gather ever polled?")
}

// Chapter 7's shared helpers: `secs`, `Event`, `Log`, `events_of`, `Watch`, `task`.
include!("support/common.rs");

/// Spawns a child named `name` that sleeps `delay` seconds.
fn child(log: &Log, name: &'static str, delay: u64) -> JoinHandle<()> {
    let log = log.clone();
    spawn_named(name, async move {
        let watch = Watch::start(&log, name);
        sleep(secs(delay)).await;
        watch.finish();
    })
}

fn refs(handles: &[JoinHandle<()>]) -> Vec<TaskRef> {
    handles.iter().map(JoinHandle::task_ref).collect()
}

/// The gather under the subject: waits until every child has ended, and
/// gives how many ended by cancellation. It watches without ever
/// cancelling a child itself, even when it is dropped.
fn all_done(children: Vec<TaskRef>) -> impl Future<Output = usize> {
    poll_fn(move |cx| {
        let mut running = false;
        for child in &children {
            running |= child.poll_done(cx).is_pending();
        }
        if running {
            Poll::Pending
        } else {
            Poll::Ready(children.iter().filter(|c| c.cancelled()).count())
        }
    })
}

#[test]
fn the_gathers_answer_passes_through() {
    let log = Log::default();
    let l = log.clone();
    let (answer, at) = run(async move {
        let children = refs(&[child(&l, "a", 1), child(&l, "b", 2)]);
        let answer = cancel_on_drop(all_done(children.clone()), children).await;
        (answer, now())
    });
    assert_eq!(answer, 0, "no child was cancelled");
    assert_eq!(
        at,
        secs(2),
        "the gather should end when its last child does"
    );
}

#[test]
fn dropping_an_unfinished_gather_cancels_its_children_at_once() {
    let log = Log::default();
    let l = log.clone();
    let (result, cancelled) = run(async move {
        let handles = vec![
            child(&l, "quick", 1),
            child(&l, "slow", 5),
            child(&l, "slower", 6),
        ];
        let children = refs(&handles);
        // The timeout gives up at 2 s and drops the gather.
        let gather = cancel_on_drop(all_done(children.clone()), children);
        let result = timeout(secs(2), gather).await;
        sleep(secs(10)).await;
        let cancelled: Vec<bool> = handles.iter().map(JoinHandle::cancelled).collect();
        (result, cancelled)
    });
    assert_eq!(
        result,
        Err(Elapsed),
        "the gather was still running at the 2 s timeout, so the timeout must give Err(Elapsed)"
    );
    assert_eq!(
        events_of(&log, "quick"),
        [(Event::Started, secs(0)), (Event::Finished, secs(1))],
        "quick finished at 1 s, before the gather was dropped"
    );
    for name in ["slow", "slower"] {
        assert_eq!(
            events_of(&log, name),
            [(Event::Started, secs(0)), (Event::Cancelled, secs(2))],
            "dropping an unfinished gather must cancel the children still running, right \
             then (asyncio: cancelling a gather cancels its children); {name} should be \
             cancelled at 2 s, when the timeout dropped the gather"
        );
    }
    assert_eq!(
        cancelled,
        [false, true, true],
        "only the children still running when the gather was dropped may be cancelled: the one \
         that had finished must not be"
    );
}

#[test]
fn cancelling_the_task_that_awaits_a_gather_cancels_the_children() {
    let log = Log::default();
    let l = log.clone();
    let awaited = run(async move {
        let children = refs(&[child(&l, "a", 5), child(&l, "b", 5)]);
        let awaiter = spawn(cancel_on_drop(all_done(children.clone()), children));
        sleep(secs(1)).await;
        awaiter.cancel();
        let awaited = awaiter.await;
        sleep(secs(10)).await;
        awaited
    });
    assert!(
        awaited.unwrap_err().is_cancelled(),
        "cancelling the task that awaited the gather must end it as cancelled"
    );
    for name in ["a", "b"] {
        assert_eq!(
            events_of(&log, name),
            [(Event::Started, secs(0)), (Event::Cancelled, secs(1))],
            "the task awaiting the gather was cancelled at 1 s, which drops the gather: \
             child {name} should be cancelled with it (asyncio cancels a gather's children \
             when the task awaiting it is cancelled)"
        );
    }
}

#[test]
fn a_gather_dropped_before_it_was_ever_polled_still_cancels() {
    let log = Log::default();
    let l = log.clone();
    run(async move {
        let children = refs(&[child(&l, "a", 5)]);
        let gather = cancel_on_drop(all_done(children.clone()), children);
        sleep(secs(1)).await;
        drop(gather);
        sleep(secs(10)).await;
    });
    assert_eq!(
        events_of(&log, "a"),
        [(Event::Started, secs(0)), (Event::Cancelled, secs(1))],
        "a gather dropped at 1 s, before anyone awaited it, has not finished: its children \
         must be cancelled (asyncio: gather(...).cancel() cancels them too)"
    );
}

#[test]
fn a_gather_that_returned_cancels_nothing_when_dropped() {
    let log = Log::default();
    let l = log.clone();
    let answer = run(async move {
        let doomed: JoinHandle<()> = spawn_named("doomed", async {
            sleep(secs(1)).await;
            panic!("doomed failed")
        });
        let sibling = child(&l, "sibling", 3);
        let children = vec![doomed.task_ref(), sibling.task_ref()];
        // The doomed child's own handle stands for a gather that gives the
        // first failure at once, as asyncio's does, while the sibling runs.
        let answer = cancel_on_drop(doomed, children).await;
        // The gather has returned, and is dropped here.
        sleep(secs(10)).await;
        answer
    });
    assert_eq!(
        answer.expect_err("the child panicked").panic_message(),
        Some("doomed failed"),
        "the answer must be the failed child's own error"
    );
    assert_eq!(
        events_of(&log, "sibling"),
        [(Event::Started, secs(0)), (Event::Finished, secs(3))],
        "a gather that has returned (here with the first failure, at 1 s) must leave the \
         children still running alone when it is dropped: asyncio's gather, once done, \
         cancels nothing. The sibling should finish at 3 s"
    );
}
