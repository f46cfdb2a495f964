//! # Exercise 8.3: `task_done` and `join`
//!
//! Goal: count a queue's unfinished work the way asyncio's `Queue` does.
//! Every `put` adds one unfinished item (given). Taking an item out does
//! not finish it: a consumer calls `task_done()` when its work on the item
//! is over. `await queue.join()` waits until every item put has been
//! marked done.
//!
//! What you write:
//!
//! * [`WorkQueue::task_done`]: one item fewer unfinished. Called more
//!   times than items were put, it is an error: `Err(TaskDoneError)`, which
//!   reads "task_done() called too many times", like asyncio's
//!   `ValueError`, and the count stays at zero. When the count comes down to
//!   zero, every task waiting in `join` is woken.
//! * `poll` for [`Join`]: with no unfinished item it returns at once (it
//!   does not wait a turn). Otherwise it waits, keeping its task's waker
//!   with the queue, until the count **reaches** zero. asyncio's `join`
//!   waits on an event that the last `task_done` sets, so a joiner that was
//!   waiting at that moment returns, even if a `put` made the count
//!   non-zero again before it ran (checked under CPython 3.11.7). The
//!   `rounds` counter is there for that: it goes up each time the count
//!   reaches zero.
//!
//! Read first: `book/src/ch08-queues.md`, section "task_done and join"
//! (`ch08-queues.md#task_done-and-join`).
//!
//! Stuck? `cargo lab hint 8.3` shows one hint at a time.
//!
//! Check: `cargo lab check 8` or
//! `cargo test -p ex08-queues --test join_counter`.

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
        // TODO: refuse with Err(TaskDoneError) when nothing is unfinished.
        // TODO: count one fewer; when that makes zero, start a new round and
        // wake every joiner (after the borrow of the queue has ended).
        todo!()
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
        // TODO: nothing unfinished: Ready at once.
        // TODO: if the count reached zero since this joiner started waiting
        // (a later round than the one it noted), Ready.
        // TODO: otherwise note the round (first time only), keep the waker
        // in `joiners`, and return `Pending`.
        todo!()
    }
}

impl<T> fmt::Debug for Join<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Join").field("since", &self.since).finish()
    }
}
