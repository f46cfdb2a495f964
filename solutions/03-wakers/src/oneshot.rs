//! Exercise 3.2: a future that keeps its waker, woken from another thread.
//!
//! A one-shot channel: the `Sender` (on any thread) sends one value, and the
//! `Receiver` is a future that completes with it. Write `Receiver::poll` and
//! `Sender::send` so that a receiver polled before the value exists is woken
//! when it arrives. This is asyncio's `Future` placeholder with a Rust waker
//! where asyncio has a done-callback: `send` is `set_result`.
//!
//! Book: the section "A future woken from another thread",
//! `ch03-wakers.md#a-future-woken-from-another-thread`.
//!
//! Stuck? `cargo lab hint 3.2` shows one hint at a time.
//!
//! Check: `cargo lab check 3`, or `cargo test -p ex03-wakers --test
//! oneshot`.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};

/// Makes a connected sender and receiver.
pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let slot = Arc::new(Mutex::new(Slot {
        value: None,
        waker: None,
    }));
    (
        Sender {
            slot: Arc::clone(&slot),
        },
        Receiver { slot },
    )
}

/// What the two halves share.
#[derive(Debug)]
struct Slot<T> {
    /// The value, from `send` until the receiver takes it.
    value: Option<T>,
    /// The waker of the receiver's latest `Pending` poll.
    waker: Option<Waker>,
}

/// The sending half: sends one value, once.
#[derive(Debug)]
pub struct Sender<T> {
    slot: Arc<Mutex<Slot<T>>>,
}

/// The receiving half: a future of the value.
#[derive(Debug)]
pub struct Receiver<T> {
    slot: Arc<Mutex<Slot<T>>>,
}

/// Locks the slot; a panic on the other side leaves it usable.
fn lock<T>(slot: &Mutex<Slot<T>>) -> MutexGuard<'_, Slot<T>> {
    slot.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<T> Sender<T> {
    /// Sends `value`, waking the receiver if it is waiting.
    pub fn send(self, value: T) {
        // Store and take the waker under one lock: then the receiver either
        // polls before (and leaves its waker for us) or after (and finds the
        // value); there is no moment where both miss.
        let waker = {
            let mut slot = lock(&self.slot);
            slot.value = Some(value);
            slot.waker.take()
        };
        // Wake with the lock released: the receiver may be polled at once,
        // on another thread, and its poll takes the lock.
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl<T> Future for Receiver<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = lock(&self.slot);
        if let Some(value) = slot.value.take() {
            return Poll::Ready(value);
        }
        // The fix for the classic hang: leave the waker where `send` finds
        // it. Replace a stored one unless it would wake the same task anyway.
        match &slot.waker {
            Some(stored) if stored.will_wake(cx.waker()) => {}
            _ => slot.waker = Some(cx.waker().clone()),
        }
        Poll::Pending
    }
}
