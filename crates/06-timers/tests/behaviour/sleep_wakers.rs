//! Whom a sleep wakes when its timer fires: the task that polled it, by the
//! task's id, when the task awaited it directly (so the task needs no waker
//! of its own); otherwise the waker it was polled with last, as the
//! `Future` contract asks. Either way the wake is not lost when the timer
//! fires with the loop stopped.

use std::cell::{Cell, RefCell};
use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use aio_executor::{Driver, EventLoop, ParkDriver, spawn, yield_now};
use aio_timers::{Clock, Sleep, TimerDriver, now, sleep, timer_loop};

const SECOND: Duration = Duration::from_secs(1);

#[test]
fn sleeping_tasks_keep_no_waker_of_their_own() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let (sleepers, keeper) = event_loop.run_until_complete(async {
        let sleepers: Vec<_> = (1..=100u32)
            .map(|secs| {
                spawn(async move {
                    sleep(secs * SECOND).await;
                    (secs, now())
                })
            })
            .collect();
        // For contrast, a task whose future keeps a clone of its waker.
        let kept: Rc<Cell<Option<Waker>>> = Rc::default();
        let keeper = spawn(poll_fn(move |cx| {
            kept.set(Some(cx.waker().clone()));
            Poll::<()>::Pending
        }));
        aio_executor::yield_now().await; // everyone takes a first step
        (sleepers, keeper)
    });
    assert_eq!(event_loop.task_count(), 101);
    assert_eq!(
        event_loop.own_waker_count(),
        1,
        "only the task that kept a clone of its waker should have one"
    );
    // And each sleeper still wakes, on time.
    let ends = event_loop.run_until_complete(async move {
        let mut ends = Vec::new();
        for sleeper in sleepers {
            ends.push(sleeper.await.unwrap());
        }
        keeper.cancel();
        ends
    });
    for (secs, at) in ends {
        assert_eq!(at, secs * SECOND);
    }
}

/// Counts its wakes, and passes each on to the task's waker.
struct Counting {
    wakes: AtomicUsize,
    task: Waker,
}

impl Wake for Counting {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.wakes.fetch_add(1, Ordering::SeqCst);
        self.task.wake_by_ref();
    }
}

/// Sleeps one second, polling the sleep first with the task's own context
/// or with a counting waker (`first_counted`), then again with the other
/// one before it is due. Returns how many times the counting waker was
/// woken, and when the sleep ended.
async fn sleep_switching_wakers(first_counted: bool) -> (usize, Duration) {
    let mut sleep = pin!(sleep(SECOND));
    let mut counting: Option<Arc<Counting>> = None;
    let mut polls = 0;
    poll_fn(|cx| {
        let counter = counting.get_or_insert_with(|| {
            Arc::new(Counting {
                wakes: AtomicUsize::new(0),
                task: cx.waker().clone(),
            })
        });
        polls += 1;
        // Poll 1 with one waker, polls 2 and on with the other.
        let counted = (polls == 1) == first_counted;
        let result = if counted {
            let waker = Waker::from(counter.clone());
            sleep.as_mut().poll(&mut Context::from_waker(&waker))
        } else {
            sleep.as_mut().poll(cx)
        };
        if polls == 1 {
            // Come back at once, to poll again with the other waker.
            cx.waker().wake_by_ref();
        }
        result.map(|()| counter.wakes.load(Ordering::SeqCst))
    })
    .await;
    let wakes = counting.map_or(0, |c| c.wakes.load(Ordering::SeqCst));
    (wakes, now())
}

#[test]
fn a_sleep_polled_last_under_another_waker_wakes_that_waker() {
    // First polled by its task directly (kept by id), then under a
    // combinator's waker: the timer must wake the combinator's.
    let event_loop = timer_loop(&Clock::new_virtual());
    let (wakes, at) = event_loop.run_until_complete(sleep_switching_wakers(false));
    assert_eq!(at, SECOND);
    assert_eq!(
        wakes, 1,
        "the waker of the sleep's latest poll was not woken"
    );
}

#[test]
fn a_sleep_polled_last_by_its_task_no_longer_wakes_the_earlier_waker() {
    // First polled under a combinator's waker, then by its task directly:
    // the timer wakes the task, not the waker it was polled with before.
    let event_loop = timer_loop(&Clock::new_virtual());
    let (wakes, at) = event_loop.run_until_complete(sleep_switching_wakers(true));
    assert_eq!(at, SECOND);
    assert_eq!(wakes, 0, "an earlier poll's waker was woken");
}

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
    // Fired with no loop running, the timer puts the task in its loop's
    // remote queue, as a kept waker would; the loop's next run finishes it.
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
