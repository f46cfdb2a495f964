// A wrong answer to exercise 8.3 (join_counter), kept so `cargo lab
// verify` proves the suite catches it: `join` only looks at the count when
// it is polled, so if the count reaches zero and new work comes in before
// the joiner runs, the joiner misses its moment and waits for the new
// work too.
//
// expect: join() missed the moment the count reached zero

use std::cell::RefCell;
use std::collections::VecDeque;
use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// A queue of work items that counts the unfinished ones: asyncio's
/// `Queue` with its `task_done` and `join`, without waiting getters.
/// Clones share the queue.
pub struct WorkQueue<T> {
    inner: Rc<RefCell<Inner<T>>>,
}

/// What the clones of a [`WorkQueue`] and its [`Join`] futures share.
struct Inner<T> {
    /// The items not yet taken, oldest first.
    items: VecDeque<T>,
    /// Items put and not yet marked done with `task_done` (asyncio's
    /// `_unfinished_tasks`): taking an item does not finish it.
    unfinished: usize,
    /// How many times `unfinished` has come down to zero.
    rounds: u64,
    /// The wakers of the tasks waiting in `join`.
    joiners: Vec<Waker>,
}

/// The error of calling [`WorkQueue::task_done`] more times than items were
/// put: asyncio's `ValueError('task_done() called too many times')`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskDoneError;

impl fmt::Display for TaskDoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("task_done() called too many times")
    }
}

impl Error for TaskDoneError {}

impl<T> WorkQueue<T> {
    /// An empty queue with no unfinished work.
    pub fn new() -> Self {
        WorkQueue {
            inner: Rc::new(RefCell::new(Inner {
                items: VecDeque::new(),
                unfinished: 0,
                rounds: 0,
                joiners: Vec::new(),
            })),
        }
    }

    /// Adds an item: one more unfinished (asyncio's `put_nowait`).
    pub fn put(&self, item: T) {
        let mut inner = self.inner.borrow_mut();
        inner.items.push_back(item);
        inner.unfinished += 1;
    }

    /// Takes the front item, if any. It stays unfinished until
    /// [`task_done`](WorkQueue::task_done).
    pub fn get_nowait(&self) -> Option<T> {
        self.inner.borrow_mut().items.pop_front()
    }

    /// How many items are unfinished.
    pub fn unfinished(&self) -> usize {
        self.inner.borrow().unfinished
    }

    /// Marks one item done. When none is left unfinished, wakes every task
    /// waiting in [`join`](WorkQueue::join).
    pub fn task_done(&self) -> Result<(), TaskDoneError> {
        let joiners = {
            let mut inner = self.inner.borrow_mut();
            // Checked before the decrement: at 0, `unfinished - 1` would
            // overflow (a panic in a debug build, a huge count in release).
            if inner.unfinished == 0 {
                return Err(TaskDoneError);
            }
            inner.unfinished -= 1;
            if inner.unfinished > 0 {
                return Ok(());
            }
            // Down to zero: a new round, and every joiner may return.
            // Taking the wakers out leaves none to wake twice.
            inner.rounds += 1;
            std::mem::take(&mut inner.joiners)
        };
        // Wake after the borrow has ended: a wake may run code that looks at
        // the queue.
        for waker in joiners {
            waker.wake();
        }
        Ok(())
    }

    /// Waits until every item put has been marked done: asyncio's
    /// `await queue.join()`.
    pub fn join(&self) -> Join<T> {
        Join {
            queue: self.inner.clone(),
            since: None,
        }
    }
}

impl<T> Default for WorkQueue<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Clone for WorkQueue<T> {
    fn clone(&self) -> Self {
        WorkQueue {
            inner: self.inner.clone(),
        }
    }
}

impl<T> fmt::Debug for WorkQueue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = self.inner.borrow();
        f.debug_struct("WorkQueue")
            .field("items", &inner.items.len())
            .field("unfinished", &inner.unfinished)
            .field("joiners", &inner.joiners.len())
            .finish()
    }
}

/// The future of [`WorkQueue::join`].
pub struct Join<T> {
    /// The queue it waits on.
    queue: Rc<RefCell<Inner<T>>>,
    /// The round it started waiting in; `None` before its first `Pending`.
    since: Option<u64>,
}

impl<T> Future for Join<T> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        let mut inner = this.queue.borrow_mut();
        // Nothing unfinished: return at once, without waiting a turn
        // (asyncio: `if self._unfinished_tasks > 0: await ...`).
        if inner.unfinished == 0 {
            return Poll::Ready(());
        }
        // Wait; keep this poll's waker, once (a joiner polled again with the
        // same waker must not fill the list).
        if !inner.joiners.iter().any(|w| w.will_wake(cx.waker())) {
            inner.joiners.push(cx.waker().clone());
        }
        Poll::Pending
    }
}

impl<T> fmt::Debug for Join<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Join").field("since", &self.since).finish()
    }
}
