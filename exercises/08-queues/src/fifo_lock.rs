//! # Exercise 8.2: a Lock taken first come, first served
//!
//! Goal: write `acquire` for asyncio's `Lock`, so that waiters get the lock
//! in the order they came, and a cancelled acquirer leaves the lock usable.
//!
//! What is given: the lock's state (`locked`) and its line of waiters, each
//! with its id, its task's waker and a `woken` flag. [`Lock::release`]
//! unlocks the lock and wakes the first waiter (`wake_up_first`), marking it
//! `woken`; that waiter stays in line until it runs and takes the lock.
//!
//! The rules are CPython 3.11's (`asyncio.Lock`, checked under 3.11.7):
//!
//! * A newcomer takes the lock at once only if it is free **and nobody is
//!   in line**. Between `release` and the moment the woken waiter runs, the
//!   lock is free (`locked()` is false), yet a newcomer may not barge in: it
//!   queues at the back like everyone else.
//! * A waiter polled when it is `woken` leaves the line and takes the lock;
//!   polled when it is not, it keeps its place and refreshes its waker.
//! * A waiter dropped while in line (its task was cancelled) leaves the
//!   line, and if the lock is free it wakes the first waiter: if the
//!   cancelled one was the woken one, its wake-up would be lost otherwise.
//!
//! What you write: `poll` and `Drop` for [`Acquire`]. `Drop` starts empty
//! rather than with `todo!()`: a panic there would break every test that
//! drops an acquirer, not only the tests about `Drop`.
//!
//! Read first: `book/src/ch08-queues.md`, section "Lock"
//! (`ch08-queues.md#lock`).
//!
//! Stuck? `cargo lab hint 8.2` shows one hint at a time.
//!
//! Check: `cargo lab check 8` or `cargo test -p ex08-queues --test fifo_lock`.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// asyncio's `Lock` for tasks on one loop. Clones share the lock.
#[derive(Clone)]
pub struct Lock {
    inner: Rc<RefCell<Inner>>,
}

/// What the clones of a [`Lock`] and its [`Acquire`] futures share.
struct Inner {
    /// Whether a task holds the lock.
    locked: bool,
    /// The acquirers waiting for it, longest-waiting first. A woken waiter
    /// stays here, marked `woken`, until it runs.
    waiters: VecDeque<Waiter>,
    /// The id the next [`Acquire`] gets.
    next_id: u64,
}

/// One acquirer in line.
struct Waiter {
    id: u64,
    waker: Waker,
    /// `release` (or a cancelled waiter) woke it: the lock is its to take
    /// when it runs. asyncio's `fut.done()`.
    woken: bool,
}

impl Inner {
    /// Wakes the first waiter unless it is woken already: asyncio's
    /// `_wake_up_first`. Returns the waker to wake once the borrow of the
    /// lock has ended.
    fn wake_up_first(&mut self) -> Option<Waker> {
        let first = self.waiters.front_mut()?;
        if first.woken {
            // It will run and take the lock (or, cancelled, wake the next).
            return None;
        }
        first.woken = true;
        Some(first.waker.clone())
    }
}

/// The error of releasing a lock nobody holds: asyncio's
/// `RuntimeError('Lock is not acquired.')`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotLocked;

impl fmt::Display for NotLocked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Lock is not acquired.")
    }
}

impl Error for NotLocked {}

impl Lock {
    /// An unlocked lock.
    pub fn new() -> Self {
        Lock {
            inner: Rc::new(RefCell::new(Inner {
                locked: false,
                waiters: VecDeque::new(),
                next_id: 0,
            })),
        }
    }

    /// Waits for the lock and takes it: asyncio's `await lock.acquire()`.
    pub fn acquire(&self) -> Acquire {
        let id = {
            let mut inner = self.inner.borrow_mut();
            inner.next_id += 1;
            inner.next_id
        };
        Acquire {
            lock: self.inner.clone(),
            id,
            waiting: false,
        }
    }

    /// Gives the lock up and wakes the first waiter, who takes it when it
    /// runs. Until then the lock is unlocked (`locked()` is false), but no
    /// newcomer can take it: the woken waiter is still in line.
    pub fn release(&self) -> Result<(), NotLocked> {
        let waker = {
            let mut inner = self.inner.borrow_mut();
            if !inner.locked {
                return Err(NotLocked);
            }
            inner.locked = false;
            inner.wake_up_first()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
        Ok(())
    }

    /// Whether a task holds the lock (asyncio's `locked()`).
    pub fn locked(&self) -> bool {
        self.inner.borrow().locked
    }

    /// How many acquirers are in line, woken ones included.
    pub fn waiting(&self) -> usize {
        self.inner.borrow().waiters.len()
    }
}

impl Default for Lock {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Lock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = self.inner.borrow();
        f.debug_struct("Lock")
            .field("locked", &inner.locked)
            .field("waiters", &inner.waiters.len())
            .finish()
    }
}

/// The future of [`Lock::acquire`]: `Ready(())` once this task holds the
/// lock, which it gives up with [`Lock::release`].
pub struct Acquire {
    /// The lock it takes.
    lock: Rc<RefCell<Inner>>,
    /// This acquirer's id in the line.
    id: u64,
    /// True while it is in line (woken or not).
    waiting: bool,
}

impl Future for Acquire {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // TODO: a newcomer (not waiting yet) takes the lock if it is free and
        // nobody is in line; otherwise it gets in line at the back with its
        // id and waker, remembers that it is waiting, and returns `Pending`.
        // TODO: a waiter finds itself in line by its id: if it is `woken`,
        // it leaves the line and takes the lock; if not, it refreshes its
        // waker and stays `Pending`.
        todo!()
    }
}

impl Drop for Acquire {
    fn drop(&mut self) {
        // TODO: an acquirer that is not waiting owes the lock nothing.
        // TODO: otherwise leave the line; then, if the lock is free, wake the
        // first waiter (wake after the borrow of the lock has ended).
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
