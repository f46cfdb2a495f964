//! asyncio's `Future`: a placeholder for a result that someone else will set.
//!
//! A Rust future is a computation you poll. An asyncio `Future` is something
//! else: a box that starts empty, is filled exactly once (with a result, an
//! exception, or a cancellation), and tells whoever is interested when that
//! happens. The code that fills it and the code that waits for it never meet;
//! the future is how they talk. This module builds that box, single-threaded
//! like asyncio's, and makes it awaitable.

use std::cell::RefCell;
use std::fmt;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use crate::{Exception, FutureError, InvalidStateError};

// ANCHOR: state
/// Where a placeholder stands. It starts `Pending` and moves, at most once, to
/// one of the three other states, where it stays.
enum State<T> {
    Pending,
    Finished(T),
    Failed(Exception),
    Cancelled,
}

/// A function to call once the future is done; it receives the future.
type DoneCallback<T> = Box<dyn FnOnce(&Future<T>)>;

/// What every handle to one placeholder shares.
struct Shared<T> {
    state: State<T>,
    /// Callbacks in registration order. Emptied when the future completes:
    /// each one runs exactly once.
    callbacks: Vec<DoneCallback<T>>,
    /// The tasks that polled us while we were pending, to wake on completion.
    /// At most one entry per distinct waker (see `will_wake` in `poll`).
    wakers: Vec<Waker>,
}

/// A Python-style future: a placeholder for a value that is not there yet.
///
/// `Future<T>` is a cheap handle (an `Rc`), so clones are the same
/// placeholder: whoever holds a clone can complete it, and everyone sees the
/// result. Like asyncio's `Future`, it is meant for one thread; it is neither
/// `Send` nor `Sync`, and the compiler enforces that:
///
/// ```compile_fail
/// let fut = aio_futures::Future::<u32>::new();
/// std::thread::spawn(move || fut.set_result(1)); // error: `Rc` is not `Send`
/// ```
///
/// (The name is Python's and shadows the `std::future::Future` trait of
/// the prelude wherever you import it. Where you need both, import this one
/// under another name: `use aio_futures::Future as PyFuture;`.)
pub struct Future<T> {
    shared: Rc<RefCell<Shared<T>>>,
    /// This handle is inside an `.await` that has not returned: dropping it
    /// now means the awaiting code was cancelled (see `Drop`).
    awaited: bool,
}
// ANCHOR_END: state

// ANCHOR: complete
// ANCHOR: impl_future
impl<T> Future<T> {
    // ANCHOR_END: impl_future
    /// A new, pending future: asyncio's `loop.create_future()`. We have no
    /// event loop yet (that is stage 4), so nothing ties it to one.
    pub fn new() -> Self {
        Future {
            shared: Rc::new(RefCell::new(Shared {
                state: State::Pending,
                callbacks: Vec::new(),
                wakers: Vec::new(),
            })),
            awaited: false,
        }
    }

    /// Completes the future with `value`: Python's `fut.set_result(value)`.
    ///
    /// # Errors
    ///
    /// [`InvalidStateError`] if the future is already done (finished, failed
    /// or cancelled); the value is dropped and nothing else changes.
    pub fn set_result(&self, value: T) -> Result<(), InvalidStateError> {
        self.complete(State::Finished(value))
    }

    /// Completes the future with a failure: Python's
    /// `fut.set_exception(exc)`.
    ///
    /// # Errors
    ///
    /// [`InvalidStateError`] if the future is already done.
    pub fn set_exception(&self, exception: Exception) -> Result<(), InvalidStateError> {
        self.complete(State::Failed(exception))
    }

    /// Cancels the future, if it is still pending, and reports whether it did:
    /// Python's `fut.cancel()`. A cancelled future is done, runs its
    /// callbacks, and answers every later [`result`](Self::result) with
    /// [`FutureError::Cancelled`].
    pub fn cancel(&self) -> bool {
        self.complete(State::Cancelled).is_ok()
    }

    /// The one way out of `Pending`. Every completion goes through here, so
    /// "done at most once" and "callbacks run once, in order" hold for all
    /// three of them.
    fn complete(&self, outcome: State<T>) -> Result<(), InvalidStateError> {
        let (callbacks, wakers) = {
            let mut shared = self.shared.borrow_mut();
            if !matches!(shared.state, State::Pending) {
                return Err(InvalidStateError::ALREADY_DONE);
            }
            shared.state = outcome;
            (
                std::mem::take(&mut shared.callbacks),
                std::mem::take(&mut shared.wakers),
            )
        };
        // The borrow has ended before any outside code runs. A callback may
        // call `result()`, add another callback, or try to complete this
        // future again (and get an error); none of that may find the
        // `RefCell` still borrowed.
        for waker in wakers {
            waker.wake();
        }
        // asyncio does not call callbacks here: it hands each one to
        // `loop.call_soon`, so they run on the loop's next turn. We have no
        // loop yet, so we call them directly, in registration order. The
        // order is the same; the timing is earlier.
        for callback in callbacks {
            callback(self);
        }
        Ok(())
    }
    // ANCHOR_END: complete

    /// Arranges for `callback` to be called with this future once it is done:
    /// Python's `fut.add_done_callback(fn)`.
    ///
    /// Callbacks run once each, in the order they were added. One added to a
    /// future that is already done runs at once (asyncio would schedule it
    /// with `call_soon`).
    // ANCHOR: callbacks
    pub fn add_done_callback(&self, callback: impl FnOnce(&Future<T>) + 'static) {
        let mut shared = self.shared.borrow_mut();
        if matches!(shared.state, State::Pending) {
            shared.callbacks.push(Box::new(callback));
        } else {
            drop(shared);
            callback(self);
        }
    }
    // ANCHOR_END: callbacks

