//! A woken sleep learns that its timer fired from the queue's mark
//! (`fired_before`: every timer due before it has fired), not from its
//! timer's slot. These tests hold the mark to its two edges: a timer set
//! for a time the mark has passed lowers it, and the mark never passes a
//! timer that is still waiting.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll};
use std::time::Duration;

use aio_timers::{Clock, now, sleep, sleep_until, timer_loop};

/// Polls `sleep` twice by hand, within one poll of the task, so its timer
/// cannot have fired in between; returns what the second poll said.
async fn poll_twice(sleep: aio_timers::Sleep) -> Poll<()> {
    let mut sleep = pin!(sleep);
    std::future::poll_fn(|cx: &mut Context<'_>| {
        assert!(sleep.as_mut().poll(cx).is_pending(), "a first poll waits");
        Poll::Ready(sleep.as_mut().poll(cx))
    })
    .await
}

#[test]
fn a_sleep_set_for_a_time_already_past_takes_its_timer_out_itself() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let (second, polls) = event_loop.run_until_complete(async {
        sleep(Duration::from_secs(1)).await; // a timer fires: the mark moves past 1 s
        // Due now, by the clock; its timer has not fired yet. The second poll
        // sees it due and must take the timer out of the queue itself: left
        // there, it would fire at the next turn and wake this task for
        // nothing, in the middle of the nap below.
        let second = poll_twice(sleep(Duration::ZERO)).await;
        let mut polls = 0;
        let mut nap = pin!(sleep(Duration::from_secs(10)));
        std::future::poll_fn(|cx: &mut Context<'_>| {
            polls += 1;
            nap.as_mut().poll(cx)
        })
        .await;
        (second, polls)
    });
    assert_eq!(second, Poll::Ready(()));
    assert_eq!(
        polls, 2,
        "the nap was polled {polls} times, not twice (when it began, and when it \
         ended): a sleep that ended before its timer fired left the timer behind"
    );
    assert_eq!(event_loop.driver().pending_timers(), 0);
}

#[test]
fn a_timer_due_just_after_a_firing_is_still_waiting() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let (second, at) = event_loop.run_until_complete(async {
        let second = Duration::from_secs(1);
        let mut later = pin!(sleep_until(second + Duration::from_nanos(1)));
        std::future::poll_fn(|cx: &mut Context<'_>| {
            assert!(later.as_mut().poll(cx).is_pending(), "a first poll waits");
            Poll::Ready(())
        })
        .await;
        // The timers due at 1 s fire, and the mark moves past them; `later`
        // is due a nanosecond after, and must still be waiting.
        sleep(second).await;
        let again =
            std::future::poll_fn(|cx: &mut Context<'_>| Poll::Ready(later.as_mut().poll(cx))).await;
        (again, now())
    });
    assert_eq!(at, Duration::from_secs(1));
    assert_eq!(
        second,
        Poll::Pending,
        "a sleep due 1 ns after the last firing ended before its deadline"
    );
}
