//! Exercise 4.2: join_handle, the slot a task leaves its result in.
//!
//! [`slot`] makes a one-shot slot with two ends. The task keeps the
//! [`Completer`] and fills the slot once, with its result. Whoever wants the
//! result awaits the [`Handle`]. That is the heart of the executor's
//! `JoinHandle` (and of an asyncio `Task` seen as a Future): the awaiting
//! task may get there before the result or after it, and must not hang
//! either way. And if the task is cancelled, its future is dropped with the
//! completer inside, unfilled: the handle must then say `Cancelled`
//! instead of waiting forever.
//!
//! Write the three parts of the handshake:
//! - [`Handle`]'s `poll`: if the result is there, take it (`Ready`); if not,
//!   keep the waker of this poll and return `Pending`.
//! - [`Completer::complete`]: store `Ok(value)`, then wake the waker that
//!   was kept, if there is one.
//! - `Completer::abandon`, which runs when a completer is dropped: if the
//!   slot was never filled, fill it with `Err(Cancelled)` and wake the
//!   kept waker; if it was filled, do nothing.
//!
//! Book: `ch04-executor.md#the-join-handle`.
//!
//! Stuck? `cargo lab hint 4.2` shows one hint at a time.
//!
//! Check: `cargo lab check 4`, or `cargo test -p ex04-executor --test join_handle`.

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// The handle's error: the completer was dropped without a value (the task
/// was cancelled, its future dropped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

/// What the slot holds.
enum State<T> {
    /// No result yet; the waker of the latest poll of the handle, if any.
    Waiting(Option<Waker>),
    /// The result, not yet taken.
    Done(Result<T, Cancelled>),
    /// The handle returned the result.
    Taken,
}

/// Makes an empty slot: the completer for the task, the handle for whoever
/// awaits its result.
pub fn slot<T>() -> (Completer<T>, Handle<T>) {
    let state = Rc::new(RefCell::new(State::Waiting(None)));
    (
        Completer {
            state: state.clone(),
        },
        Handle { state },
    )
}

/// The task's end: fills the slot once.
pub struct Completer<T> {
    state: Rc<RefCell<State<T>>>,
}

/// The awaiting end: a future of the task's result.
pub struct Handle<T> {
    state: Rc<RefCell<State<T>>>,
}

impl<T> Completer<T> {
    /// Stores `value` and wakes the task awaiting the handle, if one is.
    pub fn complete(self, value: T) {
        // TODO: put Ok(value) in the slot, then wake the kept waker (if
        // any) after the borrow has ended.
        todo!()
    }

    /// Called when the completer is dropped: an unfilled slot becomes
    /// `Err(Cancelled)`, and the waiting task is woken.
    fn abandon(&mut self) {
        // TODO: only if the slot is still Waiting: fill it with
        // Err(Cancelled) and wake the kept waker (after the borrow).
        todo!()
    }
}

impl<T> Drop for Completer<T> {
    fn drop(&mut self) {
        // While the stub's `abandon` is still a `todo!()`, calling it during
        // a panic would abort the whole test run; your finished `abandon`
        // never panics (and the solution drops this guard).
        if !std::thread::panicking() {
            self.abandon();
        }
    }
}

impl<T> Future for Handle<T> {
    type Output = Result<T, Cancelled>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // TODO: Done -> take the result; Waiting -> keep cx's waker,
        // Pending; Taken -> polled after it returned: panic.
        todo!()
    }
}

impl<T> fmt::Debug for Completer<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Completer { .. }")
    }
}

impl<T> fmt::Debug for Handle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Handle { .. }")
    }
}