    /// Whether the future has finished, failed or been cancelled: Python's
    /// `fut.done()`.
    pub fn done(&self) -> bool {
        !matches!(self.shared.borrow().state, State::Pending)
    }

    /// Whether the future was cancelled: Python's `fut.cancelled()`.
    pub fn cancelled(&self) -> bool {
        matches!(self.shared.borrow().state, State::Cancelled)
    }

    /// The exception the future failed with, `None` if it finished with a
    /// result: Python's `fut.exception()`.
    ///
    /// # Errors
    ///
    /// [`FutureError::InvalidState`] while pending, [`FutureError::Cancelled`]
    /// if cancelled.
    pub fn exception(&self) -> Result<Option<Exception>, FutureError> {
        match &self.shared.borrow().state {
            State::Pending => Err(InvalidStateError::EXCEPTION_NOT_SET.into()),
            State::Finished(_) => Ok(None),
            State::Failed(exception) => Ok(Some(exception.clone())),
            State::Cancelled => Err(FutureError::Cancelled),
        }
    }
}

// ANCHOR: result
impl<T: Clone> Future<T> {
    /// The result: Python's `fut.result()`. It never waits; a pending future
    /// is an error, not a reason to block.
    ///
    /// Python hands every caller the same object. We hand out clones, which
    /// is why this needs `T: Clone`; for a value that is costly to clone,
    /// store an `Rc<T>`.
    ///
    /// # Errors
    ///
    /// - [`FutureError::InvalidState`] while the future is pending,
    /// - [`FutureError::Cancelled`] if it was cancelled,
    /// - [`FutureError::Exception`] with the exception it failed with.
    pub fn result(&self) -> Result<T, FutureError> {
        match &self.shared.borrow().state {
            State::Pending => Err(InvalidStateError::RESULT_NOT_SET.into()),
            State::Finished(value) => Ok(value.clone()),
            State::Failed(exception) => Err(FutureError::Exception(exception.clone())),
            State::Cancelled => Err(FutureError::Cancelled),
        }
    }
}
// ANCHOR_END: result

/// Awaiting the placeholder: Pending until someone completes it, then what
/// [`Future::result`] says.
///
/// This is asyncio's `Future.__await__`, which yields the future itself to
/// the task driving it (the task then asks to be resumed when the future is
/// done) and, once resumed, returns `self.result()`. Here the waker plays the
/// task's part: we keep it, and [`complete`](Future::set_result) wakes it.
///
/// Awaiting consumes a handle; clone the future first to keep one.
// ANCHOR: await
impl<T: Clone> std::future::Future for Future<T> {
    type Output = Result<T, FutureError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        {
            let mut shared = self.shared.borrow_mut();
            if matches!(shared.state, State::Pending) {
                // An executor may poll us many times before we complete (a
                // busy one does so constantly), usually with the same waker.
                // Keep one copy per task, not one per poll.
                if !shared.wakers.iter().any(|w| w.will_wake(cx.waker())) {
                    shared.wakers.push(cx.waker().clone());
                }
                drop(shared);
                self.awaited = true;
                return Poll::Pending;
            }
        }
        self.awaited = false;
        Poll::Ready(self.result())
    }
}
// ANCHOR_END: await

// ANCHOR: cancel_on_drop
impl<T> Drop for Future<T> {
    /// A handle dropped in the middle of an `.await` belongs to code that
    /// was cancelled (in Rust, a future is cancelled by dropping it). asyncio
    /// cancels the future a cancelled task was waiting on, so we cancel the
    /// placeholder: its callbacks run and every other waiter hears
    /// `Cancelled`. A handle that was never awaited, or whose `.await`
    /// returned, is dropped without effect.
    fn drop(&mut self) {
        if self.awaited {
            self.cancel();
        }
    }
}
// ANCHOR_END: cancel_on_drop

impl<T> Clone for Future<T> {
    /// Another handle to the same placeholder (not a copy of its value).
    fn clone(&self) -> Self {
        Future {
            shared: Rc::clone(&self.shared),
            awaited: false,
        }
    }
}

impl<T> Default for Future<T> {
    fn default() -> Self {
        Future::new()
    }
}

impl<T: fmt::Debug> fmt::Debug for Future<T> {
    /// Like Python's repr: `Future { state: Finished(3) }`,
    /// `Future { state: Pending, callbacks: 2 }`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Future");
        match self.shared.try_borrow() {
            Ok(shared) => {
                match &shared.state {
                    State::Pending => out.field("state", &format_args!("Pending")),
                    State::Finished(value) => {
                        out.field("state", &format_args!("Finished({value:?})"))
                    }
                    State::Failed(exception) => {
                        out.field("state", &format_args!("Failed({:?})", exception.message()))
                    }
                    State::Cancelled => out.field("state", &format_args!("Cancelled")),
                };
                if !shared.callbacks.is_empty() {
                    out.field("callbacks", &shared.callbacks.len());
                }
            }
            // Only reachable from inside one of our own borrows, which never
            // call out; kept so that Debug can never panic.
            Err(_) => {
                out.field("state", &format_args!("<borrowed>"));
            }
        }
        out.finish()
    }
}
