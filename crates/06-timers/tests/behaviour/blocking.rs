//! Blocking the loop delays everyone, and the slow-poll detector names the
//! culprit.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use aio_executor::{SlowPoll, spawn_named, yield_now};
use aio_timers::{Clock, blocking_sleep, now, sleep, timer_loop};

const MS: Duration = Duration::from_millis(1);

#[test]
fn on_the_real_clock_a_blocking_task_delays_a_sleeper_and_is_reported() {
    let reports: Rc<RefCell<Vec<SlowPoll>>> = Rc::default();
    let event_loop = timer_loop(&Clock::real());
    event_loop.set_slow_poll_threshold(Some(20 * MS));
    let sink = reports.clone();
    event_loop.set_slow_poll_handler(move |slow| sink.borrow_mut().push(slow.clone()));
    let polite_woke = event_loop.run_until_complete(async {
        let polite = spawn_named("polite", async {
            let start = now();
            sleep(10 * MS).await;
            now() - start
        });
        let blocker = spawn_named("blocker", async {
            yield_now().await;
            blocking_sleep(80 * MS); // std::thread::sleep on a real clock
        });
        blocker.await.unwrap();
        polite.await.unwrap()
    });
    // The polite task asked for 10 ms and could not run for 80: bounds that
    // hold on any machine, however loaded (a wake is never early).
    assert!(polite_woke >= 80 * MS, "{polite_woke:?}");
    // The blocker is reported by name. (A loaded machine may preempt some
    // other poll past the threshold too; that is not what we test.)
    let reports = reports.borrow();
    assert!(
        reports
            .iter()
            .any(|r| r.task == "blocker" && r.took >= 80 * MS),
        "{reports:?}"
    );
}

#[test]
fn on_the_virtual_clock_blocking_sleep_advances_time_without_running_anyone() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let (done_right_after, woke_at) = event_loop.run_until_complete(async {
        let sleeper = spawn_named("sleeper", async {
            sleep(Duration::from_secs(1)).await;
            now()
        });
        sleep(Duration::from_millis(100)).await;
        blocking_sleep(Duration::from_secs(3));
        let done_right_after = sleeper.done();
        (done_right_after, sleeper.await.unwrap())
    });
    assert!(!done_right_after, "nobody ran during the block");
    assert_eq!(woke_at, Duration::from_millis(3100));
}
