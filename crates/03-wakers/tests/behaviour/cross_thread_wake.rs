//! Wakes that come from other threads: they reach the sleeping thread, and
//! none is lost.

use std::future::poll_fn;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};
use std::thread;
use std::time::{Duration, Instant};

use aio_wakers::{WakeCounter, block_on_counted, check, raw_counting_waker, thread_sleep};

const WATCHDOG: Duration = Duration::from_secs(10);

#[test]
fn thread_sleep_is_woken_once_and_polled_twice() {
    let started = Instant::now();
    let ((), polls) = block_on_counted(thread_sleep(Duration::from_millis(30)));
    assert_eq!(polls, 2);
    assert!(started.elapsed() >= Duration::from_millis(30));
}

#[test]
fn thread_sleep_passes_the_checking_waker() {
    check::drive(thread_sleep(Duration::from_millis(10)), 3);
}

#[test]
fn a_wake_from_another_thread_unparks_the_watcher() {
    let counter = WakeCounter::watched_by(thread::current());
    let waker = raw_counting_waker(&counter);
    let sent = waker.clone();
    let helper = thread::spawn(move || {
        thread::sleep(Duration::from_millis(10));
        sent.wake();
    });

    let deadline = Instant::now() + WATCHDOG;
    while counter.counts().wakes == 0 {
        assert!(Instant::now() < deadline, "the wake never arrived");
        thread::park_timeout(deadline - Instant::now());
    }
    helper.join().unwrap();
    drop(waker);
    assert_eq!(counter.counts().alive(), 0);
}

#[test]
fn wakes_from_many_threads_are_never_lost() {
    const THREADS: u64 = 16;
    let arrived = Arc::new(AtomicU64::new(0));
    let slot: Arc<Mutex<Option<Waker>>> = Arc::default();
    let mut spawned = false;

    let future = {
        let arrived = Arc::clone(&arrived);
        poll_fn(move |cx| {
            // Store first, then look: a thread that arrives after the look
            // finds the new waker in the slot.
            *slot.lock().unwrap() = Some(cx.waker().clone());
            if arrived.load(Ordering::Acquire) == THREADS {
                return Poll::Ready(());
            }
            if !spawned {
                spawned = true;
                for _ in 0..THREADS {
                    let arrived = Arc::clone(&arrived);
                    let slot = Arc::clone(&slot);
                    thread::spawn(move || {
                        arrived.fetch_add(1, Ordering::Release);
                        let waker = slot.lock().unwrap().clone();
                        if let Some(waker) = waker {
                            waker.wake();
                        }
                    });
                }
            }
            Poll::Pending
        })
    };

    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || done_tx.send(block_on_counted(future).1).unwrap());
    let polls = done_rx
        .recv_timeout(WATCHDOG)
        .expect("a lost wake would leave block_on asleep forever");
    // At least the first poll and one after the last arrival; at most one
    // poll per wake, since wakes that pile up before a poll merge into one.
    assert!((2..=THREADS + 1).contains(&polls), "{polls} polls");
    assert_eq!(arrived.load(Ordering::Acquire), THREADS);
}
