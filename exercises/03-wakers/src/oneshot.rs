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
        // TODO: store the value and take the stored waker out of the slot,
        // then wake that waker (if there is one) after releasing the lock.
        todo!()
    }
}

impl<T> Future for Receiver<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        // TODO: return `Ready` with the value if it has been sent; otherwise
        // keep a clone of this poll's waker in the slot and return `Pending`.
        todo!()
    }
}
