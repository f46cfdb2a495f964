// A wrong answer to exercise 8.2 (fifo_lock), kept so `cargo lab verify`
// proves the suite catches it: a new acquirer takes a free lock without
// looking at the line, so between a release and the woken waiter's turn a
// newcomer barges in ahead of it.
//
// expect: a newcomer took the lock while a woken waiter had not run yet

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
        let this = self.get_mut();
        let mut inner = this.lock.borrow_mut();
        if !this.waiting {
            // A newcomer. Free and nobody in line: take it. Free but with
            // someone in line means a woken waiter has not run yet: the
            // lock is theirs, so queue behind them like everyone else.
            if !inner.locked {
                inner.locked = true;
                return Poll::Ready(());
            }
            inner.waiters.push_back(Waiter {
                id: this.id,
                waker: cx.waker().clone(),
                woken: false,
            });
            this.waiting = true;
            return Poll::Pending;
        }
        let place = inner
            .waiters
            .iter()
            .position(|w| w.id == this.id)
            .expect("a waiting acquirer stays in line until it leaves");
        if inner.waiters[place].woken {
            // Our turn: leave the line and take the lock. Nobody can have
            // taken it since it was released to us: newcomers queue while
            // we are in line, and only the first waiter is ever woken.
            inner.waiters.remove(place);
            inner.locked = true;
            this.waiting = false;
            return Poll::Ready(());
        }
        // Polled without being woken (a spurious wake): keep our place.
        let waiter = &mut inner.waiters[place];
        if !waiter.waker.will_wake(cx.waker()) {
            waiter.waker = cx.waker().clone();
        }
        Poll::Pending
    }
}

impl Drop for Acquire {
    fn drop(&mut self) {
        // Not in line: it never waited, or it holds the lock (which it
        // gives up with `release`, not by dropping the future).
        if !self.waiting {
            return;
        }
        let waker = {
            let mut inner = self.lock.borrow_mut();
            if let Some(place) = inner.waiters.iter().position(|w| w.id == self.id) {
                inner.waiters.remove(place);
            }
            // If the lock is free, someone must be woken to take it: if we
            // were the woken waiter, our wake-up would be lost otherwise.
            // (If we were not, the first waiter is woken already and
            // `wake_up_first` does nothing.)
            if inner.locked {
                None
            } else {
                inner.wake_up_first()
            }
        };
        if let Some(waker) = waker {
            waker.wake();
        }
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
