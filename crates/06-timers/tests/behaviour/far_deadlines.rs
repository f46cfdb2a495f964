//! A deadline too far to write down is "never": `sleep(Duration::MAX)`,
//! `call_later(Duration::MAX, ..)` and `timeout(Duration::MAX, ..)` wait for
//! ever instead of overflowing, as asyncio's `sleep(math.inf)` and tokio's
//! `sleep(Duration::MAX)` do; a virtual clock never jumps to "never". The
//! queue writes deadlines as 64-bit nanoseconds since the clock started, so
//! "too far" begins 584 years after the start.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use aio_executor::{spawn, thread_sleep, yield_now};
use aio_timers::{Clock, call_later, now, sleep, sleep_until, timeout, timer_loop};

const SECOND: Duration = Duration::from_secs(1);

#[test]
fn a_loop_whose_only_timer_is_never_ends_when_its_main_future_ends() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let (answer, at, deadline) = event_loop.run_until_complete(async {
        sleep(SECOND).await; // at zero, zero + MAX does not overflow
        let forever = spawn(sleep(Duration::MAX));
        let _never = call_later(Duration::MAX, || unreachable!("never came"));
        let mut started = sleep(Duration::MAX);
        // One poll sets its timer, then it is dropped with main's frame.
        let _ = futures_poll_once(&mut started).await;
        yield_now().await;
        assert!(!forever.done());
        (42, now(), started.deadline())
    });
    assert_eq!(answer, 42);
    assert_eq!(at, SECOND);
    assert_eq!(deadline, Some(Duration::MAX), "saturated, not overflowed");
}

#[test]
fn on_the_full_stack_a_never_sleeper_does_not_keep_run_from_returning() {
    let answer = aio_timers::run(async {
        let _forever = spawn(sleep(Duration::MAX));
        let _never = call_later(Duration::MAX, || unreachable!("never came"));
        // The real clock's park is bounded by this short sleep, not by
        // "never".
        sleep(Duration::from_millis(5)).await;
        timeout(Duration::MAX, async { 42 }).await
    });
    assert_eq!(answer, Ok(42));
}

/// The choice for a virtual clock where every timer is "never": it does not
/// jump (there is no time to jump to), and the loop waits for a wake from
/// another thread, as asyncio on a real clock would wait in `select`.
#[test]
fn with_only_never_timers_the_virtual_clock_stands_still_and_the_loop_waits() {
    let clock = Clock::new_virtual();
    let event_loop = timer_loop(&clock).with_trace();
    let (at, sleeper_done) = event_loop.run_until_complete(async {
        sleep(SECOND).await;
        let sleeper = spawn(sleep(Duration::MAX));
        let until = spawn(sleep_until(Duration::MAX));
        yield_now().await; // both set their timers
        // Only a thread can wake us now: the loop parks until it does.
        thread_sleep(Duration::from_millis(20)).await;
        (now(), sleeper.done() || until.done())
    });
    assert_eq!(at, SECOND, "the clock jumped towards never");
    assert!(!sleeper_done);
    let trace = event_loop.take_trace().to_string();
    assert_eq!(trace.matches("virtual clock jumps").count(), 1, "{trace}");
}

#[test]
fn timeout_duration_max_lets_the_future_finish() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let (result, at) = event_loop.run_until_complete(async {
        sleep(SECOND).await;
        let result = timeout(Duration::MAX, async {
            sleep(3 * SECOND).await;
            "done"
        })
        .await;
        (result, now())
    });
    assert_eq!(result, Ok("done"));
    assert_eq!(at, 4 * SECOND);
}

#[test]
fn a_never_callback_does_not_run_and_can_be_cancelled() {
    let ran = Rc::new(Cell::new(false));
    let event_loop = timer_loop(&Clock::new_virtual());
    let r = ran.clone();
    let (when, pending_before) = event_loop.run_until_complete(async move {
        sleep(SECOND).await;
        let handle = call_later(Duration::MAX, move || r.set(true));
        let cancelled = call_later(Duration::MAX, || unreachable!());
        sleep(SECOND).await;
        cancelled.cancel();
        (handle.when(), cancelled.cancelled())
    });
    assert_eq!(when, Duration::MAX);
    assert!(pending_before);
    assert!(!ran.get());
    assert_eq!(event_loop.driver().pending_timers(), 1);
}

#[test]
fn advancing_a_virtual_clock_past_the_end_saturates() {
    let clock = Clock::new_virtual();
    clock.advance(SECOND);
    clock.advance(Duration::MAX);
    clock.advance(SECOND);
    assert_eq!(clock.now(), Duration::MAX);
}

#[test]
fn a_far_but_finite_deadline_is_still_a_deadline() {
    // Five centuries, as far as 64-bit nanoseconds go with room to spare:
    // a real deadline, and the clock may jump to it.
    let clock = Clock::new_virtual();
    let event_loop = timer_loop(&clock);
    let far = Duration::from_secs(500 * 365 * 86_400);
    let at = event_loop.run_until_complete(async move {
        sleep(far).await;
        now()
    });
    assert_eq!(at, far, "the clock did not jump to a far deadline");
}

#[test]
fn a_deadline_past_the_clocks_range_is_never() {
    // u64::MAX nanoseconds is 584 years: anything later cannot be written
    // down, and saturates to never, as Duration::MAX does.
    let event_loop = timer_loop(&Clock::new_virtual());
    let too_far = Duration::from_secs(600 * 365 * 86_400);
    let (deadline, at) = event_loop.run_until_complete(async move {
        let mut started = sleep(too_far);
        let ready = futures_poll_once(&mut started).await;
        assert!(!ready, "a sleep of six centuries was ready at once");
        sleep(SECOND).await;
        (started.deadline(), now())
    });
    assert_eq!(
        deadline,
        Some(Duration::MAX),
        "a deadline beyond 584 years did not saturate to never"
    );
    assert_eq!(at, SECOND, "the clock jumped towards never");
}

/// Polls `future` once and gives back whether it was ready.
async fn futures_poll_once<F: std::future::Future + Unpin>(future: &mut F) -> bool {
    std::future::poll_fn(|cx| {
        std::task::Poll::Ready(std::pin::Pin::new(&mut *future).poll(cx).is_ready())
    })
    .await
}
