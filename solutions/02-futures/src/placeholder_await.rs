//! # Solution 2.5: make a placeholder awaitable
//!
//! Goal: make [`Slot`] a future. A `Slot` is a one-shot placeholder shared
//! by two handles: one side calls `set(value)`, the other awaits the value.
//! Two pieces, and each needs the other:
//!
//! - `poll`: take the value if it is there (Ready); if not, keep a clone of
//!   the task's waker, so that `set` can find it, and answer Pending;
//! - `set`: store the value, then wake the waker that `poll` kept, if any.
//!
//! Only the most recent waker counts: an executor may poll with a new one,
//! and waking a stale one would wake the wrong task.
//!
//! Read first: `book/src/ch02-futures.md`, section "Awaiting the placeholder"
//! (`ch02-futures.md#awaiting-the-placeholder`).
//!
//! Stuck? `cargo lab hint 2.5` shows one hint at a time.
//!
//! Check: `cargo lab check 2` or `cargo test -p sol02-futures --test placeholder_await`.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// What both handles of a slot share.
#[derive(Debug, Default)]
struct Inner<T> {
    /// The value, from `set` until `poll` takes it.
    value: Option<T>,
    /// Whether `set` has been called (stays true after the value is taken).
    was_set: bool,
    /// The waker of the task that last polled while the slot was empty.
    waker: Option<Waker>,
}

/// A one-shot placeholder: set once, awaited once.
#[derive(Debug)]
pub struct Slot<T> {
    shared: Rc<RefCell<Inner<T>>>,
}

impl<T> Slot<T> {
    /// An empty slot.
    pub fn new() -> Self {
        Slot {
            shared: Rc::new(RefCell::new(Inner {
                value: None,
                was_set: false,
                waker: None,
            })),
        }
    }

    /// Stores `value` and wakes the waiting task, if there is one. Returns
    /// `false`, changing nothing, if the slot was set before.
    pub fn set(&self, value: T) -> bool {
        let waker = {
            let mut inner = self.shared.borrow_mut();
            if inner.was_set {
                return false;
            }
            inner.was_set = true;
            inner.value = Some(value);
            // Take the waker out: after this wake nobody needs it again.
            inner.waker.take()
        };
        // The borrow ended with the block above. Waking may run code that
        // polls this very slot (a busy executor, a waker that polls inline),
        // and that poll must find the RefCell free.
        if let Some(waker) = waker {
            waker.wake();
        }
        true
    }
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot::new()
    }
}

impl<T> Clone for Slot<T> {
    /// Another handle to the same slot.
    fn clone(&self) -> Self {
        Slot {
            shared: Rc::clone(&self.shared),
        }
    }
}

impl<T> Future for Slot<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut inner = self.shared.borrow_mut();
        if let Some(value) = inner.value.take() {
            return Poll::Ready(value);
        }
        // Keep the waker of whoever polled last, replacing any older one:
        // if the task moved, or its executor handed it a new waker, only
        // the newest one reaches it. Skip the clone when it would wake the
        // same task anyway.
        match &inner.waker {
            Some(kept) if kept.will_wake(cx.waker()) => {}
            _ => inner.waker = Some(cx.waker().clone()),
        }
        Poll::Pending
    }
}
