//! `wait_for` and `timeout_at`: a deadline that cancels what it gives up
//! on. Each test names the CPython test (Lib/test/test_asyncio/test_waitfor.py,
//! test_timeouts.py) it mirrors.

use std::cell::Cell;
use std::rc::Rc;

use aio_executor::{spawn, yield_now};
use aio_gather::{Elapsed, timeout, timeout_at, wait_for};
use aio_timers::{now, sleep};

use crate::support::{drop_flag, ms, run_virtual, secs};

// test_wait_for: the task is cancelled at the deadline.
#[test]
fn wait_for_a_task_cancels_it_at_the_deadline() {
    let (result, at, cancelled) = run_virtual(|| async {
        let task = spawn(async {
            sleep(secs(10)).await;
            "late"
        });
        let watch = task.task_ref();
        let result = wait_for(task, ms(100)).await;
        let at = now();
        yield_now().await; // the cancellation takes effect at its next turn
        (result.map(|r| r.ok()), at, watch.cancelled())
    });
    assert_eq!(result, Err(Elapsed));
    assert_eq!(at, ms(100));
    assert!(cancelled);
}

// test_asyncio_wait_for_timeout: a plain future is dropped at the deadline,
// which runs its destructors (asyncio: the coroutine sees CancelledError).
#[test]
fn wait_for_a_future_drops_it_at_the_deadline() {
    let (timed_out, dropped_at) = run_virtual(|| async {
        let (flag, guard) = drop_flag();
        let dropped_at = Rc::new(Cell::new(None));
        let timed_out = wait_for(
            async move {
                let _guard = guard;
                sleep(secs(10)).await;
            },
            secs(1),
        )
        .await
        .is_err();
        if flag.get() {
            dropped_at.set(Some(now()));
        }
        (timed_out, dropped_at.get())
    });
    assert!(timed_out);
    assert_eq!(dropped_at, Some(secs(1)));
}

// Where we differ, test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started:
// asyncio 3.11's wait_for(coro, 0) wraps the coroutine in a task and
// cancels it before it ever runs: TimeoutError, and the coroutine never
// started (checked with python3 3.11.7: "TimeoutError, started = False").
// Ours polls the future once before it looks at the clock: a future that
// is ready at once gives its value, and one that is not has started.
#[test]
fn wait_for_zero_polls_the_future_once_where_asyncio_never_starts_it() {
    let (ready, started, timed_out) = run_virtual(|| async {
        let ready = wait_for(async { "value" }, secs(0)).await;
        let started = Rc::new(Cell::new(false));
        let s = started.clone();
        let timed_out = wait_for(
            async move {
                s.set(true);
                sleep(secs(1)).await;
            },
            secs(0),
        )
        .await
        .is_err();
        (ready, started.get(), timed_out)
    });
    assert_eq!(ready, Ok("value"), "asyncio: TimeoutError");
    assert!(started, "asyncio: never started");
    assert!(timed_out);
}

// test_wait_for_timeout_less_then_0_or_0_future_done: a task already done
// gives its value even with no time at all.
#[test]
fn wait_for_zero_on_a_finished_task_gives_its_value() {
    let value = run_virtual(|| async {
        let task = spawn(async { "done" });
        yield_now().await;
        wait_for(task, secs(0)).await
    });
    assert_eq!(value.map(|r| r.unwrap()), Ok("done"));
}

// test_wait_for_race_condition: a result ready in the same turn as the
// deadline wins.
#[test]
fn a_result_ready_at_the_deadline_wins() {
    let result = run_virtual(|| async {
        wait_for(
            async {
                sleep(secs(1)).await;
                "just in time"
            },
            secs(1),
        )
        .await
    });
    assert_eq!(result, Ok("just in time"));
}

// test_timeouts.py, test_timeout_at_basic (asyncio.timeout_at): the
// deadline is a time on the loop's clock.
#[test]
fn timeout_at_takes_a_time_on_the_loops_clock() {
    let (late, deadline, at, past) = run_virtual(|| async {
        sleep(secs(5)).await;
        let scope = timeout_at(now() + secs(1), sleep(secs(60)));
        let deadline = scope.deadline();
        let late = scope.await;
        let at = now();
        // A deadline already past still lets a ready future through.
        let past = timeout_at(secs(0), async { 7 }).await;
        (late, deadline, at, past)
    });
    assert_eq!(late, Err(Elapsed));
    assert_eq!(deadline, Some(secs(6)));
    assert_eq!(at, secs(6));
    assert_eq!(past, Ok(7));
}

// test_timeouts.py, test_timeout_basic: `timeout` is the scope form.
#[test]
fn timeout_is_the_scope_form() {
    let (result, at) = run_virtual(|| async {
        let result = timeout(ms(100), async {
            sleep(secs(10)).await;
        })
        .await;
        (result, now())
    });
    assert_eq!(result, Err(Elapsed));
    assert_eq!(at, ms(100));
}
