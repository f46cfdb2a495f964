//! Tasks: `create_task`, `Task`, `current_task`, `all_tasks`.

use std::future::Future;

pub use aio_executor::trace::Outcome;
pub use aio_executor::{JoinHandle, TaskRef, all_tasks, current_task, yield_now};

use crate::errors::{Exception, FutureError, InvalidStateError, JoinError};

/// A task: asyncio's `Task`, as stage 4 built it ([`JoinHandle`]).
///
/// `.await` it for `Result<T, JoinError>`; `cancel()`, `cancelled()`,
/// `done()`, `name()` and `add_done_callback()` are the handle's own
/// methods, and [`TaskExt`] adds asyncio's spellings (`get_name`, `result`,
/// `exception`). Unlike an asyncio task, a `Task` owns its result: there is
/// one handle per task, and [`Task::task_ref`](JoinHandle::task_ref) gives
/// cloneable [`TaskRef`]s that can watch and cancel it.
pub type Task<T> = JoinHandle<T>;

/// Schedules `future` to run as a task on the running loop, and returns
/// the task: asyncio's `asyncio.create_task(coro)`. The task first runs
/// when the current one yields (at its next `.await` that waits), not now.
///
/// # Panics
///
/// With asyncio's words, "no running event loop", when no loop runs on
/// this thread (asyncio raises `RuntimeError`).
pub fn create_task<F>(future: F) -> Task<F::Output>
where
    F: Future + 'static,
    F::Output: 'static,
{
    aio_executor::create_task(future)
}

/// [`create_task`] with a name (asyncio's `create_task(coro, name=...)`):
/// the name shows in traces, in [`TaskExt::get_name`] and in error reports.
///
/// # Panics
///
/// When no loop runs on this thread.
pub fn create_task_named<F>(name: impl Into<String>, future: F) -> Task<F::Output>
where
    F: Future + 'static,
    F::Output: 'static,
{
    aio_executor::spawn_named(name, future)
}

/// asyncio's spellings of a task's methods, for [`Task`]. Import it with
/// `use asyncio::prelude::*`.
///
/// `result` and `exception` have the same types as the placeholder
/// [`Future`](crate::Future)'s (stage 2), as an asyncio `Task` is a
/// `Future`: a value, or a [`FutureError`] that says "not done yet"
/// ([`InvalidStateError`]), "cancelled" or "failed with this exception".
pub trait TaskExt<T> {
    /// The task's name: `Task-1`, `Task-2`, … unless it was given one
    /// (asyncio's `Task.get_name()`).
    fn get_name(&self) -> &str;

    /// The task's value, if it is done: asyncio's `Task.result()`.
    ///
    /// A `Task` owns its value, so the first call that finds it moves it
    /// out; asyncio can return it again and again, here a second call gives
    /// [`InvalidStateError::RESULT_TAKEN`]. Awaiting the task is the usual
    /// way to get the value; this is for code that knows the task is done
    /// (after `wait`, say).
    ///
    /// # Errors
    ///
    /// - [`FutureError::InvalidState`] while the task runs (asyncio's
    ///   "Result is not set.") or once its value was taken;
    /// - [`FutureError::Cancelled`] (alias [`CancelledError`](crate::CancelledError))
    ///   if it was cancelled;
    /// - [`FutureError::Exception`] with the panic's message if it panicked
    ///   (asyncio re-raises the task's exception).
    fn result(&mut self) -> Result<T, FutureError>;

    /// The task's panic as an [`Exception`], `None` if it returned
    /// normally: asyncio's `Task.exception()`. Like asyncio's, it marks the
    /// panic as retrieved, so the loop does not report it as never
    /// retrieved.
    ///
    /// # Errors
    ///
    /// [`FutureError::InvalidState`] while the task runs (asyncio's
    /// "Exception is not set.") and [`FutureError::Cancelled`] if it was
    /// cancelled, as asyncio raises. If the panic was already taken (the
    /// task was awaited), its message is gone and `Ok(None)` would be
    /// wrong: this gives [`InvalidStateError::RESULT_TAKEN`].
    fn exception(&self) -> Result<Option<Exception>, FutureError>;
}

impl<T: 'static> TaskExt<T> for Task<T> {
    fn get_name(&self) -> &str {
        self.name()
    }

    fn result(&mut self) -> Result<T, FutureError> {
        if !self.done() {
            return Err(InvalidStateError::RESULT_NOT_SET.into());
        }
        match self.try_take() {
            Some(Ok(value)) => Ok(value),
            Some(Err(err @ JoinError::Panicked(_))) => Err(FutureError::Exception(Exception::new(
                err.panic_message().unwrap_or("<non-string panic payload>"),
            ))),
            Some(Err(JoinError::Cancelled)) => Err(FutureError::Cancelled),
            // Taken already; a cancellation stays a cancellation.
            None if self.cancelled() => Err(FutureError::Cancelled),
            None => Err(InvalidStateError::RESULT_TAKEN.into()),
        }
    }

    fn exception(&self) -> Result<Option<Exception>, FutureError> {
        match self.outcome() {
            None => Err(InvalidStateError::EXCEPTION_NOT_SET.into()),
            Some(Outcome::Cancelled) => Err(FutureError::Cancelled),
            Some(Outcome::Returned) => Ok(None),
            Some(Outcome::Panicked) => match self.task_ref().panic_message() {
                Some(message) => Ok(Some(Exception::new(message))),
                None => Err(InvalidStateError::RESULT_TAKEN.into()),
            },
        }
    }
}
