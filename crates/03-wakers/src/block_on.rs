//! A `block_on` that sleeps between polls instead of spinning.
//!
//! Stage 2's `block_on` polls again and again with a waker that does
//! nothing, because it has no way to learn when polling could help. Here the
//! waker carries that news: waking it sets a flag and unparks the thread
//! that called `block_on`, which sleeps in [`std::thread::park`] until then.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

// ANCHOR: signal
/// What the waker of [`block_on`] points at.
#[derive(Debug)]
struct Signal {
    /// True when a wake has arrived that the polling loop has not yet
    /// answered with a poll. Set by wakers, cleared by the loop.
    notified: AtomicBool,
    /// The thread blocked in `block_on`, to unpark on a wake.
    thread: Thread,
}

impl Wake for Signal {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // Flag first, unpark second: the thread may wake up the moment it is
        // unparked, and it must then find the flag set. (`Release` pairs
        // with the loop's `Acquire`, so whatever the waking thread wrote
        // before the wake is visible to the next poll.)
        self.notified.store(true, Ordering::Release);
        self.thread.unpark();
    }
}
// ANCHOR_END: signal

/// Runs `future` to completion on this thread, sleeping while it is
/// `Pending`, and returns its output with the number of polls it took.
///
/// A future that is woken once, from anywhere, costs two polls: the one
/// that returned `Pending` and stored the waker, and the one after the
/// wake. Stage 2's busy `block_on_counted` spends thousands on the same
/// future.
///
/// If nothing ever wakes the future, this sleeps forever: that is the
/// contract of `Pending`. Tests use [`check::drive`](crate::check::drive),
/// which notices instead.
// ANCHOR: block_on
pub fn block_on_counted<F: Future>(future: F) -> (F::Output, u64) {
    let mut future = pin!(future);
    let signal = Arc::new(Signal {
        notified: AtomicBool::new(false),
        thread: thread::current(),
    });
    let waker = Waker::from(Arc::clone(&signal));
    let mut cx = Context::from_waker(&waker);

    let mut polls = 0;
    loop {
        polls += 1;
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return (output, polls);
        }
        // Sleep until a wake. `swap(false)` reads the flag and clears it in
        // one step, so a wake can never fall between the two:
        // - a wake that came during the poll above left the flag set: no
        //   sleep at all, poll again at once;
        // - a wake that comes after the swap sets the flag and unparks; if
        //   it unparks before we park, `park` returns at once (the thread
        //   keeps one unpark token for that), and the swap then sees it.
        // `park` may also return for no reason at all, or because something
        // else on this thread unparked it; the flag is still false then, so
        // we park again instead of wasting a poll.
        while !signal.notified.swap(false, Ordering::Acquire) {
            thread::park();
        }
    }
}
// ANCHOR_END: block_on

/// Runs `future` to completion on this thread, sleeping while it is
/// `Pending`; [`block_on_counted`] without the count.
///
/// ```
/// use std::time::Duration;
/// use aio_wakers::{block_on, thread_sleep};
///
/// // Sleeps in `park` for 10 ms instead of polling in a loop.
/// block_on(thread_sleep(Duration::from_millis(10)));
/// assert_eq!(block_on(async { 6 * 7 }), 42);
/// ```
pub fn block_on<F: Future>(future: F) -> F::Output {
    block_on_counted(future).0
}
