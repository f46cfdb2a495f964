//! A woken sleep learns that its timer fired from the queue's mark
//! (`fired_before`: every timer due before it has left the queue), not
//! from its timer's slot. These tests hold the mark to its two edges (a
//! timer set for a time the mark has passed lowers it; the mark never
//! passes a timer that is still waiting) and to the ends of the clock:
//! deadline 0, the last nanosecond before "never", and a queue released
//! after a burst.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll};
use std::time::Duration;

use aio_timers::{Clock, call_later, now, sleep, sleep_until, timer_loop};

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

/// Polls a future once, from inside the task, and says what it said.
async fn poll_once<F: Future + Unpin>(future: &mut F) -> Poll<F::Output> {
    std::future::poll_fn(|cx: &mut Context<'_>| {
        Poll::Ready(std::pin::Pin::new(&mut *future).poll(cx))
    })
    .await
}

/// Sleeps 10 s and counts the polls that took: 2 (when it began and when
/// it ended), unless a timer left behind wakes the task in between.
async fn polls_of_a_nap() -> usize {
    let mut polls = 0;
    let mut nap = pin!(sleep(Duration::from_secs(10)));
    std::future::poll_fn(|cx: &mut Context<'_>| {
        polls += 1;
        nap.as_mut().poll(cx)
    })
    .await;
    polls
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
        (second, polls_of_a_nap().await)
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

#[test]
fn a_sleep_until_time_zero_set_after_the_mark_moved_ends_and_leaves_no_timer() {
    // Deadline 0 is the lowest the mark can go: `insert` must lower it to
    // 0, and 0 < 0 is false, so the second poll asks the slot, finds the
    // timer there, and takes it out itself.
    let event_loop = timer_loop(&Clock::new_virtual());
    let (second, polls, at) = event_loop.run_until_complete(async {
        sleep(Duration::from_secs(1)).await; // the mark passes 1 s
        let second = poll_twice(sleep_until(Duration::ZERO)).await;
        (second, polls_of_a_nap().await, now())
    });
    assert_eq!(second, Poll::Ready(()), "due by the clock, so ready");
    assert_eq!(
        polls, 2,
        "the timer of the sleep until 0 was left behind and woke the nap"
    );
    assert_eq!(at, Duration::from_secs(11));
    assert_eq!(event_loop.driver().pending_timers(), 0);
}

#[test]
fn at_the_last_nanosecond_before_never_a_never_sleep_still_waits() {
    // The clock reaches u64::MAX - 1 ns: take_due raises the mark to
    // u64::MAX, which is NEVER itself. A sleep due "never" must not read
    // that as "fired".
    let last = Duration::from_nanos(u64::MAX - 1);
    let event_loop = timer_loop(&Clock::new_virtual());
    let (again, at) = event_loop.run_until_complete(async move {
        let mut never = Box::pin(sleep(Duration::MAX));
        assert_eq!(poll_once(&mut never).await, Poll::Pending);
        sleep_until(last).await; // the virtual clock jumps there
        let again = poll_once(&mut never).await;
        (again, now())
    });
    assert_eq!(at, last);
    assert_eq!(
        again,
        Poll::Pending,
        "a sleep due never ended at the end of the clock"
    );
    assert_eq!(
        event_loop.driver().pending_timers(),
        0,
        "dropped, it took its timer"
    );
}

#[test]
fn a_timer_due_just_after_the_clock_when_the_mark_moved_is_not_taken_for_fired() {
    // A callback due at 2 s, cancelled; a sleep due at 2 s + 1 ns that waits.
    // The loop fires up to 2 s (a sleep due then): the mark moves to
    // 2 s + 1 ns, which is exactly the waiting sleep's deadline, not past it.
    let event_loop = timer_loop(&Clock::new_virtual());
    let (again, at) = event_loop.run_until_complete(async {
        let handle = call_later(Duration::from_secs(2), || unreachable!("cancelled"));
        let mut later = Box::pin(sleep_until(
            Duration::from_secs(2) + Duration::from_nanos(1),
        ));
        assert_eq!(poll_once(&mut later).await, Poll::Pending);
        handle.cancel();
        sleep_until(Duration::from_secs(2)).await;
        let again = poll_once(&mut later).await;
        later.as_mut().await; // and it still ends, at its deadline
        (again, now())
    });
    assert_eq!(again, Poll::Pending);
    assert_eq!(at, Duration::from_secs(2) + Duration::from_nanos(1));
    assert_eq!(event_loop.driver().pending_timers(), 0);
}

#[test]
fn a_burst_of_timers_that_all_fired_gives_its_memory_back_and_later_sleeps_still_work() {
    // More than the queue keeps (1024): once all fired the queue is
    // released (`release_if_empty`), but the mark stays; a sleep set after
    // that, in a fresh slot 0, must wait for its own deadline.
    let event_loop = timer_loop(&Clock::new_virtual());
    let (early, at) = event_loop.run_until_complete(async {
        let burst: Vec<_> = (0..3000)
            .map(|i| aio_executor::spawn(sleep(Duration::from_millis(1 + i % 7))))
            .collect();
        for handle in burst {
            handle.await.expect("a sleeper");
        }
        let mut after = pin!(sleep(Duration::from_secs(5)));
        let early = std::future::poll_fn(|cx: &mut Context<'_>| {
            assert!(after.as_mut().poll(cx).is_pending());
            Poll::Ready(after.as_mut().poll(cx))
        })
        .await;
        after.await;
        (early, now())
    });
    assert_eq!(early, Poll::Pending);
    assert_eq!(at, Duration::from_millis(7) + Duration::from_secs(5));
    assert_eq!(event_loop.driver().pending_timers(), 0);
}
