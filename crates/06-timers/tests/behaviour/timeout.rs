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

// CPython: test_waitfor.py, test_wait_for_cancellation_race_condition and
// the tasks tests around it: `wait_for(task, t)` cancels the task when the
// time runs out, and the caller gets TimeoutError.
#[test]
fn wait_for_on_a_task_cancels_the_task_when_time_runs_out() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let dropped_at = Rc::new(Cell::new(None));
    let finished = Rc::new(Cell::new(false));
    let (d, f) = (dropped_at.clone(), finished.clone());
    let result = event_loop.run_until_complete(async move {
        let task = spawn(async move {
            let _clock = DropClock(d);
            sleep(5 * SECOND).await;
            f.set(true);
        });
        let result = wait_for(task, SECOND).await;
        sleep(10 * SECOND).await;
        result.map(|r| r.is_ok())
    });
    assert_eq!(result, Err(Elapsed));
    assert!(
        !finished.get(),
        "the task was cancelled, not left to finish"
    );
    // Cancelled at the deadline: its future was dropped at 1 s.
    assert_eq!(dropped_at.get(), Some(SECOND));
}

#[test]
fn a_handle_lent_to_timeout_keeps_its_task() {
    // Rust can lend a handle to `timeout` with `&mut` and keep it. The
    // timeout then drops only the borrow, so the task is not cancelled and
    // can be awaited again: asyncio has no such form (its `wait_for(task)`
    // always cancels), so this is ours alone.
    let event_loop = timer_loop(&Clock::new_virtual());
    let (first, cancelled, second) = event_loop.run_until_complete(async {
        let mut task = spawn(async {
            sleep(5 * SECOND).await;
            now()
        });
        let first = timeout(SECOND, &mut task).await.map(|r| r.unwrap());
        // Lent, not dropped: the handle is still here, and so is the task.
        let cancelled_now = task.cancelled();
        sleep(10 * SECOND).await;
        let second = task.await;
        (first, cancelled_now, second.map_err(|e| e.is_cancelled()))
    });
    assert_eq!(first, Err(Elapsed));
    // Lending the handle with `&mut` keeps the task: only a handle
    // *dropped* mid-await cancels. This one finished at 5 s.
    assert!(!cancelled);
    assert_eq!(second, Ok(5 * SECOND));
}

// CPython: test_waitfor.py,
// test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started. asyncio
// 3.11 never starts a coroutine given a zero timeout: it raises
// TimeoutError at once. Ours polls the future once first, and a future that
// is ready on that poll wins; the book shows the difference.
#[test]
fn wait_for_zero_still_polls_the_future_once() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let started = Rc::new(Cell::new(false));
    let s = started.clone();
    let (quick, slow) = event_loop.run_until_complete(async move {
        let quick = wait_for(async move { s.set(true) }, Duration::ZERO).await;
        let slow = wait_for(sleep(SECOND), Duration::ZERO).await;
        (quick, slow)
    });
    assert_eq!(quick, Ok(()));
    assert!(started.get(), "asyncio would not have started it");
    assert_eq!(slow, Err(Elapsed));
}
