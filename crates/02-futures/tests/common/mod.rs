//! Helpers shared by this crate's test files: a waker that counts its wakes,
//! and a wrapper that counts polls.
#![allow(dead_code)] // each test file uses its own subset

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

/// A waker that only counts how often it was woken.
#[derive(Debug, Default)]
pub struct WakeCounter(AtomicUsize);

impl WakeCounter {
    /// A fresh counter and a `Waker` that bumps it.
    pub fn new() -> (Arc<Self>, Waker) {
        let counter = Arc::new(WakeCounter::default());
        let waker = Waker::from(Arc::clone(&counter));
        (counter, waker)
    }

    /// How many wakes so far (by value or by reference).
    pub fn wakes(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

impl Wake for WakeCounter {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// Polls `fut` once with `waker`.
pub fn poll_once<F: Future + Unpin>(fut: &mut F, waker: &Waker) -> Poll<F::Output> {
    Pin::new(fut).poll(&mut Context::from_waker(waker))
}

/// Wraps a future and counts how often it is polled.
#[derive(Debug)]
pub struct CountPolls<F> {
    pub inner: F,
    pub polls: u32,
}

impl<F: Future + Unpin> Future for CountPolls<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.polls += 1;
        Pin::new(&mut self.inner).poll(cx)
    }
}
