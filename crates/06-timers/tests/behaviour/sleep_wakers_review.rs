//! Review of the "a sleep keeps its task's id" fast path: cases the first
//! tests of `sleep_wakers.rs` leave out. A sleep shared by two tasks must
//! wake the task that polled it last, and a timer layer driven by hand
//! (its `enter` and `park` are public, and `call_later` supports it) must
//! not panic where it used to wake the task through its loop's remote
//! queue.

use std::cell::RefCell;
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::rc::Rc;
use std::task::Poll;
use std::time::Duration;

use aio_executor::{Driver, EventLoop, ParkDriver, spawn, yield_now};
use aio_timers::{Clock, Sleep, TimerDriver, sleep, timer_loop};

const SECOND: Duration = Duration::from_secs(1);

#[test]
fn a_sleep_polled_last_by_another_task_wakes_that_task() {
    // Task A polls the sleep directly (its timer keeps A's id), then task B
    // polls the same sleep directly: the timer must now wake B, not A. A
    // `set_waker` that kept any `Fire::Task` whenever the new waker also
    // names *a* task (not this one) would leave B asleep for ever.
    let event_loop = timer_loop(&Clock::new_virtual());
    let b_done_at_two_seconds = event_loop.run_until_complete(async {
        let shared: Rc<RefCell<Pin<Box<Sleep>>>> = Rc::new(RefCell::new(Box::pin(sleep(SECOND))));
        let a = spawn({
            let shared = shared.clone();
            poll_fn(move |cx| {
                // One poll, then A waits for nothing (a spurious wake at
                // one second is harmless: it polls nothing).
                let _ = shared.borrow_mut().as_mut().poll(cx);
                Poll::<()>::Pending
            })
        });
        yield_now().await; // A's first poll sets the timer
        let b = spawn({
            let shared = shared.clone();
            poll_fn(move |cx| shared.borrow_mut().as_mut().poll(cx))
        });
        yield_now().await; // B's first poll: the sleep's latest waker is B's
        // Past the deadline: B must have been woken and finished.
        sleep(2 * SECOND).await;
        let done = b.done();
        a.cancel();
        b.cancel();
        done
    });
    assert!(
        b_done_at_two_seconds,
        "the timer woke the task that polled the sleep first, not the last one"
    );
}

#[test]
fn a_timer_driver_driven_by_hand_fires_a_sleep_of_a_stopped_loop() {
    // The timer layer used by hand, as `call_later`'s firing path allows
    // (it runs a callback at once when no loop runs): entered, so that
    // sleeps find its timers, while a plain loop runs the sleeping task.
    // Before the fast path the timer kept the task's waker, and firing it
    // with no loop running put the task in its loop's remote queue; the
    // next run of the loop finished it. Now the timer keeps a `LocalTask`,
    // whose `wake` panics when its loop is not running.
    let mut timers = TimerDriver::new(ParkDriver::new(), Clock::new_virtual());
    timers.enter();
    let event_loop = EventLoop::new();
    // (In an array: a future handed out of an async block is a lint.)
    let [sleeper] = event_loop.run_until_complete(async {
        let sleeper = spawn(sleep(SECOND));
        yield_now().await; // the sleeper sets its timer in `timers`
        [sleeper]
    });
    assert_eq!(timers.pending_timers(), 1);
    // No loop runs: the virtual clock jumps to the deadline and fires.
    timers.park(None);
    let finished = event_loop.run_until_complete(async move { sleeper.await.is_ok() });
    timers.exit();
    assert!(finished);
}
