//! `call_later` / `call_at`: callbacks on timers, cancellable by handle.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use aio_timers::{Clock, call_at, call_later, now, sleep, timer_loop};

const SECOND: Duration = Duration::from_secs(1);

type Log = Rc<RefCell<Vec<(&'static str, Duration)>>>;

fn logger(log: &Log, what: &'static str) -> impl FnOnce() + 'static {
    let log = log.clone();
    move || log.borrow_mut().push((what, now()))
}

#[test]
fn callbacks_run_at_their_times_in_time_order() {
    let log: Log = Rc::default();
    let event_loop = timer_loop(&Clock::new_virtual());
    let l = log.clone();
    event_loop.run_until_complete(async move {
        let _later = call_later(2 * SECOND, logger(&l, "call_later(2 s)"));
        let _at = call_at(SECOND, logger(&l, "call_at(1 s)"));
        sleep(3 * SECOND).await;
    });
    assert_eq!(
        *log.borrow(),
        [("call_at(1 s)", SECOND), ("call_later(2 s)", 2 * SECOND)]
    );
}

#[test]
fn a_cancelled_callback_never_runs_and_leaves_the_queue() {
    let log: Log = Rc::default();
    let event_loop = timer_loop(&Clock::new_virtual());
    let l = log.clone();
    let handle = event_loop.run_until_complete(async move {
        let handle = call_later(SECOND, logger(&l, "cancelled"));
        handle.cancel();
        handle
    });
    assert!(handle.cancelled());
    assert_eq!(handle.when(), SECOND);
    assert_eq!(event_loop.driver().pending_timers(), 0);
    event_loop.run_until_complete(sleep(5 * SECOND));
    assert!(log.borrow().is_empty());
}

#[test]
fn dropping_the_handle_does_not_cancel() {
    let log: Log = Rc::default();
    let event_loop = timer_loop(&Clock::new_virtual());
    let l = log.clone();
    event_loop.run_until_complete(async move {
        drop(call_later(SECOND, logger(&l, "still runs")));
        sleep(2 * SECOND).await;
    });
    assert_eq!(*log.borrow(), [("still runs", SECOND)]);
}

#[test]
fn cancelling_after_the_timer_fired_stops_a_callback_waiting_in_the_ready_queue() {
    let log: Log = Rc::default();
    let clock = Clock::new_virtual();
    let event_loop = timer_loop(&clock);
    let l = log.clone();
    let c = clock.clone();
    event_loop.run_until_complete(async move {
        let second = Rc::new(call_at(SECOND, logger(&l, "second")));
        // Both fire in the same turn; the first cancels the second, which
        // by then is in the ready queue, not the timer queue.
        let s = second.clone();
        let _first = call_at(SECOND / 2, move || s.cancel());
        c.advance(2 * SECOND);
        sleep(Duration::ZERO).await;
        sleep(Duration::ZERO).await;
        assert!(second.cancelled());
    });
    assert!(log.borrow().is_empty(), "{:?}", log.borrow());
}

#[test]
fn cancel_after_running_is_not_cancelled() {
    let log: Log = Rc::default();
    let event_loop = timer_loop(&Clock::new_virtual());
    let l = log.clone();
    let handle = event_loop.run_until_complete(async move {
        let handle = call_later(SECOND, logger(&l, "ran"));
        sleep(2 * SECOND).await;
        handle.cancel();
        handle
    });
    assert!(
        !handle.cancelled(),
        "it ran; cancelling afterwards changes nothing"
    );
    assert_eq!(log.borrow().len(), 1);
}
