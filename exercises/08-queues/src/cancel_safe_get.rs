//! # Exercise 8.1: a `get` that survives cancellation
//!
//! Goal: write the `get` of a small unbounded FIFO queue, asyncio's
//! `await queue.get()`, so that cancelling a getter never loses an item.
//!
//! What is given: the queue keeps its items in a `VecDeque`, and the
//! getters waiting for one in a FIFO list (`getters`), each with its id and
//! its task's waker. [`Queue::put`] adds the item, then takes the
//! longest-waiting getter *off the list* and wakes it: that getter now holds
//! the wake-up meant to deliver this item.
//!
//! What you write:
//!
//! * `poll` for [`Get`]. An item in the queue is taken at once. Otherwise
//!   the getter waits in line: at the back of the list, with its id and
//!   waker, then `Pending`. A getter polled again while it is still on the
//!   list has not been woken by `put`: it keeps its place (once in line, not
//!   twice) and only refreshes its waker.
//! * `Drop` for [`Get`]: dropping a `Get` that has not finished is how a
//!   task waiting in `get` is cancelled. A getter still in line must leave
//!   the list. A getter that `put` already woke but that is cancelled before
//!   it ran must pass the wake-up on to the next getter in line, if an item
//!   is waiting: otherwise that item sits in the queue while another getter
//!   waits for it forever. (asyncio's `Queue.get` does exactly this in its
//!   `except` block.)
//!
//! `Drop` starts empty rather than with `todo!()`: a panic there would
//! break every test that drops a getter, not only the tests about `Drop`.
//!
//! Read first: `book/src/ch08-queues.md`, section "Cancel-safety"
//! (`ch08-queues.md#cancel-safety`), after "Queue"
//! (`ch08-queues.md#queue`).
//!
//! Stuck? `cargo lab hint 8.1` shows one hint at a time.
//!
//! Check: `cargo lab check 8` or
//! `cargo test -p ex08-queues --test cancel_safe_get`.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// An unbounded FIFO queue for tasks on one loop: asyncio's `Queue()`
/// without `maxsize`, `task_done` or `join`. Clones share the queue.
pub struct Queue<T> {
    inner: Rc<RefCell<Inner<T>>>,
}

/// What the clones of a [`Queue`] and its [`Get`] futures share.
struct Inner<T> {
    /// The items, oldest first.
    items: VecDeque<T>,
    /// The getters waiting for an item, longest-waiting first.
    getters: VecDeque<Getter>,
    /// The id the next [`Get`] gets.
    next_id: u64,
}

/// One getter in line: who it is and how to wake its task.
struct Getter {
    id: u64,
    waker: Waker,
}

impl<T> Inner<T> {
    /// Takes the longest-waiting getter off the list and returns its waker:
    /// asyncio's `_wakeup_next(self._getters)`. Wake it after the borrow of
    /// the queue has ended.
    fn wake_next(&mut self) -> Option<Waker> {
        self.getters.pop_front().map(|getter| getter.waker)
    }
}

impl<T> Queue<T> {
    /// An empty queue.
    pub fn new() -> Self {
        Queue {
            inner: Rc::new(RefCell::new(Inner {
                items: VecDeque::new(),
                getters: VecDeque::new(),
                next_id: 0,
            })),
        }
    }

    /// Adds `item` at the back and wakes the longest-waiting getter, taking
    /// it off the list: that getter now holds the wake-up for this item.
    /// asyncio's `put_nowait` (an unbounded queue never makes `put` wait).
    pub fn put(&self, item: T) {
        let waker = {
            let mut inner = self.inner.borrow_mut();
            inner.items.push_back(item);
            inner.wake_next()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// Takes the front item if there is one, without waiting (asyncio's
    /// `get_nowait`, with `None` for its `QueueEmpty`).
    pub fn get_nowait(&self) -> Option<T> {
        self.inner.borrow_mut().items.pop_front()
    }

    /// Waits for an item and takes it: asyncio's `await queue.get()`.
    pub fn get(&self) -> Get<T> {
        let id = {
            let mut inner = self.inner.borrow_mut();
            inner.next_id += 1;
            inner.next_id
        };
        Get {
            queue: self.inner.clone(),
            id,
            waiting: false,
        }
    }

    /// How many items are in the queue (asyncio's `qsize()`).
    pub fn len(&self) -> usize {
        self.inner.borrow().items.len()
    }

    /// Whether the queue has no item (asyncio's `empty()`).
    pub fn is_empty(&self) -> bool {
        self.inner.borrow().items.is_empty()
    }

    /// How many getters are on the waiting list.
    pub fn waiting_getters(&self) -> usize {
        self.inner.borrow().getters.len()
    }
}

impl<T> Default for Queue<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Clone for Queue<T> {
    fn clone(&self) -> Self {
        Queue {
            inner: self.inner.clone(),
        }
    }
}

impl<T> fmt::Debug for Queue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = self.inner.borrow();
        f.debug_struct("Queue")
            .field("items", &inner.items.len())
            .field("getters", &inner.getters.len())
            .finish()
    }
}

/// The future of [`Queue::get`].
pub struct Get<T> {
    /// The queue it takes from.
    queue: Rc<RefCell<Inner<T>>>,
    /// This getter's id on the waiting list.
    id: u64,
    /// True from the first `Pending` until it returns an item: it is on the
    /// waiting list, or `put` took it off to wake it and it has not run yet.
    waiting: bool,
}

impl<T> Future for Get<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        // TODO: if this getter is still on the waiting list (find its id),
        // `put` has not woken it: refresh its waker and stay `Pending`.
        // TODO: otherwise take the front item if there is one, and finish.
        // TODO: otherwise go to the back of the line with your id and waker,
        // remember that you are waiting, and return `Pending`.
        todo!()
    }
}

impl<T> Drop for Get<T> {
    fn drop(&mut self) {
        // TODO: a getter that is not waiting (it never waited, or it got its
        // item) owes the queue nothing.
        // TODO: still on the list: take it off.
        // TODO: off the list, so `put` woke it and it never ran: if an item
        // is waiting, wake the next getter in line (wake after the borrow of
        // the queue has ended).
    }
}

impl<T> fmt::Debug for Get<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Get")
            .field("id", &self.id)
            .field("waiting", &self.waiting)
            .finish()
    }
}
