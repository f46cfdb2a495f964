//! The simplest executor there is: poll in a loop until the future is done.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Runs `fut` to completion on this thread and returns its output, together
/// with how many times it had to poll it.
///
/// It polls again immediately after every Pending, with a waker that does
/// nothing when woken ([`Waker::noop`]). So it works with any future, even
/// one that forgets to wake (it would hang a real executor), and it wastes a
/// whole CPU core while it waits: every poll but the last one answers
/// Pending and achieves nothing. The count makes that waste visible; stage 3
/// replaces the loop with one that sleeps until a wake.
///
/// ```
/// use aio_futures::{block_on_counted, Countdown};
///
/// let (value, polls) = block_on_counted(Countdown::new(2, 'x'));
/// assert_eq!((value, polls), ('x', 3));
/// ```
// ANCHOR: block_on
pub fn block_on_counted<F: Future>(fut: F) -> (F::Output, u64) {
    // `poll` needs `Pin<&mut F>`. Pinning on our own stack is enough: the
    // future is polled only inside this frame and dropped before it returns.
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    let mut polls = 0;
    loop {
        polls += 1;
        if let Poll::Ready(output) = fut.as_mut().poll(&mut cx) {
            return (output, polls);
        }
        // Pending: a real executor would now wait for a wake. We just ask
        // again, which is correct and wasteful in equal measure.
    }
}

/// Runs `fut` to completion on this thread, polling it in a busy loop, and
/// returns its output. [`block_on_counted`] without the count.
///
/// ```
/// use aio_futures::block_on;
///
/// assert_eq!(block_on(async { 6 * 7 }), 42);
/// ```
pub fn block_on<F: Future>(fut: F) -> F::Output {
    block_on_counted(fut).0
}
// ANCHOR_END: block_on
