//! `shield`: await a task without tying its fate to the waiting.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use aio_executor::{JoinError, JoinHandle, spawn};

use crate::completions::take_result;

// ANCHOR: shield
/// Runs `future` as a task and awaits it through a shield: asyncio's
/// `shield`.
///
/// Awaiting the [`Shield`] gives the task's result. Dropping the shield
/// (because the task awaiting it was cancelled, or a timeout gave up) does
/// **not** cancel the task: it runs on. Cancelling the task itself still
/// works, and the shield then gives [`JoinError::Cancelled`].
pub fn shield<F>(future: F) -> Shield<F::Output>
where
    F: Future + 'static,
    F::Output: 'static,
{
    shield_task(spawn(future))
}

/// [`shield`] for a task that already exists.
pub fn shield_task<T>(task: JoinHandle<T>) -> Shield<T> {
    Shield { task: Some(task) }
}

/// The future of [`shield`].
#[must_use = "the task runs anyway; await the shield to get its result"]
pub struct Shield<T> {
    /// `None` once the result was taken.
    task: Option<JoinHandle<T>>,
}

// ANCHOR: shield_poll
impl<T> Future for Shield<T> {
    type Output = Result<T, JoinError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let task = self
            .task
            .as_mut()
            .expect("a Shield was polled after it completed");
        // Watch, don't await: a handle dropped in the middle of an `.await`
        // cancels its task, one that was only watched does not.
        std::task::ready!(task.poll_done(cx));
        let result = take_result(task);
        self.task = None;
        Poll::Ready(result)
    }
}
// ANCHOR_END: shield_poll
// ANCHOR_END: shield

impl<T> Shield<T> {
    /// The shielded task, to cancel it on purpose or check on it.
    pub fn task(&self) -> Option<&JoinHandle<T>> {
        self.task.as_ref()
    }
}

impl<T> fmt::Debug for Shield<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Shield").field(&self.task).finish()
    }
}
