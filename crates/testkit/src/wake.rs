//! A waker that counts its wakes, for tests that hold a future to its half of
//! the `Pending` contract.
//!
//! A future that answers `Pending` promises that it has arranged a wake. The
//! cheapest way to see whether it kept the promise is to poll it with a waker
//! that only counts, and look at the count afterwards. Stage 3 builds wakers
//! properly, and a checking waker that also notices a waker kept but never
//! woken; this is the small tool that stage 2's tests and exercise suites
//! need before that chapter exists.
//!
//! ```
//! use std::future::poll_fn;
//! use std::task::Poll;
//! use aio_testkit::wake::{counting_waker, poll_with};
//!
//! let (counter, waker) = counting_waker();
//! let mut yields_once = poll_fn({
//!     let mut polled = false;
//!     move |cx| {
//!         if polled {
//!             return Poll::Ready(());
//!         }
//!         polled = true;
//!         cx.waker().wake_by_ref(); // "poll me again at once"
//!         Poll::Pending
//!     }
//! });
//! assert_eq!(poll_with(&mut yields_once, &waker), Poll::Pending);
//! assert_eq!(counter.wakes(), 1);
//! assert_eq!(poll_with(&mut yields_once, &waker), Poll::Ready(()));
//! ```

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

/// What a [`counting_waker`] points at: how often it has been woken.
#[derive(Debug, Default)]
pub struct WakeCount {
    /// Wakes by value and by reference alike; it only ever goes up.
    wakes: AtomicUsize,
}

impl WakeCount {
    /// How many wakes so far, by value or by reference, from any thread.
    pub fn wakes(&self) -> usize {
        self.wakes.load(Ordering::SeqCst)
    }
}

impl Wake for WakeCount {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    // std's default would clone the `Arc` and wake the clone: the same count,
    // for two more atomic operations on the `Arc`.
    fn wake_by_ref(self: &Arc<Self>) {
        self.wakes.fetch_add(1, Ordering::SeqCst);
    }
}

/// A fresh [`WakeCount`] at zero, and a waker that adds one to it on every
/// wake.
pub fn counting_waker() -> (Arc<WakeCount>, Waker) {
    let count = Arc::new(WakeCount::default());
    let waker = Waker::from(Arc::clone(&count));
    (count, waker)
}

/// Polls `future` once, with `waker` in its context.
///
/// For `Unpin` futures, which covers every hand-written future of the early
/// chapters. Pin a compiler-made one first (`let mut fut = pin!(fut);`) and
/// pass `&mut fut`: a pinned reference is itself an `Unpin` future.
pub fn poll_with<F: Future + Unpin>(future: &mut F, waker: &Waker) -> Poll<F::Output> {
    Pin::new(future).poll(&mut Context::from_waker(waker))
}
