//! The parking `block_on`: one poll per wake, no poll for a spurious unpark,
//! and no wake lost whenever it arrives.

use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

use aio_wakers::{block_on, block_on_counted};

/// Longest any test here waits for a `block_on` running on another thread.
const WATCHDOG: Duration = Duration::from_secs(10);

/// Pending `times` times, waking itself by reference each time, then ready:
/// asyncio's `await asyncio.sleep(0)`, repeated.
fn yield_times(times: u64) -> impl Future<Output = u64> {
    let mut left = times;
    poll_fn(move |cx| {
        if left == 0 {
            return Poll::Ready(times);
        }
        left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
}

#[test]
fn a_ready_future_takes_one_poll() {
    assert_eq!(block_on_counted(async { "done" }), ("done", 1));
}

#[test]
fn a_wake_during_the_poll_is_answered_by_one_more_poll() {
    assert_eq!(block_on_counted(yield_times(1)), (1, 2));
    assert_eq!(block_on_counted(yield_times(50)), (50, 51));
}

#[test]
fn a_wake_racing_the_park_is_never_lost() {
    // The helper thread wakes at once, so its wake lands before, during or
    // after the park, depending on the scheduler. Every order must end in
    // exactly two polls, and none may hang.
    for _ in 0..200 {
        let mut spawned = false;
        let future = poll_fn(move |cx| {
            if spawned {
                return Poll::Ready(());
            }
            spawned = true;
            let waker = cx.waker().clone();
            thread::spawn(move || waker.wake());
            Poll::Pending
        });
        assert_eq!(block_on_counted(future).1, 2);
    }
}

#[test]
fn spurious_unparks_cost_no_polls() {
    let slot: Arc<Mutex<Option<Waker>>> = Arc::default();
    let (stored_tx, stored_rx) = mpsc::channel();
    let (done_tx, done_rx) = mpsc::channel();

    let future_slot = Arc::clone(&slot);
    let mut first = true;
    let future = poll_fn(move |cx: &mut Context<'_>| {
        if !first {
            return Poll::Ready(());
        }
        first = false;
        *future_slot.lock().unwrap() = Some(cx.waker().clone());
        stored_tx.send(()).unwrap();
        Poll::Pending
    });
    let blocked = thread::spawn(move || done_tx.send(block_on_counted(future).1).unwrap());

    stored_rx.recv_timeout(WATCHDOG).expect("the first poll");
    for _ in 0..100 {
        blocked.thread().unpark();
        thread::yield_now();
    }
    let waker = slot
        .lock()
        .unwrap()
        .take()
        .expect("stored by the first poll");
    waker.wake();

    let polls = done_rx
        .recv_timeout(WATCHDOG)
        .expect("block_on returns after the wake");
    assert_eq!(polls, 2, "the unparks without a wake must not poll");
}

#[test]
fn every_poll_gets_the_same_waker() {
    // `block_on` makes one waker, on one `Arc<Signal>`, and lends it to
    // every poll. `will_wake` is not the way to check that: std compares a
    // waker's data pointer *and* its vtable pointer, and does not promise
    // that two clones of a `Wake` waker share the vtable's address (under
    // miri they can differ). What `Waker::from(Arc<W>)` builds on is the Arc:
    // a clone's data pointer is that Arc's, so the first poll's waker, kept
    // alive here, and every later poll's must point at the same `Signal`.
    let mut first: Option<Waker> = None;
    let same = block_on(poll_fn(move |cx: &mut Context<'_>| match &first {
        None => {
            first = Some(cx.waker().clone());
            cx.waker().wake_by_ref();
            Poll::Pending
        }
        Some(stored) => Poll::Ready(stored.data() == cx.waker().data()),
    }));
    assert!(
        same,
        "the first and second polls' wakers point at different data"
    );
}

#[test]
fn the_future_is_dropped_before_block_on_returns() {
    struct Flagged(Arc<Mutex<bool>>);
    impl Drop for Flagged {
        fn drop(&mut self) {
            *self.0.lock().unwrap() = true;
        }
    }
    impl Future for Flagged {
        type Output = Arc<Mutex<bool>>;
        fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Self::Output> {
            Poll::Ready(Arc::clone(&self.0))
        }
    }
    let dropped = block_on(Flagged(Arc::default()));
    assert!(*dropped.lock().unwrap());
}
