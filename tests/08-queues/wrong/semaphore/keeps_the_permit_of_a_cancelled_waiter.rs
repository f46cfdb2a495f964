// A wrong answer to exercise 8.4 (semaphore), kept so `cargo lab verify`
// proves the suite catches it: a waiter cancelled after `release` woke it
// leaves the line, but the permit it was woken for is not given back.
//
// expect: kept its permit: give it back in Drop

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
        let this = self.get_mut();
        let waker = {
            let mut inner = this.semaphore.borrow_mut();
            if !this.waiting {
                // A newcomer: a free permit is its only if nobody is in
                // line (asyncio: `if not self.locked()`).
                if inner.value > 0 && inner.waiters.is_empty() {
                    inner.value -= 1;
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
            if !inner.waiters[place].woken {
                // Not handed a permit yet (a spurious wake): keep our place.
                let waiter = &mut inner.waiters[place];
                if !waiter.waker.will_wake(cx.waker()) {
                    waiter.waker = cx.waker().clone();
                }
                return Poll::Pending;
            }
            // Our permit was taken out of `value` when we were woken: do not
            // take another. Leave the line, and if permits are still free,
            // hand one on: a newcomer may have queued behind us while we
            // were woken, and nobody else would wake it.
            inner.waiters.remove(place);
            this.waiting = false;
            inner.wake_up_next()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
        Poll::Ready(())
    }
}

impl Drop for Acquire {
    fn drop(&mut self) {
        if !self.waiting {
            return;
        }
        // Cancelled: it leaves the line.
        let mut inner = self.semaphore.borrow_mut();
        if let Some(place) = inner.waiters.iter().position(|w| w.id == self.id) {
            inner.waiters.remove(place);
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
