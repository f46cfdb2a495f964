//! `wait`: watch tasks until a condition holds, cancel nothing, and hand
//! the tasks back as `(done, pending)`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use aio_executor::trace::Outcome;
use aio_executor::{JoinHandle, TaskRef};
use aio_timers::{Sleep, sleep};

use crate::completions::Completions;

/// When [`wait`] returns: asyncio's `return_when` constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReturnWhen {
    /// When every task has ended (`ALL_COMPLETED`, the default in asyncio).
    AllCompleted,
    /// When any task ends (`FIRST_COMPLETED`).
    FirstCompleted,
    /// When any task panics, or else when every task has ended
    /// (`FIRST_EXCEPTION`). A cancelled task is not an exception here, as
    /// in asyncio.
    FirstException,
}

// ANCHOR: wait_fn
/// Waits for `tasks` until `return_when` holds or `timeout` passes, and
/// returns them as `(done, pending)`: asyncio's `asyncio.wait`.
///
/// * It takes [`JoinHandle`]s only, never bare futures: asyncio 3.11
///   refuses coroutines too, because a coroutine `wait` wrapped in a task
///   would come back as a task the caller never saw.
/// * It never cancels anything, not even on timeout: the tasks come back,
///   the ended ones in `done` (in the order they ended; awaiting them is
///   immediate) and the others in `pending` (in argument order), for the
///   caller to await or cancel.
/// * A timeout starts when the wait is first polled and is not an error:
///   the tasks not done by then are simply `pending`.
/// * With no tasks at all it returns two empty lists at once, where
///   asyncio raises `ValueError`.
// ANCHOR: wait_body
pub fn wait<T: 'static>(
    tasks: impl IntoIterator<Item = JoinHandle<T>>,
    return_when: ReturnWhen,
    timeout: Option<Duration>,
) -> Wait<T> {
    let tasks: Vec<JoinHandle<T>> = tasks.into_iter().collect();
    let refs: Vec<TaskRef> = tasks.iter().map(JoinHandle::task_ref).collect();
    let completions = Completions::default();
    for (index, task) in refs.iter().enumerate() {
        completions.watch(index, task);
    }
    Wait {
        tasks: tasks.into_iter().map(Some).collect(),
        refs,
        completions,
        done: Vec::new(),
        return_when,
        timeout: timeout.map(sleep),
    }
}
// ANCHOR_END: wait_body
// ANCHOR_END: wait_fn

/// The future of [`wait`]. Dropping it cancels nothing.
#[must_use = "futures do nothing unless awaited"]
pub struct Wait<T> {
    /// Argument order; `None` once handed out.
    tasks: Vec<Option<JoinHandle<T>>>,
    refs: Vec<TaskRef>,
    completions: Completions,
    /// Indices of the tasks that ended, in the order they ended.
    done: Vec<usize>,
    return_when: ReturnWhen,
    /// Started by the first poll.
    timeout: Option<Sleep>,
}

impl<T> Wait<T> {
    // ANCHOR: wait_condition
    /// Whether `return_when` holds for the tasks ended so far.
    fn satisfied(&self) -> bool {
        let all = self.done.len() == self.tasks.len();
        match self.return_when {
            ReturnWhen::AllCompleted => all,
            ReturnWhen::FirstCompleted => all || !self.done.is_empty(),
            ReturnWhen::FirstException => {
                all || self
                    .done
                    .iter()
                    .any(|&i| self.refs[i].outcome() == Some(Outcome::Panicked))
            }
        }
    }
    // ANCHOR_END: wait_condition

    fn split(&mut self) -> (Vec<JoinHandle<T>>, Vec<JoinHandle<T>>) {
        let done = self
            .done
            .iter()
            .map(|&i| self.tasks[i].take().expect("each task ends once"))
            .collect();
        let pending = self.tasks.iter_mut().filter_map(Option::take).collect();
        (done, pending)
    }
}

// ANCHOR: wait_poll
impl<T> Future for Wait<T> {
    type Output = (Vec<JoinHandle<T>>, Vec<JoinHandle<T>>);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let finished = this.completions.take_finished(cx);
        this.done.extend(finished);
        if this.satisfied() {
            return Poll::Ready(this.split());
        }
        if let Some(timeout) = &mut this.timeout {
            if Pin::new(timeout).poll(cx).is_ready() {
                // Time is up: hand everything back as it stands, cancel
                // nothing.
                return Poll::Ready(this.split());
            }
        }
        Poll::Pending
    }
}
// ANCHOR_END: wait_poll

impl<T> fmt::Debug for Wait<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Wait")
            .field("tasks", &self.refs)
            .field("done", &self.done)
            .field("return_when", &self.return_when)
            .finish()
    }
}
