//! # Exercise 9.2: `to_thread`'s wake-up
//!
//! Goal: write the future behind `asyncio.to_thread`: a blocking call runs
//! on a thread of its own, and the task awaiting it sleeps until the call
//! is over. Nothing polls in between: the loop parks (in `epoll_wait`, on
//! the finished runtime) and the thread, when it is done, wakes the task
//! through the `Waker` the task left with it. That is what asyncio does
//! with `loop.call_soon_threadsafe(future.set_result, value)`, and what
//! our `asyncio::to_thread` does on its pool.
//!
//! What you write:
//!
//! * the thread's body in [`to_thread`]: run `f`, catching a panic (as
//!   asyncio's executor catches the function's exception), and hand the
//!   outcome to `finish`;
//! * `finish`: store the outcome, and wake the waker the task left, if it
//!   left one;
//! * `poll` for [`InThread`]: the value if the outcome is there (and a
//!   panic in `f` goes on as a panic here, in the awaiting task);
//!   otherwise leave this poll's waker for the thread and return
//!   `Pending`, without waking anything.
//!
//! Exercise 3.2 kept a waker for a send from another thread; this is the
//! same hand-off with a result that may be a panic, on the finished loop.
//!
//! Read first: `book/src/ch03-wakers.md`, section "A future woken from
//! another thread" (`ch03-wakers.md#a-future-woken-from-another-thread`),
//! and chapter 5's `to_thread` (`book/src/ch05-reactor.md`).
//!
//! Stuck? `cargo lab hint thread_wake` shows one hint at a time.
//!
//! Check: `cargo lab check 9` or
//! `cargo test -p ex09-whole-runtime --test thread_wake`.

use std::any::Any;
use std::fmt;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};

/// What `f` ended with: its value, or the payload of its panic.
type Outcome<R> = Result<R, Box<dyn Any + Send + 'static>>;

/// What the awaiting task and the thread share.
struct State<R> {
    /// Set once by the thread, taken once by `poll`.
    outcome: Option<Outcome<R>>,
    /// The waker of the latest poll that found no outcome.
    waker: Option<Waker>,
}

/// The future of a call running on its own thread; `.await` it for the
/// call's value.
pub struct InThread<R> {
    shared: Arc<Mutex<State<R>>>,
}

impl<R> fmt::Debug for InThread<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InThread").finish_non_exhaustive()
    }
}

/// Locks the state; a poisoned lock (a panic while it was held) still
/// holds consistent data here, so take it anyway.
fn lock<R>(shared: &Mutex<State<R>>) -> MutexGuard<'_, State<R>> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs `f` on a new thread; the future gives its value.
pub fn to_thread<F, R>(f: F) -> InThread<R>
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    let shared = Arc::new(Mutex::new(State {
        outcome: None,
        waker: None,
    }));
    let theirs = shared.clone();
    std::thread::spawn(move || {
        // TODO: run `f`, catching a panic, and hand the outcome to `finish`.
        todo!()
    });
    InThread { shared }
}

/// The thread's last act: store the outcome, then wake the task.
fn finish<R>(shared: &Mutex<State<R>>, outcome: Outcome<R>) {
    // TODO: store the outcome, then wake the waker the task left (if any).
    todo!()
}

impl<R> Future for InThread<R> {
    type Output = R;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<R> {
        // TODO: the value if the outcome is there (a panic goes on as a
        // panic); otherwise keep this poll's waker for the thread, and
        // return Pending.
        todo!()
    }
}
