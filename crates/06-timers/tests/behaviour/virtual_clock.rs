//! The timer layer over a driver: what it passes down as the park timeout,
//! and when a virtual clock may jump.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use aio_executor::{Driver, EventLoop, Unpark, spawn, trace, yield_now};
use aio_timers::{Clock, TimerDriver, now, sleep, timer_loop};

const SECOND: Duration = Duration::from_secs(1);

/// Every timeout the inner driver was given, in order.
type Parks = Rc<RefCell<Vec<Option<Duration>>>>;

/// A driver below the timer layer that records every timeout it is given.
/// With `io` set it claims a socket could wake it, and really waits.
struct Recorder {
    parks: Parks,
    io: bool,
}

struct NoUnpark;

impl Unpark for NoUnpark {
    fn unpark(&self) {}
}

impl Driver for Recorder {
    fn park(&mut self, timeout: Option<Duration>) {
        self.parks.borrow_mut().push(timeout);
        if let Some(timeout) = timeout {
            thread::sleep(timeout);
        }
    }

    fn unparker(&self) -> Arc<dyn Unpark> {
        Arc::new(NoUnpark)
    }

    fn waits_on_io(&self) -> bool {
        self.io
    }
}

fn recorded_loop(clock: &Clock, io: bool) -> (EventLoop<TimerDriver<Recorder>>, Parks) {
    let parks = Rc::new(RefCell::new(Vec::new()));
    let driver = Recorder {
        parks: parks.clone(),
        io,
    };
    let event_loop = EventLoop::with_driver(TimerDriver::new(driver, clock.clone()));
    (event_loop, parks)
}

#[test]
fn with_nothing_else_to_wait_for_the_virtual_clock_jumps_and_only_looks_below() {
    let clock = Clock::new_virtual();
    let (event_loop, parks) = recorded_loop(&clock, false);
    event_loop.run_until_complete(sleep(3600 * SECOND));
    assert_eq!(clock.now(), 3600 * SECOND);
    // The inner driver never waited: every park below was "just look".
    assert!(
        parks.borrow().iter().all(|t| *t == Some(Duration::ZERO)),
        "{:?}",
        parks.borrow()
    );
}

#[test]
fn on_a_real_clock_the_time_to_the_next_deadline_is_passed_down() {
    let clock = Clock::real();
    let (event_loop, parks) = recorded_loop(&clock, false);
    event_loop.run_until_complete(sleep(Duration::from_millis(40)));
    let parks = parks.borrow();
    let waits: Vec<Duration> = parks
        .iter()
        .flatten()
        .copied()
        .filter(|t| !t.is_zero())
        .collect();
    assert!(!waits.is_empty(), "{parks:?}");
    // Never an unbounded wait, never longer than the sleep itself.
    assert!(parks.iter().all(Option::is_some), "{parks:?}");
    assert!(
        waits.iter().all(|t| *t <= Duration::from_millis(40)),
        "{parks:?}"
    );
}

#[test]
fn when_a_socket_could_wake_the_loop_the_virtual_clock_waits_in_real_time() {
    let clock = Clock::new_virtual();
    let (event_loop, parks) = recorded_loop(&clock, true);
    let woke_at = event_loop.run_until_complete(async {
        sleep(Duration::from_millis(30)).await;
        now()
    });
    // The deadline was passed down as a real wait, and the clock followed.
    let first = parks
        .borrow()
        .iter()
        .flatten()
        .copied()
        .find(|t| !t.is_zero());
    assert!(
        first.is_some_and(|t| t <= Duration::from_millis(30)),
        "{:?}",
        parks.borrow()
    );
    assert_eq!(woke_at, Duration::from_millis(30));
}

#[test]
fn no_jump_while_a_task_is_ready() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let (spins, at) = event_loop.run_until_complete(async {
        let sleeper = spawn(sleep(SECOND));
        // A busy task that keeps yielding: the clock must not move under it.
        let mut spins = 0;
        while !sleeper.done() && spins < 1000 {
            yield_now().await;
            spins += 1;
        }
        (spins, now())
    });
    assert_eq!(spins, 1000, "the sleeper woke while work was ready");
    assert_eq!(at, Duration::ZERO);
}

#[test]
fn a_wake_from_another_thread_is_served_before_the_clock_jumps() {
    let event_loop = timer_loop(&Clock::new_virtual());
    let (order, at) = event_loop.run_until_complete(async {
        let log = Rc::new(RefCell::new(Vec::new()));
        let l = log.clone();
        let _sleeper = spawn(async move {
            sleep(3600 * SECOND).await;
            l.borrow_mut().push("an hour later");
        });
        // Wait on a flag that another thread sets; the thread is done (and
        // has woken us) before we ever park.
        let l = log.clone();
        let from_thread = Arc::new(std::sync::Mutex::new(None::<std::task::Waker>));
        let waiting = from_thread.clone();
        let mut started = false;
        std::future::poll_fn(move |cx| {
            if started {
                return std::task::Poll::Ready(());
            }
            started = true;
            *waiting.lock().unwrap() = Some(cx.waker().clone());
            let w = waiting.clone();
            thread::spawn(move || w.lock().unwrap().take().unwrap().wake())
                .join()
                .unwrap();
            std::task::Poll::Pending
        })
        .await;
        l.borrow_mut().push("woken from a thread");
        let at = now();
        let order = log.borrow().clone();
        drop(from_thread);
        (order, at)
    });
    assert_eq!(order, ["woken from a thread"]);
    assert_eq!(
        at,
        Duration::ZERO,
        "the clock jumped before serving the wake"
    );
}

#[test]
fn advance_moves_a_virtual_clock_and_late_timers_fire_at_the_next_park() {
    let clock = Clock::new_virtual();
    let event_loop = timer_loop(&clock).with_trace();
    let c = clock.clone();
    let woke_at = event_loop.run_until_complete(async move {
        let sleeper = spawn(async {
            sleep(SECOND).await;
            now()
        });
        yield_now().await; // the sleeper sets its timer
        c.advance(3 * SECOND); // a blocking call, modelled
        trace::note("blocked for 3 s");
        sleeper.await.unwrap()
    });
    assert_eq!(woke_at, 3 * SECOND, "late by the time the loop was held");
    let trace = event_loop.take_trace().to_string();
    assert!(
        trace.contains("3.000s  loop     timer fired (due 1.000s)"),
        "{trace}"
    );
}

#[test]
#[should_panic(expected = "needs a virtual clock")]
fn a_real_clock_cannot_be_advanced() {
    Clock::real().advance(SECOND);
}

#[test]
fn the_trace_is_stamped_with_the_loop_clock() {
    let event_loop = timer_loop(&Clock::new_virtual()).with_trace();
    event_loop.run_until_complete(async {
        sleep(2 * SECOND).await;
        trace::note("after two seconds");
    });
    let trace = event_loop.take_trace().to_string();
    assert!(trace.contains("virtual clock jumps to 2.000s"), "{trace}");
    assert!(
        trace.contains("2.000s  Task-1   | after two seconds"),
        "{trace}"
    );
}
