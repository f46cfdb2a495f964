//! A cancelled or dropped sleep takes its timer with it: the queue does not
//! grow with sleeps nobody waits for.

use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use aio_executor::yield_now;
use aio_executor::{EventLoop, ParkDriver};
use aio_timers::{Clock, TimerDriver, now, sleep, timeout, timer_loop};

const HOUR: Duration = Duration::from_secs(3600);

fn pending(event_loop: &EventLoop<TimerDriver<ParkDriver>>) -> usize {
    event_loop.driver().pending_timers()
}

#[test]
fn a_sleep_dropped_after_its_first_poll_removes_its_timer() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let dropped = Rc::new(Cell::new(0));
    let d = dropped.clone();
    event_loop.run_until_complete(async move {
        for _ in 0..1000 {
            let mut nap = pin!(sleep(HOUR));
            // Poll once, by hand, so the timer is set; then drop it.
            std::future::poll_fn(|cx: &mut Context<'_>| {
                assert!(nap.as_mut().poll(cx).is_pending());
                Poll::Ready(())
            })
            .await;
            d.set(d.get() + 1);
        }
    });
    assert_eq!(dropped.get(), 1000);
    assert_eq!(
        pending(&event_loop),
        0,
        "1000 dropped sleeps left timers behind"
    );
}

#[test]
fn timeouts_that_win_leave_no_timer_behind() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let end = event_loop.run_until_complete(async {
        for _ in 0..1000 {
            // The inner sleep (an hour) loses to the timeout's (1 ms); both
            // timers must be gone afterwards.
            let result = timeout(Duration::from_millis(1), sleep(HOUR)).await;
            assert!(result.is_err());
        }
        now()
    });
    assert_eq!(end, Duration::from_secs(1));
    assert_eq!(pending(&event_loop), 0);
}

#[test]
fn futures_that_beat_their_timeout_leave_no_timer_behind() {
    let event_loop = timer_loop(&Clock::new_virtual());
    event_loop.run_until_complete(async {
        for _ in 0..1000 {
            let result = timeout(HOUR, yield_now()).await;
            assert!(result.is_ok());
        }
    });
    assert_eq!(pending(&event_loop), 0);
}

#[test]
fn cancelling_a_sleeping_task_removes_its_timer() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let sleepers: Vec<_> = (0..100).map(|_| event_loop.spawn(sleep(HOUR))).collect();
    event_loop.run_until_complete(yield_now());
    assert_eq!(pending(&event_loop), 100, "every sleeper set its timer");
    for task in &sleepers {
        task.cancel();
    }
    event_loop.run_until_complete(yield_now());
    assert_eq!(pending(&event_loop), 0);
    assert!(sleepers.iter().all(|task| task.cancelled()));
}

#[test]
fn a_sleep_polled_again_and_again_keeps_one_timer() {
    let event_loop = timer_loop(&Clock::new_virtual());
    // A task that polls the same sleep 100 times (it wakes itself: spurious
    // wakes, as a select would cause), then waits for it quietly.
    let spinner = event_loop.spawn(async {
        let mut nap = pin!(sleep(HOUR));
        let mut polls = 0;
        std::future::poll_fn(|cx: &mut Context<'_>| {
            polls += 1;
            let poll = nap.as_mut().poll(cx);
            if polls < 100 {
                cx.waker().wake_by_ref();
            }
            poll
        })
        .await;
    });
    event_loop.run_until_complete(sleep(Duration::from_secs(1)));
    assert_eq!(pending(&event_loop), 1, "one sleep, one timer");
    spinner.cancel();
    event_loop.run_until_complete(yield_now());
    assert_eq!(pending(&event_loop), 0);
}
