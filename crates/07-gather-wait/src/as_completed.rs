//! `as_completed`: the tasks, one at a time, in the order they end.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use aio_executor::{JoinHandle, TaskRef};
use aio_timers::{Elapsed, Sleep, now, sleep_until};

use crate::completions::Completions;

// ANCHOR: as_completed_fn
/// Hands `tasks` back one at a time, each as soon as it ends: asyncio's
/// `as_completed`.
///
/// [`AsCompleted::next`] gives the next task to end, already done, so
/// awaiting it gives its result at once (asyncio's loop is
/// `for f in as_completed(aws): result = await f`). The optional `timeout`
/// is for the whole iteration and counts from this call, as in asyncio
/// 3.13 (3.11's `as_completed` is a generator, whose clock starts at the
/// first iteration);
/// when it passes, `next` gives `Err(Elapsed)` once, then `None`. Nothing is
/// ever cancelled: [`AsCompleted::into_pending`] gives back the tasks still
/// running.
///
/// # Panics
///
/// With a timeout, when no loop with timers runs on this thread (the
/// deadline is read from its clock).
pub fn as_completed<T: 'static>(
    tasks: impl IntoIterator<Item = JoinHandle<T>>,
    timeout: Option<Duration>,
) -> AsCompleted<T> {
    let tasks: Vec<JoinHandle<T>> = tasks.into_iter().collect();
    let completions = Completions::default();
    for (index, task) in tasks.iter().enumerate() {
        completions.watch(index, &task.task_ref());
    }
    AsCompleted {
        refs: tasks.iter().map(JoinHandle::task_ref).collect(),
        tasks: tasks.into_iter().map(Some).collect(),
        completions,
        ready: Vec::new(),
        deadline: timeout.map(|timeout| sleep_until(now() + timeout)),
        timed_out: false,
    }
}
// ANCHOR_END: as_completed_fn

/// The tasks of [`as_completed`], handed out in the order they end.
/// Dropping it cancels nothing.
pub struct AsCompleted<T> {
    /// Argument order; `None` once handed out.
    tasks: Vec<Option<JoinHandle<T>>>,
    refs: Vec<TaskRef>,
    completions: Completions,
    /// Ended, not yet handed out, oldest first.
    ready: Vec<usize>,
    deadline: Option<Sleep>,
    /// The deadline passed and `Err(Elapsed)` was given.
    timed_out: bool,
}

impl<T> AsCompleted<T> {
    /// The next task to end, once it has ended; `Err(Elapsed)` once if the
    /// timeout passes first; `None` when every task was handed out (or
    /// after the timeout).
    // Not `Iterator::next`: this one is a future, like a stream's `next`.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Next<'_, T> {
        Next { tasks: self }
    }

    /// [`next`](AsCompleted::next) as a poll function.
    // ANCHOR: as_completed_poll
    pub fn poll_next(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<JoinHandle<T>, Elapsed>>> {
        if self.timed_out {
            return Poll::Ready(None);
        }
        self.ready.extend(self.completions.take_finished(cx));
        if !self.ready.is_empty() {
            let index = self.ready.remove(0);
            let task = self.tasks[index].take().expect("each task ends once");
            return Poll::Ready(Some(Ok(task)));
        }
        if self.remaining() == 0 {
            return Poll::Ready(None);
        }
        if let Some(deadline) = &mut self.deadline {
            if Pin::new(deadline).poll(cx).is_ready() {
                self.timed_out = true;
                return Poll::Ready(Some(Err(Elapsed)));
            }
        }
        Poll::Pending
    }
    // ANCHOR_END: as_completed_poll

    /// How many tasks have not been handed out yet.
    pub fn remaining(&self) -> usize {
        self.tasks.iter().flatten().count()
    }

    /// The tasks not handed out yet, in argument order, to await or cancel.
    pub fn into_pending(mut self) -> Vec<JoinHandle<T>> {
        self.tasks.iter_mut().filter_map(Option::take).collect()
    }
}

/// The future of [`AsCompleted::next`].
#[must_use = "futures do nothing unless awaited"]
pub struct Next<'a, T> {
    tasks: &'a mut AsCompleted<T>,
}

impl<T> Future for Next<'_, T> {
    type Output = Option<Result<JoinHandle<T>, Elapsed>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.tasks.poll_next(cx)
    }
}

impl<T> fmt::Debug for AsCompleted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsCompleted")
            .field("tasks", &self.refs)
            .field("remaining", &self.remaining())
            .field("timed_out", &self.timed_out)
            .finish()
    }
}

impl<T> fmt::Debug for Next<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Next").field(&self.tasks).finish()
    }
}
