//! # Exercise 7.4: `as_completed`, in the order the tasks finish
//!
//! Goal: asyncio's `as_completed` gives the results of some tasks one at a
//! time, in the order the tasks **finish**, not the order they were given:
//! `while let Some(result) = results.next().await { ... }`. The order is
//! the order they really finished in, even for tasks that finished while
//! nobody was asking. Giving up on it half-way (dropping the
//! [`AsCompleted`]) cancels nothing: the tasks still running run on.
//!
//! asyncio gets the order from done-callbacks that put each task on a
//! queue as it finishes. Here the done-callback is a waker: [`as_completed`]
//! (written for you) leaves a `DoneCallback` waker with every task through
//! `poll_done`, so each task's end calls that waker's `wake`. Write `wake`,
//! which notes the end, and `poll_next`, which gives the results out.
//!
//! Read first: `book/src/ch07-gather-wait.md`, section "as_completed"
//! (`ch07-gather-wait.md#as_completed`).
//!
//! Stuck? `cargo lab hint 7.4` shows one hint at a time.
//!
//! Check: `cargo lab check 7` or `cargo test -p ex07-gather-wait --test as_completed`.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

use aio_executor::{JoinError, JoinHandle};

/// Gives the results of `handles` one at a time, in the order their tasks
/// finish (asyncio's `as_completed`). Tasks that have finished already
/// come first, in the order given.
pub fn as_completed<T>(handles: Vec<JoinHandle<T>>) -> AsCompleted<T> {
    let finished = Arc::new(Mutex::new(Finished::default()));
    for (index, handle) in handles.iter().enumerate() {
        let callback = Waker::from(Arc::new(DoneCallback {
            index,
            finished: finished.clone(),
        }));
        // Leave the callback with the task: its end wakes it. A task that
        // has ended already wakes nobody again, so call it now.
        if handle
            .poll_done(&mut Context::from_waker(&callback))
            .is_ready()
        {
            callback.wake();
        }
    }
    AsCompleted {
        handles: handles.into_iter().map(Some).collect(),
        finished,
    }
}

/// The results of [`as_completed`]: `while let Some(result) = it.next().await`.
#[derive(Debug)]
pub struct AsCompleted<T> {
    /// `handles[i]` is task `i`'s handle until its result is given out.
    handles: Vec<Option<JoinHandle<T>>>,
    /// Shared with the tasks' [`DoneCallback`] wakers.
    finished: Arc<Mutex<Finished>>,
}

/// What the done-callbacks have noted.
#[derive(Debug, Default)]
struct Finished {
    /// The indexes of the tasks that have ended and whose results have not
    /// been given out yet, in the order they ended.
    order: VecDeque<usize>,
    /// The waker of the task waiting in `next()`, if one waits.
    waiter: Option<Waker>,
}

/// The waker left with task `index`: woken when the task ends.
#[derive(Debug)]
struct DoneCallback {
    index: usize,
    finished: Arc<Mutex<Finished>>,
}

impl Wake for DoneCallback {
    fn wake(self: Arc<Self>) {
        // TODO: note that task `self.index` has ended, and wake the task
        // waiting in `next()`, if one waits.
        //
        // (No `todo!()` here: the loop calls this when a task ends, even
        // while a test is failing, and a panic then, on top of the first,
        // would abort the test run.)
    }
}

impl<T> AsCompleted<T> {
    /// How many results are still to come.
    pub fn remaining(&self) -> usize {
        self.handles.iter().flatten().count()
    }

    /// The next result in the order the tasks finished, or `None` when
    /// every result has been given out.
    // An async `next`, as a stream's: `Iterator::next` could not wait.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Next<'_, T> {
        Next { results: self }
    }

    /// Polls for the next result, as [`next`](AsCompleted::next) does.
    pub fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, JoinError>>> {
        // TODO: `None` once every result has been given out.
        // TODO: the next task to have ended, by the notes: take its
        // result out of its handle and give it.
        // TODO: none has ended: wait, so that the next end wakes this task.
        todo!()
    }
}

/// The future of [`AsCompleted::next`].
#[derive(Debug)]
pub struct Next<'a, T> {
    results: &'a mut AsCompleted<T>,
}

impl<T> Future for Next<'_, T> {
    type Output = Option<Result<T, JoinError>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.get_mut().results.poll_next(cx)
    }
}
