//! The order in which children finish, seen from the task that waits for
//! them.
//!
//! asyncio learns that a task finished from a done-callback, called in the
//! order the tasks finished; `as_completed` and `wait` hand results out in
//! that order. A future that only re-checks every child when it is woken
//! would see two children that finished in the same turn in argument order
//! instead. So each child gets a waker of its own: when the child's task
//! ends, its waker writes the child's index into a queue, in the order the
//! tasks actually ended, and wakes the waiting task.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Wake, Waker};

use aio_executor::{JoinError, JoinHandle, TaskRef};

// ANCHOR: completions
/// Indices of the children that finished, in finishing order, and the
/// waker of the task that waits for them.
#[derive(Debug, Default)]
pub(crate) struct Completions {
    shared: Arc<Shared>,
    /// The children still running when we started watching, each with the
    /// waker it holds for us. When we stop watching (dropped), each task
    /// forgets its waker: a task that outlives many `wait`s with a timeout
    /// would otherwise keep one waker per `wait` until it ends. (asyncio's
    /// `wait` removes its done-callback from every task, in a `finally`.)
    watched: RefCell<Vec<(TaskRef, Waker)>>,
}

#[derive(Debug, Default)]
struct Shared {
    /// Finished children not yet seen by the waiting task.
    finished: Mutex<VecDeque<usize>>,
    /// The waiting task's latest waker (`None` before its first poll).
    waiter: Mutex<Option<Waker>>,
}

// ANCHOR: child_waker
/// The waker a child's task wakes when it ends. Wakers must be `Send +
/// Sync`, hence the mutexes, even though every wake comes from the loop's
/// own thread.
struct ChildWaker {
    index: usize,
    shared: Arc<Shared>,
}

impl Wake for ChildWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        lock(&self.shared.finished).push_back(self.index);
        // Clone it out: waking with the lock held could deadlock if the
        // wake ran code that looks here.
        let waiter = lock(&self.shared.waiter).clone();
        if let Some(waiter) = waiter {
            waiter.wake();
        }
    }
}
// ANCHOR_END: child_waker

impl Completions {
    /// Starts watching `task` as child number `index`. A task that has
    /// already ended is recorded at once.
    pub(crate) fn watch(&self, index: usize, task: &TaskRef) {
        let waker = Waker::from(Arc::new(ChildWaker {
            index,
            shared: self.shared.clone(),
        }));
        // `poll_done` keeps the waker until the task ends and wakes it once.
        if task.poll_done(&mut Context::from_waker(&waker)).is_ready() {
            // Ended already (or refused by a closing loop): record it now,
            // and tell a waiter that may have looked already.
            waker.wake();
        } else {
            self.watched.borrow_mut().push((task.clone(), waker));
        }
    }

    /// The children that finished since the last call, oldest first; `cx`
    /// is woken when the next one finishes.
    pub(crate) fn take_finished(&self, cx: &Context<'_>) -> Vec<usize> {
        // The waker first, then the queue: a child that ends in between
        // is in the queue, or wakes the new waker.
        let mut waiter = lock(&self.shared.waiter);
        if !waiter.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
            *waiter = Some(cx.waker().clone());
        }
        drop(waiter);
        lock(&self.shared.finished).drain(..).collect()
    }
}
// ANCHOR_END: completions

impl Drop for Completions {
    fn drop(&mut self) {
        // A task that ended has let go of its waker already: forgetting
        // it again does nothing.
        for (task, waker) in self.watched.get_mut().drain(..) {
            task.forget_waker(&waker);
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Takes the result of a handle whose task has ended. Such a handle is
/// ready at once, so any waker will do.
pub(crate) fn take_result<T>(handle: &mut JoinHandle<T>) -> Result<T, JoinError> {
    let mut cx = Context::from_waker(Waker::noop());
    match Pin::new(handle).poll(&mut cx) {
        Poll::Ready(result) => result,
        Poll::Pending => unreachable!("take_result is only called on a task that has ended"),
    }
}
