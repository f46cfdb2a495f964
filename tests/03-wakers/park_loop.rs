// Suite for exercise 3.3, the park loop with a time limit. Written once, run
// against the stub and the solution through each crate's
// `tests/park_loop.rs`.
//
// Every call runs on a helper thread, watched from the test's thread with a
// generous limit, so a loop that sleeps forever fails the test instead of
// hanging it.

use std::future::{Future, poll_fn};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use aio_wakers::thread_sleep;
use subject::block_on_timeout;

/// How long the test waits for `block_on_timeout` to return at all.
const WATCHDOG: Duration = Duration::from_secs(10);
/// The limit given to futures that will finish well before it.
const PLENTY: Duration = Duration::from_secs(5);

/// Starts `block_on_timeout(make(), limit)` on a helper thread.
fn start<F, T>(
    make: impl FnOnce() -> F + Send + 'static,
    limit: Duration,
) -> (JoinHandle<()>, mpsc::Receiver<Option<(T, u64)>>)
where
    F: Future<Output = T>,
    T: Send + 'static,
{
    let (tx, rx) = mpsc::channel();
    let handle = thread::spawn(move || {
        let _ = tx.send(block_on_timeout(make(), limit));
    });
    (handle, rx)
}

/// Waits for the helper thread's answer, failing if it never comes.
fn answer<T>(rx: &mpsc::Receiver<Option<(T, u64)>>) -> Option<(T, u64)> {
    match rx.recv_timeout(WATCHDOG) {
        Ok(answer) => answer,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("block_on_timeout did not return within {WATCHDOG:?}: is a wake lost?")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            panic!("block_on_timeout panicked (see its message above)")
        }
    }
}

/// A future that keeps its waker in `slot` and is ready once woken.
fn wait_in(slot: Arc<Mutex<Option<Waker>>>) -> impl Future<Output = ()> {
    let mut polled = false;
    poll_fn(move |cx| {
        if polled {
            return Poll::Ready(());
        }
        polled = true;
        *slot.lock().unwrap() = Some(cx.waker().clone());
        Poll::Pending
    })
}

#[test]
fn a_ready_future_takes_one_poll() {
    let (_, rx) = start(|| async { 42 }, PLENTY);
    assert_eq!(
        answer(&rx),
        Some((42, 1)),
        "a future that is ready at once must give its value after exactly one poll: (value, polls)"
    );
}

#[test]
fn a_future_woken_from_a_thread_takes_two_polls() {
    let (_, rx) = start(|| thread_sleep(Duration::from_millis(20)), PLENTY);
    assert_eq!(
        answer(&rx),
        Some(((), 2)),
        "one poll before the wake, one after: no polling while it waits"
    );
}

#[test]
fn a_wake_during_the_poll_is_not_lost() {
    let make = || {
        let mut woke = false;
        poll_fn(move |cx| {
            if woke {
                return Poll::Ready("woken before the park");
            }
            woke = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        })
    };
    let (_, rx) = start(make, PLENTY);
    assert_eq!(
        answer(&rx),
        Some(("woken before the park", 2)),
        "a future that wakes itself before returning Pending must be polled again at once, two \
         polls in all: a wake that lands before the park must not be lost"
    );
}

#[test]
fn spurious_unparks_cost_no_polls() {
    let slot: Arc<Mutex<Option<Waker>>> = Arc::default();
    let for_future = Arc::clone(&slot);
    let (handle, rx) = start(move || wait_in(for_future), PLENTY);

    let deadline = Instant::now() + WATCHDOG;
    while slot.lock().unwrap().is_none() {
        if handle.is_finished() {
            // Returned or panicked before its first poll kept the waker.
            let polls = answer(&rx).map(|(_, polls)| polls);
            panic!("block_on_timeout returned {polls:?} without waiting for the wake");
        }
        assert!(Instant::now() < deadline, "the first poll never happened");
        thread::sleep(Duration::from_millis(1));
    }
    for _ in 0..100 {
        handle.thread().unpark();
        thread::yield_now();
    }
    slot.lock().unwrap().take().unwrap().wake();
    assert_eq!(
        answer(&rx),
        Some(((), 2)),
        "an unpark without a wake must not cause a poll"
    );
}

#[test]
fn a_future_nobody_wakes_gives_up_at_the_limit() {
    let slot: Arc<Mutex<Option<Waker>>> = Arc::default();
    let for_future = Arc::clone(&slot);
    let limit = Duration::from_millis(100);
    let started = Instant::now();
    let (_, rx) = start(move || wait_in(for_future), limit);
    assert_eq!(
        answer(&rx),
        None,
        "a future that nobody wakes must make block_on give up (None) once the deadline has \
         passed, not wait for ever"
    );
    assert!(
        started.elapsed() >= limit,
        "gave up after {:?}, before the limit of {limit:?}",
        started.elapsed()
    );
}

#[test]
fn spurious_unparks_do_not_end_the_wait_early() {
    let slot: Arc<Mutex<Option<Waker>>> = Arc::default();
    let for_future = Arc::clone(&slot);
    let limit = Duration::from_millis(200);
    let started = Instant::now();
    let (handle, rx) = start(move || wait_in(for_future), limit);
    // Unpark it again and again while it waits, never waking it.
    for _ in 0..20 {
        handle.thread().unpark();
        thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(
        answer(&rx),
        None,
        "an unpark that is not a wake must not count as one: block_on must check the notified \
         flag, park again, and give up at the deadline (None)"
    );
    assert!(
        started.elapsed() >= limit,
        "gave up after {:?}, before the limit of {limit:?}",
        started.elapsed()
    );
}
