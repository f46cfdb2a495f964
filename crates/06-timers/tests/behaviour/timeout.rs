//! `timeout` / `wait_for`: the value if the future is in time, `Elapsed`
//! otherwise, and then the future is dropped at the deadline (cancelled).

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use aio_executor::spawn;
use aio_timers::{Clock, Elapsed, now, sleep, timeout, timer_loop, wait_for};

const SECOND: Duration = Duration::from_secs(1);

/// Records the loop's time when it is dropped.
struct DropClock(Rc<Cell<Option<Duration>>>);

impl Drop for DropClock {
    fn drop(&mut self) {
        self.0.set(Some(now()));
    }
}

#[test]
fn a_future_in_time_gives_its_value() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let (result, at) = event_loop.run_until_complete(async {
        let result = timeout(2 * SECOND, async {
            sleep(SECOND).await;
            42
        })
        .await;
        (result, now())
    });
    assert_eq!(result, Ok(42));
    assert_eq!(at, SECOND, "no waiting for the unused deadline");
}

#[test]
fn a_late_future_gives_elapsed_at_the_deadline() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let (result, at) = event_loop.run_until_complete(async {
        let result = wait_for(sleep(10 * SECOND), 3 * SECOND).await;
        (result, now())
    });
    assert_eq!(result, Err(Elapsed));
    assert_eq!(at, 3 * SECOND);
}

#[test]
fn on_expiry_the_inner_future_is_dropped_at_once() {
    let dropped_at = Rc::new(Cell::new(None));
    let seen_by_caller = Rc::new(Cell::new(None));
    let event_loop = timer_loop(&Clock::new_virtual());
    let (d, s) = (dropped_at.clone(), seen_by_caller.clone());
    event_loop.run_until_complete(async move {
        let guard = DropClock(d.clone());
        let slow = async move {
            let _guard = guard;
            sleep(10 * SECOND).await;
        };
        let mut deadline = std::pin::pin!(timeout(2 * SECOND, slow));
        assert_eq!(deadline.as_mut().await, Err(Elapsed));
        // The Timeout itself is still alive here, but the inner future
        // (and so its guard) is gone already.
        s.set(d.get());
        sleep(5 * SECOND).await;
    });
    assert_eq!(seen_by_caller.get(), Some(2 * SECOND));
    assert_eq!(dropped_at.get(), Some(2 * SECOND));
}

#[test]
fn the_cancelled_inner_future_never_runs_again() {
    let steps = Rc::new(RefCell::new(Vec::new()));
    let event_loop = timer_loop(&Clock::new_virtual());
    let st = steps.clone();
    event_loop.run_until_complete(async move {
        let s2 = st.clone();
        let _ = timeout(SECOND + SECOND / 2, async move {
            for i in 0..5 {
                s2.borrow_mut().push(i);
                sleep(SECOND).await;
            }
        })
        .await;
        sleep(10 * SECOND).await;
    });
    assert_eq!(*steps.borrow(), [0, 1]);
}

#[test]
fn when_both_are_ready_in_the_same_turn_the_value_wins() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let result = event_loop.run_until_complete(async {
        // Both timers are due at 1 s; the inner one was set later, yet the
        // inner future is polled first.
        timeout(SECOND, async {
            sleep(SECOND).await;
            "made it"
        })
        .await
    });
    assert_eq!(result, Ok("made it"));
}

#[test]
fn a_timed_out_task_handle_can_be_waited_for_again() {
    // asyncio's wait_for cancels the task it wraps; here a JoinHandle is
    // the inner future, and dropping a handle does not cancel its task,
    // so the task lives on. Say so with a test.
    let event_loop = timer_loop(&Clock::new_virtual());
    let (first, finished_at) = event_loop.run_until_complete(async {
        let task = spawn(async {
            sleep(5 * SECOND).await;
            now()
        });
        let first = timeout(SECOND, task).await.map(|r| r.unwrap());
        sleep(10 * SECOND).await;
        (first, now())
    });
    assert_eq!(first, Err(Elapsed));
    assert_eq!(finished_at, 11 * SECOND);
}
