//! Exercise 4.3: cancel, by dropping the future.
//!
//! In asyncio, `task.cancel()` throws `CancelledError` into the coroutine
//! at its next step. A Rust future cannot be thrown into; to cancel it, the
//! executor **drops** it. Every local the suspended `async` block was
//! holding is dropped right there, and the future never runs again. That
//! is what `JoinHandle::cancel` does to a task, at the task's next turn.
//!
//! Here you write it for one future. [`cancellable`] wraps a future and
//! returns the wrapper and a [`CancelHandle`]:
//! - [`CancelHandle::cancel`] asks for cancellation. It returns `false` if
//!   the wrapper has already finished (there is nothing left to cancel),
//!   `true` otherwise. The wrapped future cannot be dropped from here (the
//!   wrapper owns it), so `cancel` records the request and **wakes** the
//!   task, so that it is polled soon even if it was waiting on something
//!   that will never come.
//! - The wrapper's `poll` first looks for a request: if there is one, it
//!   drops the inner future and returns `Outcome::Cancelled`. Otherwise it
//!   polls the inner future: `Ready(v)` becomes `Outcome::Finished(v)`;
//!   on `Pending` it keeps the waker, for `cancel` to wake.
//!
//! Book: `ch04-executor.md#cancelling-a-task`.
//!
//! Stuck? `cargo lab hint 4.3` shows one hint at a time.
//!
//! Check: `cargo lab check 4`, or `cargo test -p ex04-executor --test cancel`.

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// How a cancellable future ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome<T> {
    /// The inner future returned this value.
    Finished(T),
    /// It was cancelled, and dropped, before it could finish.
    Cancelled,
}

/// What the wrapper and its cancel handle share.
#[derive(Default)]
struct Shared {
    /// `cancel` was called and the wrapper has not acted on it yet.
    cancel_requested: bool,
    /// The wrapper has returned `Ready`: nothing is left to cancel.
    finished: bool,
    /// The waker of the latest poll that returned `Pending`.
    waker: Option<Waker>,
}

/// Wraps `future` so that it can be cancelled through the returned handle.
pub fn cancellable<F: Future>(future: F) -> (Cancellable<F>, CancelHandle) {
    let shared = Rc::new(RefCell::new(Shared::default()));
    (
        Cancellable {
            future: Some(Box::pin(future)),
            shared: shared.clone(),
        },
        CancelHandle { shared },
    )
}

/// A future that ends with its inner future's value, or with `Cancelled`.
pub struct Cancellable<F> {
    /// The inner future; `None` once it has finished or been dropped.
    future: Option<Pin<Box<F>>>,
    shared: Rc<RefCell<Shared>>,
}

/// Cancels a [`Cancellable`] from outside.
pub struct CancelHandle {
    shared: Rc<RefCell<Shared>>,
}

impl CancelHandle {
    /// Asks for cancellation and wakes the task so it acts on it. Returns
    /// `false` if the wrapper has already finished.
    pub fn cancel(&self) -> bool {
        // TODO: refuse if finished; otherwise record the request and wake
        // the kept waker (outside the borrow).
        todo!()
    }
}

impl<F: Future> Future for Cancellable<F> {
    type Output = Outcome<F::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // TODO: a pending request drops the inner future and ends with
        // Cancelled; otherwise poll the inner future, and keep the waker
        // while it is Pending.
        todo!()
    }
}

impl<F> fmt::Debug for Cancellable<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cancellable")
            .field("inner_alive", &self.future.is_some())
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for CancelHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CancelHandle { .. }")
    }
}
