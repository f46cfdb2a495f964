// A wrong answer to exercise 7.4 (as_completed), kept so `cargo lab
// verify` proves the suite catches it: it leaves a callback with every
// task, but a task that had already ended never calls its callback, and
// the answer does not call it either, so that task's result never comes.
//
// expect: which had already ended

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
        // Leave the callback with the task: its end wakes it.
        let _ = handle.poll_done(&mut Context::from_waker(&callback));
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
        let waiter = {
            let mut finished = self.finished.lock().unwrap();
            finished.order.push_back(self.index);
            finished.waiter.take()
        };
        // Wake after the lock is released: waking may run code that takes
        // the lock again.
        if let Some(waiter) = waiter {
            waiter.wake();
        }
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
        if self.remaining() == 0 {
            return Poll::Ready(None);
        }
        let next = {
            let mut finished = self.finished.lock().unwrap();
            let next = finished.order.pop_front();
            if next.is_none() {
                // Keep the waker in the same critical section that found
                // the queue empty: no end can slip in between the two.
                finished.waiter = Some(cx.waker().clone());
            }
            next
        };
        let Some(index) = next else {
            return Poll::Pending;
        };
        // The task has ended, so this poll takes its result at once, and
        // the handle is never left half-awaited. The handles of the tasks
        // still running are not polled at all: dropping this `AsCompleted`
        // cancels none of them, as abandoning asyncio's as_completed does not.
        let mut handle = self.handles[index]
            .take()
            .expect("each task ends once, so its index is noted once");
        match Pin::new(&mut handle).poll(cx) {
            Poll::Ready(result) => Poll::Ready(Some(result)),
            Poll::Pending => unreachable!("the task's end woke its callback"),
        }
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
