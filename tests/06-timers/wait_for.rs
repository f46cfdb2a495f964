// Suite for exercise 6.3, wait_for. Written once, run against the stub
// (`ex06-timers`) and the solution (`sol06-timers`) through a wrapper that
// names the code under test `subject`. Everything runs on the virtual clock
// under a one-hour guard, so a wrong answer fails instead of hanging.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use aio_timers::{Clock, Elapsed, now, sleep, timeout, timer_loop};
use subject::wait_for;

const SECOND: Duration = Duration::from_secs(1);

/// Runs `main` on a virtual clock; fails if it has not finished after an
/// hour of virtual time (a WaitFor that never wakes up, say).
fn run<T: 'static>(main: impl Future<Output = T> + 'static) -> T {
    let event_loop = timer_loop(&Clock::new_virtual());
    event_loop
        .run_until_complete(timeout(Duration::from_secs(3600), main))
        .expect("still waiting after an hour of virtual time: is the delay ever polled?")
}

/// Notes the loop's time when dropped.
struct DropClock(Rc<Cell<Option<Duration>>>);

impl Drop for DropClock {
    fn drop(&mut self) {
        self.0.set(Some(now()));
    }
}

#[test]
fn a_future_that_finishes_in_time_gives_its_value() {
    let (result, at) = run(async {
        let result = wait_for(
            async {
                sleep(SECOND).await;
                "in time"
            },
            3 * SECOND,
        )
        .await;
        (result, now())
    });
    assert_eq!(
        result,
        Ok("in time"),
        "a future that finishes before the deadline must give its own value, Ok"
    );
    assert_eq!(
        at, SECOND,
        "wait_for must return when the inner future finishes (at 1 s), not wait for the deadline"
    );
}

#[test]
fn a_late_future_gives_elapsed_at_the_deadline() {
    let (result, at) = run(async {
        let result = wait_for(sleep(10 * SECOND), 2 * SECOND).await;
        (result, now())
    });
    assert_eq!(
        result,
        Err(Elapsed),
        "a future still running at the deadline must give Err(Elapsed)"
    );
    assert_eq!(
        at,
        2 * SECOND,
        "wait_for must give up exactly at the deadline (2 s), not when the inner future would \
         finish"
    );
}

#[test]
fn a_future_that_never_finishes_still_times_out() {
    let result = run(wait_for(std::future::pending::<()>(), SECOND));
    assert_eq!(
        result,
        Err(Elapsed),
        "a future that never finishes must still give Err(Elapsed) at the deadline: the timeout \
         must wake the task"
    );
}

#[test]
fn on_expiry_the_inner_future_is_dropped_at_once() {
    let dropped_at = Rc::new(Cell::new(None));
    let d = dropped_at.clone();
    let seen = run(async move {
        let guard = DropClock(d.clone());
        let slow = async move {
            let _guard = guard;
            sleep(10 * SECOND).await;
        };
        let mut waiting = std::pin::pin!(wait_for(slow, 2 * SECOND));
        assert_eq!(
            waiting.as_mut().await,
            Err(Elapsed),
            "the timed-out wait must give Err(Elapsed)"
        );
        // `waiting` is still alive here: the inner future must be gone
        // already, not when `waiting` goes out of scope.
        let seen = d.get();
        sleep(5 * SECOND).await;
        seen
    });
    assert_eq!(
        seen,
        Some(2 * SECOND),
        "the inner future outlived its deadline"
    );
    assert_eq!(
        dropped_at.get(),
        Some(2 * SECOND),
        "the inner future must be dropped (cancelled) at the deadline, 2 s, when wait_for gives up"
    );
}

#[test]
fn when_both_are_ready_in_the_same_turn_the_value_wins() {
    let result = run(wait_for(
        async {
            sleep(SECOND).await;
            42
        },
        SECOND,
    ));
    assert_eq!(
        result,
        Ok(42),
        "a future that finishes exactly at the deadline must still give its value: poll the inner \
         future before checking the deadline"
    );
}
