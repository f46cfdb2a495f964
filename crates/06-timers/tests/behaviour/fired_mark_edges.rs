//! Review of the `fired_before` mark (commit 1e91452): edge cases the
//! mark's own tests do not reach. These pass at that commit; they pin the
//! ends of the nanosecond scale (deadline 0, the last nanosecond before
//! "never"), a timer set for earlier than the mark while a later one
//! waits, and a sleep's timer cancelled (not fired) under a raised mark.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll};
use std::time::Duration;

use aio_timers::{Clock, call_later, now, sleep, sleep_until, timer_loop};

/// Polls a pinned future once, from inside the task, and says what it said.
async fn poll_once<F: Future + Unpin>(future: &mut F) -> Poll<F::Output> {
    std::future::poll_fn(|cx: &mut Context<'_>| {
        Poll::Ready(std::pin::Pin::new(&mut *future).poll(cx))
    })
    .await
}

#[test]
fn a_sleep_until_time_zero_set_after_the_mark_moved_ends_and_leaves_no_timer() {
    // Deadline 0 is the lowest the mark can go: `insert` must lower it
    // to 0, and 0 < 0 is false, so the second poll asks the slot, finds
    // the timer there, and takes it out itself. Left in the queue, it
    // would fire at the next turn and wake the nap below for nothing.
    let event_loop = timer_loop(&Clock::new_virtual());
    let (first, second, polls, at) = event_loop.run_until_complete(async {
        sleep(Duration::from_secs(1)).await; // the mark passes 1 s
        let mut zero = Box::pin(sleep_until(Duration::ZERO));
        let (first, second) = std::future::poll_fn(|cx: &mut Context<'_>| {
            let first = zero.as_mut().poll(cx);
            Poll::Ready((first, zero.as_mut().poll(cx)))
        })
        .await;
        let mut polls = 0;
        let mut nap = pin!(sleep(Duration::from_secs(10)));
        std::future::poll_fn(|cx: &mut Context<'_>| {
            polls += 1;
            nap.as_mut().poll(cx)
        })
        .await;
        (first, second, polls, now())
    });
    assert_eq!(first, Poll::Pending);
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
