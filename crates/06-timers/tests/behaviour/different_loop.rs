//! A sleep belongs to the loop that first polled it: awaited on another
//! loop it would wait for ever, since only its own loop's timers can wake
//! it. It fails loudly instead, like asyncio's "attached to a different
//! loop".

// Handing a started sleep out of a loop, not awaited, is the point here.
#![allow(clippy::async_yields_async)]

use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::task::Poll;
use std::time::Duration;

use aio_timers::{Clock, Sleep, now, sleep, timeout, timer_loop};

const SECOND: Duration = Duration::from_secs(1);

/// A sleep of `duration` that loop A has polled once (so its timer is set
/// in A's queue), handed out of A.
fn started_on_a_loop(duration: Duration) -> Sleep {
    timer_loop(&Clock::new_virtual()).run_until_complete(async move {
        let mut started = sleep(duration);
        poll_fn(|cx| {
            assert!(Pin::new(&mut started).poll(cx).is_pending());
            Poll::Ready(())
        })
        .await;
        started
    })
}

#[test]
#[should_panic(expected = "attached to a different loop")]
fn a_sleep_started_on_one_loop_and_awaited_on_another_panics() {
    let started = started_on_a_loop(SECOND);
    // Without the check, loop B would never be woken by A's timer: the
    // hour-long guard would elapse instead.
    let result = timer_loop(&Clock::new_virtual())
        .run_until_complete(async move { timeout(3600 * SECOND, started).await });
    panic!("no panic; the guard gave {result:?}");
}

#[test]
#[should_panic(expected = "attached to a different loop")]
fn a_timeout_started_on_one_loop_and_awaited_on_another_panics() {
    let started = timer_loop(&Clock::new_virtual()).run_until_complete(async {
        let mut started = Box::pin(timeout(SECOND, std::future::pending::<()>()));
        poll_fn(|cx| {
            assert!(started.as_mut().poll(cx).is_pending());
            Poll::Ready(())
        })
        .await;
        started
    });
    let result = timer_loop(&Clock::new_virtual())
        .run_until_complete(async move { timeout(3600 * SECOND, started).await });
    panic!("no panic; the guard gave {result:?}");
}

#[test]
fn a_sleep_started_on_a_loop_can_be_finished_on_the_same_loop_later() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let started = event_loop.run_until_complete(async {
        let mut started = sleep(SECOND);
        poll_fn(|cx| {
            assert!(Pin::new(&mut started).poll(cx).is_pending());
            Poll::Ready(())
        })
        .await;
        started
    });
    let at = event_loop.run_until_complete(async move {
        started.await;
        now()
    });
    assert_eq!(at, SECOND);
}

#[test]
fn a_sleep_made_outside_any_loop_starts_on_the_loop_that_awaits_it() {
    // Only the first poll binds a sleep to a loop; making one binds nothing.
    let unstarted = sleep(SECOND);
    let at = timer_loop(&Clock::new_virtual()).run_until_complete(async move {
        unstarted.await;
        now()
    });
    assert_eq!(at, SECOND);
}
