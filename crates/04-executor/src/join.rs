//! A task's result, and the handle that awaits it (asyncio's `Task`).

use std::any::Any;
use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use crate::context;
use crate::event_loop::Core;
use crate::task::TaskId;
use std::rc::Weak;

/// Why a task produced no value.
pub enum JoinError {
    /// The task's future panicked. Holds the panic payload, as
    /// `std::thread::JoinHandle::join` does.
    Panicked(Box<dyn Any + Send + 'static>),
    /// The task was cancelled: its future was dropped before it finished
    /// (asyncio raises `CancelledError` in the awaiting task).
    Cancelled,
}

impl JoinError {
    /// Whether the task was cancelled.
    pub fn is_cancelled(&self) -> bool {
        matches!(self, JoinError::Cancelled)
    }

    /// Whether the task panicked.
    pub fn is_panic(&self) -> bool {
        matches!(self, JoinError::Panicked(_))
    }

    /// The panic's message, when the payload is a string (as `panic!`
    /// with a message makes it).
    pub fn panic_message(&self) -> Option<&str> {
        match self {
            JoinError::Panicked(payload) => panic_message(payload.as_ref()),
            JoinError::Cancelled => None,
        }
    }

    /// The panic payload, to re-raise with `std::panic::resume_unwind`.
    ///
    /// # Panics
    ///
    /// Panics if the task was cancelled rather than panicking.
    pub fn into_panic(self) -> Box<dyn Any + Send + 'static> {
        match self {
            JoinError::Panicked(payload) => payload,
            JoinError::Cancelled => panic!("the task was cancelled, it did not panic"),
        }
    }
}

pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> Option<&str> {
    payload
        .downcast_ref::<&'static str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
}

impl fmt::Debug for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JoinError::Panicked(_) => f
                .debug_tuple("Panicked")
                .field(&self.panic_message().unwrap_or("<non-string payload>"))
                .finish(),
            JoinError::Cancelled => f.write_str("Cancelled"),
        }
    }
}

impl fmt::Display for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JoinError::Panicked(_) => match self.panic_message() {
                Some(msg) => write!(f, "task panicked: {msg}"),
                None => f.write_str("task panicked"),
            },
            JoinError::Cancelled => f.write_str("task was cancelled"),
        }
    }
}

impl std::error::Error for JoinError {}

// ANCHOR: slot
/// Where a task leaves its result for whoever awaits its handle.
pub(crate) struct JoinSlot<T> {
    state: RefCell<SlotState<T>>,
    name: Rc<str>,
}

enum SlotState<T> {
    /// Still running; `waiter` is the task awaiting the handle, if any.
    Running { waiter: Option<Waker> },
    /// Finished; the result is waiting to be taken.
    Done(Result<T, JoinError>),
    /// The result was taken by the awaiting side.
    Taken,
}
// ANCHOR_END: slot

impl<T> JoinSlot<T> {
    pub(crate) fn new(name: Rc<str>) -> Self {
        JoinSlot {
            state: RefCell::new(SlotState::Running { waiter: None }),
            name,
        }
    }

    // ANCHOR: complete
    /// Stores the task's result and wakes the task awaiting it. A second
    /// completion (cancelling a finished task) is ignored.
    pub(crate) fn complete(&self, result: Result<T, JoinError>) {
        let waiter = {
            let mut state = self.state.borrow_mut();
            match &mut *state {
                SlotState::Running { waiter } => {
                    let waiter = waiter.take();
                    *state = SlotState::Done(result);
                    waiter
                }
                SlotState::Done(_) | SlotState::Taken => None,
            }
        };
        // Wake after the borrow ends: waking may run code that looks here.
        if let Some(waker) = waiter {
            waker.wake();
        }
    }
    // ANCHOR_END: complete

    pub(crate) fn is_done(&self) -> bool {
        !matches!(*self.state.borrow(), SlotState::Running { .. })
    }

    pub(crate) fn is_cancelled(&self) -> bool {
        matches!(
            *self.state.borrow(),
            SlotState::Done(Err(JoinError::Cancelled))
        )
    }

