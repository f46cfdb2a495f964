//! The timer queue's bookkeeping, seen from outside: a slot a timer left
//! is reused without an old handle reaching the new timer, cancelled
//! timers leave no trace in the firing order, a burst's memory is given
//! back without losing track of anything, and equal deadlines keep their
//! order when the 32-bit sequence numbers run out.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use aio_executor::spawn;
use aio_timers::{Clock, call_at, call_later, now, sleep, sleep_until, timer_loop};

const SECOND: Duration = Duration::from_secs(1);

type Log = Rc<RefCell<Vec<u32>>>;

fn push(log: &Log, what: u32) -> impl FnOnce() + 'static {
    let log = log.clone();
    move || log.borrow_mut().push(what)
}

#[test]
fn an_old_handle_cannot_cancel_the_timer_that_took_its_slot() {
    let log: Log = Rc::default();
    let event_loop = timer_loop(&Clock::new_virtual());
    let l = log.clone();
    let (old, new) = event_loop.run_until_complete(async move {
        let new = Rc::new(RefCell::new(None));
        let (n, l2) = (new.clone(), l.clone());
        // When `old` fires, its slot is the last one freed, and the
        // callback's own timer takes it at once.
        let old = call_later(SECOND, move || {
            l2.borrow_mut().push(1);
            *n.borrow_mut() = Some(call_later(SECOND, push(&l2, 2)));
        });
        sleep(SECOND + SECOND / 2).await;
        old.cancel();
        sleep(2 * SECOND).await;
        let new = new.borrow_mut().take().expect("the callback ran");
        (old, new)
    });
    assert_eq!(
        *log.borrow(),
        [1, 2],
        "cancelling a fired timer's handle cancelled the timer set after it"
    );
    assert!(!old.cancelled(), "a callback that ran counts as cancelled");
    assert!(!new.cancelled(), "the new callback counts as cancelled");
}

#[test]
fn a_removed_timer_never_fires_and_its_slot_serves_the_next() {
    let log: Log = Rc::default();
    let event_loop = timer_loop(&Clock::new_virtual());
    let l = log.clone();
    event_loop.run_until_complete(async move {
        let removed = call_later(SECOND, push(&l, 1));
        removed.cancel();
        let _reused = call_later(2 * SECOND, push(&l, 2));
        let _other = call_later(SECOND, push(&l, 3));
        sleep(3 * SECOND).await;
    });
    assert_eq!(
        *log.borrow(),
        [3, 2],
        "a cancelled timer fired, or the timer in its slot fired at the wrong time"
    );
    assert_eq!(
        event_loop.driver().pending_timers(),
        0,
        "timers are left in the queue"
    );
}

#[test]
fn many_cancelled_timers_leave_the_rest_in_order() {
    let log: Log = Rc::default();
    let event_loop = timer_loop(&Clock::new_virtual());
    let l = log.clone();
    event_loop.run_until_complete(async move {
        // Deadlines in a scrambled order; nine in ten are cancelled, which
        // makes the queue sweep its dead keys more than once.
        let handles: Vec<_> = (0..2000u32)
            .map(|i| {
                let at = Duration::from_millis(u64::from((i * 7919) % 2000) + 1);
                (i, call_at(at, push(&l, (i * 7919) % 2000)))
            })
            .collect();
        for (i, handle) in &handles {
            if i % 10 != 0 {
                handle.cancel();
            }
        }
        sleep(3 * SECOND).await;
    });
    let mut expected: Vec<u32> = (0..2000u32)
        .filter(|i| i % 10 == 0)
        .map(|i| (i * 7919) % 2000)
        .collect();
    expected.sort_unstable();
    assert_eq!(
        *log.borrow(),
        expected,
        "the timers left after the cancellations did not fire, in deadline order"
    );
}

#[test]
fn after_a_burst_the_queue_starts_afresh_and_old_handles_find_nothing() {
    let log: Log = Rc::default();
    let event_loop = timer_loop(&Clock::new_virtual());
    let l = log.clone();
    event_loop.run_until_complete(async move {
        // A burst: thousands of sleepers and one callback, all fired, so
        // the queue empties and gives its memory back.
        let sleepers: Vec<_> = (0..5000u64)
            .map(|i| spawn(sleep(Duration::from_micros(i))))
            .collect();
        let burst = call_later(SECOND, push(&l, 0));
        for sleeper in sleepers {
            sleeper.await.unwrap();
        }
        sleep(2 * SECOND).await;
        // A new timer lands in the first slot again; the burst's handle
        // must not reach it.
        let _fresh = call_later(SECOND, push(&l, 1));
        burst.cancel();
        let _later = call_later(2 * SECOND, push(&l, 2));
        sleep(3 * SECOND).await;
    });
    assert_eq!(
        *log.borrow(),
        [0, 1, 2],
        "after the queue emptied, an old handle cancelled a new timer, or timers fired out of order"
    );
}

#[test]
fn equal_deadlines_keep_their_order_when_the_sequence_numbers_run_out() {
    let log: Log = Rc::default();
    let event_loop = timer_loop(&Clock::new_virtual());
    // Four numbers left before the 32-bit sequence wraps: the queue must
    // number its timers again, keeping their order, while twenty wait.
    event_loop.driver().skip_timer_sequence_to(u32::MAX - 4);
    let l = log.clone();
    event_loop.run_until_complete(async move {
        let handles: Vec<_> = (0..20).map(|i| call_at(SECOND, push(&l, i))).collect();
        let woke = spawn(async {
            sleep_until(SECOND).await;
            now()
        });
        handles[3].cancel();
        let _last = call_at(SECOND, push(&l, 20));
        assert_eq!(
            woke.await.unwrap(),
            SECOND,
            "the sleeper woke at the wrong time"
        );
        sleep(SECOND).await;
    });
    let expected: Vec<u32> = (0..21).filter(|&i| i != 3).collect();
    assert_eq!(
        *log.borrow(),
        expected,
        "timers with one deadline fired out of the order they were set, across the renumbering"
    );
}
