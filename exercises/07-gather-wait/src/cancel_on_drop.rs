//! # Exercise 7.3: Cancelling a gather
//!
//! Goal: in asyncio, cancelling a gather cancels every child still running.
//! In Rust a future is cancelled by dropping it, so a gather dropped before
//! it has finished (its caller was cancelled, or a timeout gave up on it)
//! must cancel its children. But only then: a gather that has returned,
//! with every value or with the first failure while other children still
//! run, leaves the children alone when it is dropped.
//!
//! [`CancelOnDrop`] adds that rule to a gather that lacks it (one that
//! waits for its children and never cancels one, like exercise 7.1's). It
//! runs the gather and passes its answer through, and it holds a
//! [`TaskRef`] for each child: a `TaskRef` can cancel a task whose handle
//! is somewhere else (here, inside the gather). Write its `poll` and its
//! `drop`.
//!
//! Read first: `book/src/ch07-gather-wait.md`, section "Cancelling a gather"
//! (`ch07-gather-wait.md#cancelling-a-gather`).
//!
//! Stuck? `cargo lab hint 7.3` shows one hint at a time.
//!
//! Check: `cargo lab check 7` or `cargo test -p ex07-gather-wait --test cancel_on_drop`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

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
        // TODO: poll the gather and pass its answer through, keeping track
        // of whether it has given its answer.
        todo!()
    }
}

impl<F> Drop for CancelOnDrop<F> {
    fn drop(&mut self) {
        // TODO: if the gather has not finished, cancel the children.
        //
        // (No `todo!()` here: the stub's `poll` panics, and a `drop` that
        // panicked too, while that panic unwinds, would abort the test run.)
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
