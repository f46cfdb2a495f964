//! `Semaphore` and `BoundedSemaphore`: at most N holders at once
//! (asyncio's `Semaphore` and `BoundedSemaphore`).

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use crate::errors::ReleasedTooManyTimes;
use crate::waiters::{WaiterId, WaiterList};

/// A counter of free permits: [`acquire`](Semaphore::acquire) takes one,
/// waiting while there is none; dropping the guard (or
/// [`release`](Semaphore::release)) gives one back. asyncio's `Semaphore`.
///
/// Fairness, as CPython 3.11.7's (its wake-up was rewritten in 2022,
/// gh-90155 and gh-97545): a release hands its permit straight to the
/// first waiter, and while any waiter is in line, even one woken and not
/// yet run, a newcomer queues behind it, even if a permit is free. So
/// permits go out in the order they were asked for.
#[derive(Clone)]
pub struct Semaphore {
    inner: Rc<RefCell<SemaphoreState>>,
}

// ANCHOR: semaphore_state
struct SemaphoreState {
    /// Free permits, not counting those handed to woken waiters.
    value: usize,
    /// `Some(initial value)` for a [`BoundedSemaphore`].
    bound: Option<usize>,
    /// Tasks waiting for a permit; a woken one already owns its permit.
    waiters: WaiterList,
}

impl SemaphoreState {
    /// asyncio's `locked()`: no permit, or somebody is in line first.
    fn locked(&self) -> bool {
        self.value == 0 || !self.waiters.is_empty()
    }

    /// Hands a free permit to the first waiter not yet woken, if any.
    fn wake_up_next(&mut self) {
        if self.value > 0 && self.waiters.wake_one() {
            self.value -= 1;
        }
    }
}
// ANCHOR_END: semaphore_state

impl Semaphore {
    /// A semaphore with `value` permits (asyncio's default is 1).
    pub fn new(value: usize) -> Self {
        Semaphore::with_bound(value, None)
    }

    fn with_bound(value: usize, bound: Option<usize>) -> Self {
        Semaphore {
            inner: Rc::new(RefCell::new(SemaphoreState {
                value,
                bound,
                waiters: WaiterList::default(),
            })),
        }
    }

    /// Whether an `acquire` now would wait.
    pub fn locked(&self) -> bool {
        self.inner.borrow().locked()
    }

    /// Waits for a permit and takes it; dropping the guard gives it back.
    pub fn acquire(&self) -> SemaphoreAcquire {
        SemaphoreAcquire {
            semaphore: self.clone(),
            waiter: None,
        }
    }

    /// Gives a permit back (adds one; a plain `Semaphore` has no upper
    /// limit, as asyncio's) and hands it to the first waiter, if any. For
    /// permits taken with a guard that was [`forget`](SemaphoreGuard::forget)-ten,
    /// or to add permits.
    pub fn release(&self) {
        // Only a bounded semaphore can fail, and it has its own type.
        let _ = self.try_release();
    }

    fn try_release(&self) -> Result<(), ReleasedTooManyTimes> {
        let mut state = self.inner.borrow_mut();
        if state.bound.is_some_and(|bound| state.value >= bound) {
            return Err(ReleasedTooManyTimes);
        }
        state.value += 1;
        state.wake_up_next();
        Ok(())
    }
}

impl fmt::Debug for Semaphore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.inner.borrow();
        f.debug_struct("Semaphore")
            .field("value", &state.value)
            .field("bound", &state.bound)
            .field("waiters", &state.waiters.len())
            .finish()
    }
}

/// A [`Semaphore`] that refuses to be released above its initial value:
/// asyncio's `BoundedSemaphore`. An extra release is a bug (a permit given
/// back twice), and this catches it.
#[derive(Clone, Debug)]
pub struct BoundedSemaphore {
    semaphore: Semaphore,
}

impl BoundedSemaphore {
    /// A bounded semaphore with `value` permits, never more.
    pub fn new(value: usize) -> Self {
        BoundedSemaphore {
            semaphore: Semaphore::with_bound(value, Some(value)),
        }
    }

