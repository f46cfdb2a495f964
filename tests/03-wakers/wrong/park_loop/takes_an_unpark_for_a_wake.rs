// A wrong answer to exercise 3.3 (park_loop), kept so `cargo lab verify`
// proves the suite catches it: after a Pending it parks once and polls
// again, taking any return of `park_timeout` for a wake. An unpark from
// elsewhere (or a spurious return) makes it poll a future nobody woke,
// and it never gives up at the deadline while something keeps unparking.
//
// expect: an unpark that is not a wake must not count as one

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::{Duration, Instant};

/// What the waker of [`block_on_timeout`] points at.
#[derive(Debug)]
struct Signal {
    /// A wake arrived that the loop has not yet answered with a poll.
    notified: AtomicBool,
    /// The thread blocked in `block_on_timeout`.
    thread: Thread,
}

impl Wake for Signal {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // The flag first: the thread may run the moment it is unparked, and
        // must find the flag already set.
        self.notified.store(true, Ordering::Release);
        self.thread.unpark();
    }
}

/// Runs `future` on this thread until it is ready or `limit` has passed.
///
/// Returns the output and the number of polls, or `None` if the future was
/// still pending when the time ran out.
pub fn block_on_timeout<F: Future>(future: F, limit: Duration) -> Option<(F::Output, u64)> {
    let deadline = Instant::now() + limit;
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
            return Some((output, polls));
        }
        // Wait for a wake. A wake during the poll left the flag set, so we
        // do not sleep at all; a wake after the swap unparks us, and the
        // unpark token makes `park_timeout` return even if it came first.
        if signal.notified.swap(false, Ordering::Acquire) {
            continue;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return None;
        }
        thread::park_timeout(left);
    }
}
