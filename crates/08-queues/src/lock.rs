//! `Lock`: mutual exclusion between tasks (asyncio's `Lock`).

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use crate::waiters::{WaiterId, WaiterList};

/// A lock that a task holds across `.await`s, so other tasks wait their
/// turn: asyncio's `Lock`.
///
/// [`acquire`](Lock::acquire) returns a [`LockGuard`]; the lock is released
/// when the guard drops, which is Rust's spelling of `async with lock:`.
///
/// Fairness, as CPython 3.11's: waiters get the lock in the order they
/// asked. A release wakes the first waiter; until it has run, the lock is
/// not [`locked`](Lock::locked), yet a newcomer's `acquire` does not take
/// it: it queues behind the woken waiter. (CPython's `acquire` only takes
/// a free lock when no waiter is left that was not cancelled.)
#[derive(Clone, Default)]
pub struct Lock {
    inner: Rc<RefCell<LockState>>,
}

// ANCHOR: lock_state
#[derive(Default)]
struct LockState {
    locked: bool,
    /// Tasks waiting for the lock. Invariant: while the lock is free and
    /// someone waits, the first waiter has been woken (it will take the
    /// lock when it runs, or pass the wake-up on if it is dropped first).
    waiters: WaiterList,
}
// ANCHOR_END: lock_state

impl Lock {
    /// A new lock, not held.
    pub fn new() -> Self {
        Lock::default()
    }

    /// Whether the lock is held.
    pub fn locked(&self) -> bool {
        self.inner.borrow().locked
    }

    /// Waits for the lock and takes it; drop the guard to release it.
    pub fn acquire(&self) -> Acquire {
        Acquire {
            lock: self.clone(),
            waiter: None,
        }
    }

    // ANCHOR: release
    /// Releases the lock and wakes the first waiter, if any; asyncio's
    /// `lock.release()`, for a lock whose guard was
    /// [`forget`](LockGuard::forget)-ten (asyncio's locks belong to no task:
    /// one task may acquire and another release).
    ///
    /// # Panics
    ///
    /// If the lock is not held, as asyncio raises
    /// `RuntimeError('Lock is not acquired.')`.
    pub fn release(&self) {
        let mut state = self.inner.borrow_mut();
        assert!(state.locked, "Lock is not acquired.");
        state.locked = false;
        state.waiters.wake_first();
    }
    // ANCHOR_END: release

    /// Whether `self` and `other` are handles to the same lock.
    pub(crate) fn same_as(&self, other: &Lock) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl fmt::Debug for Lock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.inner.borrow();
        f.debug_struct("Lock")
            .field("locked", &state.locked)
            .field("waiters", &state.waiters.len())
            .finish()
    }
}

// ANCHOR: acquire
/// The future of [`Lock::acquire`].
#[must_use = "futures do nothing unless awaited"]
pub struct Acquire {
    lock: Lock,
    waiter: Option<WaiterId>,
}

impl Future for Acquire {
    type Output = LockGuard;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<LockGuard> {
        let this = self.get_mut();
        let mut state = this.lock.inner.borrow_mut();
        match this.waiter {
            // Our turn: a release chose us. Nobody took the lock meanwhile,
            // since a newcomer queues while any waiter is in line.
            Some(id) if state.waiters.is_woken(id) == Some(true) => {
                state.waiters.remove(id);
                this.waiter = None;
                state.locked = true;
            }
            // Not our turn (a spurious wake): keep our place.
            Some(id) => {
                state.waiters.update_waker(id, cx.waker());
                return Poll::Pending;
            }
            // First poll: a free lock with nobody in line is ours at once.
            None if !state.locked && state.waiters.is_empty() => state.locked = true,
            None => {
                this.waiter = Some(state.waiters.push(cx.waker()));
                return Poll::Pending;
            }
        }
        Poll::Ready(LockGuard {
            lock: Some(this.lock.clone()),
        })
    }
}
// ANCHOR_END: acquire

// ANCHOR: acquire_drop
impl Drop for Acquire {
    /// Cancelled while waiting. The delicate case: a release already woke
    /// us, so the lock is free and reserved for us, and every other waiter
    /// sleeps. Leaving without passing that on would leave the lock free
    /// forever with tasks waiting for it. So, whenever the lock is free,
    /// make sure the new first waiter is woken.
    fn drop(&mut self) {
        let Some(id) = self.waiter.take() else { return };
        let mut state = self.lock.inner.borrow_mut();
        state.waiters.remove(id);
        if !state.locked {
            state.waiters.wake_first();
        }
    }
}
// ANCHOR_END: acquire_drop

impl fmt::Debug for Acquire {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Acquire")
            .field("waiting", &self.waiter.is_some())
            .finish()
    }
}

/// Proof that the lock is held; dropping it releases the lock (the end of
/// an `async with lock:` block).
#[must_use = "the lock is released as soon as the guard drops"]
pub struct LockGuard {
    /// The lock, until the guard releases it or is forgotten.
    lock: Option<Lock>,
}

impl LockGuard {
    /// Releases the lock now (what dropping the guard does), for code that
    /// reads better with Python's `lock.release()` spelled out.
    pub fn release(self) {
        drop(self);
    }

    /// Keeps the lock held without a guard, to be released later with
    /// [`Lock::release`], perhaps by another task: asyncio's
    /// `await lock.acquire()` … `lock.release()` shape.
    pub fn forget(mut self) {
        self.lock = None;
    }

    /// The lock this guard holds.
    pub(crate) fn lock(&self) -> &Lock {
        self.lock.as_ref().expect("a live guard holds its lock")
    }
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        if let Some(lock) = self.lock.take() {
            lock.release();
        }
    }
}

impl fmt::Debug for LockGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LockGuard").finish_non_exhaustive()
    }
}