    // ANCHOR: poll_take
    /// Takes the result if the task is done, or registers `waker` to be
    /// woken when it is.
    fn poll_take(&self, waker: &Waker) -> Poll<Result<T, JoinError>> {
        let mut state = self.state.borrow_mut();
        match &mut *state {
            SlotState::Running { waiter } => {
                // Keep the newest waker: the awaiting task may have moved.
                match waiter {
                    Some(old) if old.will_wake(waker) => {}
                    _ => *waiter = Some(waker.clone()),
                }
                Poll::Pending
            }
            SlotState::Done(_) => match std::mem::replace(&mut *state, SlotState::Taken) {
                SlotState::Done(result) => Poll::Ready(result),
                _ => unreachable!("matched Done just above"),
            },
            SlotState::Taken => panic!("a JoinHandle was polled after it returned its result"),
        }
    }
    // ANCHOR_END: poll_take
}

// ANCHOR: never_retrieved
impl<T> Drop for JoinSlot<T> {
    /// Both sides are gone. If the task panicked and nobody ever looked,
    /// say so, like asyncio's "Task exception was never retrieved".
    fn drop(&mut self) {
        if let SlotState::Done(Err(JoinError::Panicked(payload))) = &*self.state.borrow() {
            let message = panic_message(payload.as_ref()).unwrap_or("<non-string panic payload>");
            context::report_unretrieved(&self.name, message);
        }
    }
}
// ANCHOR_END: never_retrieved

// ANCHOR: handle
/// An awaitable handle to a spawned task: asyncio's `Task`, seen from the
/// outside.
///
/// `.await` it to get the task's value, or a [`JoinError`] if the task
/// panicked or was cancelled. Dropping the handle does **not** cancel the
/// task (as in asyncio, where dropping the last reference to a task does not
/// stop it); [`cancel`](JoinHandle::cancel) does.
#[must_use = "a task runs without its handle, but its result and panics are lost; \
              bind the handle or `drop` it on purpose"]
pub struct JoinHandle<T> {
    slot: Rc<JoinSlot<T>>,
    id: TaskId,
    /// The loop that owns the task; weak, so a handle kept after its loop is
    /// gone does not keep the loop alive.
    core: Weak<Core>,
}
// ANCHOR_END: handle

impl<T> JoinHandle<T> {
    pub(crate) fn new(slot: Rc<JoinSlot<T>>, id: TaskId, core: Weak<Core>) -> Self {
        JoinHandle { slot, id, core }
    }

    /// The task's name (`Task-1`, `Task-2`, … unless named on spawn).
    pub fn name(&self) -> &str {
        &self.slot.name
    }

    /// Whether the task has finished: returned, panicked or was cancelled
    /// (asyncio's `Task.done()`).
    pub fn done(&self) -> bool {
        self.slot.is_done()
    }

    /// Whether the task ended by cancellation (asyncio's `Task.cancelled()`).
    pub fn cancelled(&self) -> bool {
        self.slot.is_cancelled()
    }

    // ANCHOR: cancel
    /// Asks the loop to cancel the task, as asyncio's `Task.cancel()` does.
    ///
    /// Returns `false` if the task has already finished. Otherwise the task
    /// is scheduled, and when the loop reaches it, it drops the task's future
    /// instead of polling it: every local of the suspended `async` block is
    /// dropped, and the handle's result becomes [`JoinError::Cancelled`].
    /// Cancelling from inside the task itself takes effect at its next
    /// suspension.
    pub fn cancel(&self) -> bool {
        if self.slot.is_done() {
            return false;
        }
        match self.core.upgrade() {
            Some(core) => core.request_cancel(self.id),
            // The loop is gone, and with it the task's future.
            None => false,
        }
    }
    // ANCHOR_END: cancel
}

// ANCHOR: handle_future
impl<T> Future for JoinHandle<T> {
    type Output = Result<T, JoinError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.slot.poll_take(cx.waker())
    }
}
// ANCHOR_END: handle_future

impl<T> fmt::Debug for JoinHandle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = if self.cancelled() {
            "cancelled"
        } else if self.done() {
            "done"
        } else {
            "pending"
        };
        write!(f, "<Task {state} name='{}'>", self.name())
    }
}
