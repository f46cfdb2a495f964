// A wrong answer to exercise 7.3 (cancel_on_drop), kept so `cargo lab
// verify` proves the suite catches it: `drop` cancels the children
// whether or not the gather had already answered, so a gather that
// returned a child's failure still cancels the siblings left running.
//
// expect: must leave the children still running alone when it is dropped

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use aio_executor::TaskRef;

/// Runs `gather`, a future that waits for `children` and never cancels one
/// itself, and cancels the children still running if it is dropped before
/// `gather` has finished.
pub fn cancel_on_drop<F: Future>(gather: F, children: Vec<TaskRef>) -> CancelOnDrop<F> {
    CancelOnDrop {
        gather: Box::pin(gather),
        children,
        finished: false,
    }
}

/// The future of [`cancel_on_drop`].
pub struct CancelOnDrop<F> {
    /// The gather, boxed so that `CancelOnDrop` is `Unpin`.
    gather: Pin<Box<F>>,
    /// One per child: a `TaskRef` can cancel a task whose handle is
    /// elsewhere (inside the gather).
    children: Vec<TaskRef>,
    /// The gather has given its answer; from then on, dropping cancels
    /// nothing.
    finished: bool,
}

impl<F: Future> Future for CancelOnDrop<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let answer = ready!(this.gather.as_mut().poll(cx));
        // Set in the same poll that hands the answer out: there is no
        // moment when the caller has the answer and a drop would still
        // cancel the children. Not earlier (a first poll proves nothing),
        // and not on Pending.
        this.finished = true;
        Poll::Ready(answer)
    }
}

impl<F> Drop for CancelOnDrop<F> {
    /// Dropped before the gather finished: whoever awaited it was cancelled
    /// (or a timeout gave up), so its children are cancelled too.
    fn drop(&mut self) {
        for child in &self.children {
            // A child that has ended already is left as it is: `cancel`
            // says `false` and changes nothing.
            child.cancel();
        }
    }
}

impl<F> fmt::Debug for CancelOnDrop<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CancelOnDrop")
            .field("children", &self.children)
            .field("finished", &self.finished)
            .finish_non_exhaustive()
    }
}
