//! # Exercise 8.4: a Semaphore that hands permits over
//!
//! Goal: write `acquire` for asyncio's `Semaphore`: at most `value` tasks
//! hold a permit at a time, waiters get permits first come, first served,
//! and cancelling a waiter never loses a permit nor makes one up.
//!
//! What is given: the free permits (`value`) and a line of waiters, each
//! with its id, its task's waker and a `woken` flag. [`Semaphore::release`]
//! adds a permit and calls `wake_up_next`, which, if a permit is free,
//! **hands it over** to the first waiter not yet woken: it takes the permit
//! out of `value`, marks the waiter `woken` and wakes it. That is the
//! difference from the lock of exercise 8.2: the permit changes hands at
//! the wake, not when the waiter runs. The woken waiter stays in line until
//! it runs.
//!
//! The rules are CPython 3.11's (`asyncio.Semaphore`, checked under
//! 3.11.7):
//!
//! * A newcomer takes a permit at once only if one is free **and nobody is
//!   in line**; otherwise it queues at the back.
//! * A waiter polled when it is `woken` already has its permit: it leaves
//!   the line (taking nothing more from `value`), and if permits are still
//!   free it calls `wake_up_next`, for a newcomer may have queued behind it
//!   while it was woken. Polled when it is not woken, it keeps its place
//!   and refreshes its waker.
//! * A waiter dropped while in line (its task was cancelled) leaves the
//!   line. If it was woken, it gives its permit back to `value` and calls
//!   `wake_up_next`; if it was not, it took nothing and gives nothing.
//!
//! What you write: `poll` and `Drop` for [`Acquire`]. `Drop` starts empty
//! rather than with `todo!()`: a panic there would break every test that
//! drops an acquirer, not only the tests about `Drop`.
//!
//! Read first: `book/src/ch08-queues.md`, section "Semaphore"
//! (`ch08-queues.md#semaphore`).
//!
//! Stuck? `cargo lab hint 8.4` shows one hint at a time.
//!
//! Check: `cargo lab check 8` or `cargo test -p ex08-queues --test semaphore`.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// asyncio's `Semaphore` for tasks on one loop. Clones share it.
#[derive(Clone)]
pub struct Semaphore {
    inner: Rc<RefCell<Inner>>,
}

/// What the clones of a [`Semaphore`] and its [`Acquire`] futures share.
struct Inner {
    /// The permits free for the taking (asyncio's `_value`). A permit
    /// handed to a woken waiter is no longer counted here.
    value: usize,
    /// The acquirers waiting, longest-waiting first. A woken waiter stays
    /// here, marked `woken`, until it runs.
    waiters: VecDeque<Waiter>,
    /// The id the next [`Acquire`] gets.
    next_id: u64,
}

/// One acquirer in line.
struct Waiter {
    id: u64,
    waker: Waker,
    /// A permit was handed to it (asyncio's `fut.done()`).
    woken: bool,
}

impl Inner {
    /// If a permit is free, hands it to the first waiter not yet woken and
    /// returns that waiter's waker (to wake once the borrow has ended):
    /// asyncio's `_wake_up_next`.
    fn wake_up_next(&mut self) -> Option<Waker> {
        if self.value == 0 {
            return None;
        }
        let waiter = self.waiters.iter_mut().find(|w| !w.woken)?;
        waiter.woken = true;
        self.value -= 1;
        Some(waiter.waker.clone())
    }
}

impl Semaphore {
    /// A semaphore with `value` permits.
    pub fn new(value: usize) -> Self {
        Semaphore {
            inner: Rc::new(RefCell::new(Inner {
                value,
                waiters: VecDeque::new(),
                next_id: 0,
            })),
        }
    }

    /// Waits for a permit and takes it: asyncio's `await sem.acquire()`.
    pub fn acquire(&self) -> Acquire {
        let id = {
            let mut inner = self.inner.borrow_mut();
            inner.next_id += 1;
            inner.next_id
        };
        Acquire {
            semaphore: self.inner.clone(),
            id,
            waiting: false,
        }
    }

    /// Gives a permit back and hands it to the first waiter not yet woken,
    /// if there is one.
    pub fn release(&self) {
        let waker = {
            let mut inner = self.inner.borrow_mut();
            inner.value += 1;
            inner.wake_up_next()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// The permits free for the taking.
    pub fn value(&self) -> usize {
        self.inner.borrow().value
    }

    /// Whether an acquire would wait (asyncio's `locked()`): no permit is
    /// free, or someone is in line.
    pub fn locked(&self) -> bool {
        let inner = self.inner.borrow();
        inner.value == 0 || !inner.waiters.is_empty()
    }

    /// How many acquirers are in line, woken ones included.
    pub fn waiting(&self) -> usize {
        self.inner.borrow().waiters.len()
    }
}

impl fmt::Debug for Semaphore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = self.inner.borrow();
        f.debug_struct("Semaphore")
            .field("value", &inner.value)
            .field("waiters", &inner.waiters.len())
            .finish()
    }
}

/// The future of [`Semaphore::acquire`]: `Ready(())` once this task holds
/// a permit, which it gives back with [`Semaphore::release`].
pub struct Acquire {
    /// The semaphore it takes a permit of.
    semaphore: Rc<RefCell<Inner>>,
    /// This acquirer's id in the line.
    id: u64,
    /// True while it is in line (woken or not).
    waiting: bool,
}

impl Future for Acquire {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // TODO: a newcomer (not waiting yet) takes a permit out of `value`
        // if one is free and nobody is in line; otherwise it gets in line at
        // the back with its id and waker, remembers that it is waiting, and
        // returns `Pending`.
        // TODO: a waiter finds itself in line by its id. Not `woken`: refresh
        // the waker, stay `Pending`. `woken`: its permit is already taken
        // out of `value`; leave the line, call `wake_up_next`, and return
        // `Ready` (wake what it returned after the borrow has ended).
        todo!()
    }
}

impl Drop for Acquire {
    fn drop(&mut self) {
        // TODO: an acquirer that is not waiting owes the semaphore nothing.
        // TODO: otherwise leave the line. If it was `woken`, give its permit
        // back to `value` and call `wake_up_next` (wake after the borrow of
        // the semaphore has ended).
    }
}

impl fmt::Debug for Acquire {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Acquire")
            .field("id", &self.id)
            .field("waiting", &self.waiting)
            .finish()
    }
}
