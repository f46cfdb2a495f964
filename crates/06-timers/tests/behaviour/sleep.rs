//! `sleep` waits without holding the loop, and ends exactly on time on the
//! virtual clock.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use aio_executor::{spawn, yield_now};
use aio_timers::{Clock, now, sleep, sleep_until, timer_loop};

const SECOND: Duration = Duration::from_secs(1);

#[test]
fn a_sleep_ends_exactly_at_its_deadline_on_the_virtual_clock() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let woke_at = event_loop.run_until_complete(async {
        sleep(Duration::from_millis(1500)).await;
        now()
    });
    assert_eq!(woke_at, Duration::from_millis(1500));
}

#[test]
fn sleeps_in_different_tasks_overlap() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let ends = event_loop.run_until_complete(async {
        let tasks: Vec<_> = [3, 1, 2]
            .into_iter()
            .map(|secs| {
                spawn(async move {
                    sleep(secs * SECOND).await;
                    now()
                })
            })
            .collect();
        let mut ends = Vec::new();
        for task in tasks {
            ends.push(task.await.unwrap());
        }
        (ends, now())
    });
    assert_eq!(ends.0, [3 * SECOND, SECOND, 2 * SECOND]);
    assert_eq!(ends.1, 3 * SECOND, "the longest sleep, not the sum");
}

#[test]
fn sleeps_awaited_one_after_another_add_up() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let end = event_loop.run_until_complete(async {
        for secs in [3, 1, 2] {
            sleep(secs * SECOND).await;
        }
        now()
    });
    assert_eq!(end, 6 * SECOND);
}

#[test]
fn sleep_until_waits_for_a_time_on_the_clock() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let end = event_loop.run_until_complete(async {
        sleep(SECOND).await;
        sleep_until(5 * SECOND).await;
        // A deadline in the past still ends, after one turn.
        sleep_until(2 * SECOND).await;
        now()
    });
    assert_eq!(end, 5 * SECOND);
}

#[test]
fn sleep_zero_lets_the_other_ready_tasks_run_first() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let event_loop = timer_loop(&Clock::new_virtual());
    let l = log.clone();
    event_loop.run_until_complete(async move {
        let other = {
            let l = l.clone();
            spawn(async move {
                l.borrow_mut().push("other runs");
                yield_now().await;
                l.borrow_mut().push("other runs again");
            })
        };
        l.borrow_mut().push("main sleeps 0");
        sleep(Duration::ZERO).await;
        l.borrow_mut().push("main is back");
        other.await.unwrap();
    });
    assert_eq!(
        *log.borrow(),
        [
            "main sleeps 0",
            "other runs",
            "main is back",
            "other runs again"
        ]
    );
}

#[test]
fn the_deadline_counts_from_the_first_poll_like_asyncio() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let end = event_loop.run_until_complete(async {
        let made_early = sleep(SECOND);
        sleep(2 * SECOND).await;
        made_early.await; // starts now, at 2 s
        now()
    });
    assert_eq!(end, 3 * SECOND);
}

#[test]
fn a_real_clock_sleep_takes_at_least_its_duration() {
    let event_loop = timer_loop(&Clock::real());
    let slept = event_loop.run_until_complete(async {
        let start = now();
        sleep(Duration::from_millis(30)).await;
        now() - start
    });
    // A lower bound only: a busy machine may wake us late, never early.
    assert!(slept >= Duration::from_millis(30), "{slept:?}");
}

#[test]
fn run_is_asyncio_run_with_timers_on_the_real_clock() {
    let slept = aio_timers::run(async {
        let start = now();
        sleep(Duration::from_millis(10)).await;
        now() - start
    });
    assert!(slept >= Duration::from_millis(10), "{slept:?}");
}

#[test]
#[should_panic(expected = "no running event loop")]
fn sleeping_outside_a_loop_fails_like_asyncio() {
    let mut sleep = std::pin::pin!(sleep(SECOND));
    let waker = std::task::Waker::noop();
    let _ = sleep
        .as_mut()
        .poll(&mut std::task::Context::from_waker(waker));
}

#[test]
#[should_panic(expected = "driver has none")]
fn sleeping_on_a_loop_without_timers_says_so() {
    aio_executor::run(sleep(SECOND));
}

use std::future::Future as _;
