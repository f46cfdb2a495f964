// A wrong answer to exercise 8.1 (cancel_safe_get), kept so `cargo lab
// verify` proves the suite catches it: a cancelled getter takes itself off
// the list, but one that `put` had already woken, cancelled before it ran,
// does not hand its wake-up on, so the item waits while another getter
// waits for it.
//
// expect: must pass the wake-up on in Drop

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
        // `Get` is `Unpin`: plain `&mut` access to its fields.
        let this = self.get_mut();
        let id = this.id;
        let mut inner = this.queue.borrow_mut();
        // Still on the list: `put` has not come to us yet, so this poll is
        // not our turn (a spurious wake, or a select polling every branch).
        // Keep the newest waker and keep our place; pushing a second entry
        // would make one getter wait in line twice.
        if let Some(getter) = inner.getters.iter_mut().find(|g| g.id == id) {
            if !getter.waker.will_wake(cx.waker()) {
                getter.waker = cx.waker().clone();
            }
            return Poll::Pending;
        }
        // Not in line: a new getter, or one `put` woke. Take an item if
        // there is one; the getter is done with the queue.
        if let Some(item) = inner.items.pop_front() {
            this.waiting = false;
            return Poll::Ready(item);
        }
        // Nothing to take (a new getter on an empty queue, or a woken one
        // whose item a `get_nowait` took first): wait at the back, as
        // CPython's `while self.empty():` loop appends a new getter.
        inner.getters.push_back(Getter {
            id,
            waker: cx.waker().clone(),
        });
        this.waiting = true;
        Poll::Pending
    }
}

impl<T> Drop for Get<T> {
    fn drop(&mut self) {
        // Never waited, or already got its item: the queue owes it nothing.
        if !self.waiting {
            return;
        }
        // Cancelled while in line: leave it.
        self.queue.borrow_mut().getters.retain(|g| g.id != self.id);
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