    /// Whether an `acquire` now would wait.
    pub fn locked(&self) -> bool {
        self.semaphore.locked()
    }

    /// Waits for a permit and takes it; dropping the guard gives it back.
    pub fn acquire(&self) -> SemaphoreAcquire {
        self.semaphore.acquire()
    }

    /// Gives a permit back, or fails (asyncio's `ValueError`) if every
    /// permit is already back.
    pub fn release(&self) -> Result<(), ReleasedTooManyTimes> {
        self.semaphore.try_release()
    }
}

// ANCHOR: semaphore_acquire
/// The future of [`Semaphore::acquire`] and [`BoundedSemaphore::acquire`].
#[must_use = "futures do nothing unless awaited"]
pub struct SemaphoreAcquire {
    semaphore: Semaphore,
    waiter: Option<WaiterId>,
}

impl Future for SemaphoreAcquire {
    type Output = SemaphoreGuard;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<SemaphoreGuard> {
        let this = self.get_mut();
        let mut state = this.semaphore.inner.borrow_mut();
        match this.waiter {
            Some(id) if state.waiters.is_woken(id) == Some(true) => {
                // Woken means the releaser already took the permit out of
                // `value` for us. If permits are still free (several
                // releases while we were in line), pass one on too.
                state.waiters.remove(id);
                this.waiter = None;
                state.wake_up_next();
            }
            Some(id) => {
                state.waiters.update_waker(id, cx.waker());
                return Poll::Pending;
            }
            None if !state.locked() => state.value -= 1,
            None => {
                this.waiter = Some(state.waiters.push(cx.waker()));
                return Poll::Pending;
            }
        }
        Poll::Ready(SemaphoreGuard {
            semaphore: Some(this.semaphore.clone()),
        })
    }
}
// ANCHOR_END: semaphore_acquire

// ANCHOR: semaphore_acquire_drop
impl Drop for SemaphoreAcquire {
    /// Cancelled while waiting. If a release had already handed us its
    /// permit (we were woken, our task had not run), that permit is ours
    /// and would be lost with us: put it back and hand it to the next
    /// waiter.
    fn drop(&mut self) {
        let Some(id) = self.waiter.take() else { return };
        let mut state = self.semaphore.inner.borrow_mut();
        if state.waiters.remove(id) == Some(true) {
            state.value += 1;
            state.wake_up_next();
        }
    }
}
// ANCHOR_END: semaphore_acquire_drop

impl fmt::Debug for SemaphoreAcquire {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SemaphoreAcquire")
            .field("waiting", &self.waiter.is_some())
            .finish()
    }
}

/// One permit of a semaphore, given back when dropped (the end of an
/// `async with semaphore:` block).
#[must_use = "the permit is given back as soon as the guard drops"]
pub struct SemaphoreGuard {
    /// The semaphore, until the permit is given back or forgotten.
    semaphore: Option<Semaphore>,
}

impl SemaphoreGuard {
    /// Gives the permit back now (what dropping the guard does).
    pub fn release(self) {
        drop(self);
    }

    /// Keeps the permit taken without a guard, for a later
    /// [`Semaphore::release`] / [`BoundedSemaphore::release`]: asyncio's
    /// `await sem.acquire()` … `sem.release()` shape.
    pub fn forget(mut self) {
        self.semaphore = None;
    }
}

impl Drop for SemaphoreGuard {
    fn drop(&mut self) {
        let Some(semaphore) = self.semaphore.take() else {
            return;
        };
        // A guard gives back the permit it took, so only a forgotten guard
        // released by hand besides can push a bounded semaphore over: the
        // same bug asyncio reports with ValueError at the end of `async with`.
        if semaphore.try_release().is_err() && !std::thread::panicking() {
            panic!("{}", ReleasedTooManyTimes);
        }
    }
}

impl fmt::Debug for SemaphoreGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SemaphoreGuard").finish_non_exhaustive()
    }
}
