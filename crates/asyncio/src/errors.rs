//! The errors, under asyncio's names.
//!
//! asyncio raises exceptions; Rust returns errors in a `Result` and keeps
//! panics for bugs. Each asyncio exception the API can meet has a name
//! here, some as a re-export of the stage type that stands for it:
//!
//! | asyncio | here |
//! |---|---|
//! | `CancelledError` | [`CancelledError`]; awaiting a task gives [`JoinError::Cancelled`] |
//! | an exception raised in a task | a panic, [`JoinError::Panicked`] |
//! | `TimeoutError` | [`TimeoutError`] (stage 6's `Elapsed`) |
//! | `InvalidStateError` | [`InvalidStateError`] |
//! | `QueueFull` / `QueueEmpty` | [`QueueFull`] / [`QueueEmpty`], the variants of the `*_nowait` errors |
//! | `QueueShutDown` (3.13) | [`QueueShutDown`] |
//! | `RuntimeError: no running event loop` | [`NoRunningLoop`] (or a panic with those words) |
//! | `RuntimeError: Event loop is closed` | [`LoopClosed`] |

use std::error::Error;
use std::fmt;

pub use aio_executor::{JoinError, LoopClosed, NoRunningLoop};
pub use aio_gather::{Failure, TaskGroupError};
pub use aio_queues::GetNowaitError::{self, QueueEmpty};
pub use aio_queues::PutNowaitError::{self, QueueFull};
pub use aio_queues::{BrokenBarrierError, QueueShutDown, ReleasedTooManyTimes, TaskDoneError};
/// asyncio's `TimeoutError`: what [`wait_for`](crate::wait_for) and
/// [`timeout`](crate::timeout) return when time runs out (stage 6's
/// `Elapsed`).
pub use aio_timers::Elapsed as TimeoutError;

/// asyncio's `CancelledError`: the task was cancelled.
///
/// Awaiting a cancelled [`Task`](crate::Task) gives
/// [`JoinError::Cancelled`]; [`TaskExt::result`](crate::TaskExt::result)
/// gives this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CancelledError;

impl fmt::Display for CancelledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the task was cancelled")
    }
}

impl Error for CancelledError {}

/// asyncio's `InvalidStateError`: a task's result was asked for before the
/// task was done (or, here, after it was taken).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidStateError {
    message: &'static str,
}

impl InvalidStateError {
    pub(crate) const RESULT_NOT_SET: InvalidStateError = InvalidStateError {
        message: "Result is not set.",
    };
    pub(crate) const EXCEPTION_NOT_SET: InvalidStateError = InvalidStateError {
        message: "Exception is not set.",
    };
    pub(crate) const RESULT_TAKEN: InvalidStateError = InvalidStateError {
        message: "Result was already taken.",
    };

    /// What was wrong, in asyncio's words where it has them.
    pub fn message(&self) -> &'static str {
        self.message
    }
}

impl fmt::Display for InvalidStateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}

impl Error for InvalidStateError {}

/// Why [`TaskExt::result`](crate::TaskExt::result) or
/// [`TaskExt::exception`](crate::TaskExt::exception) gave no value: what
/// asyncio's `Task.result()` raises.
#[derive(Debug)]
pub enum ResultError {
    /// The task is not done (or its result was taken already).
    InvalidState(InvalidStateError),
    /// The task was cancelled.
    Cancelled(CancelledError),
    /// The task panicked: asyncio re-raises the task's exception. The
    /// payload is the panic's; resume it with
    /// [`std::panic::resume_unwind`] to re-raise it.
    Panicked(Box<dyn std::any::Any + Send + 'static>),
}

impl fmt::Display for ResultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResultError::InvalidState(err) => write!(f, "InvalidStateError: {err}"),
            ResultError::Cancelled(err) => write!(f, "CancelledError: {err}"),
            ResultError::Panicked(payload) => {
                let text = payload
                    .downcast_ref::<&str>()
                    .copied()
                    .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                    .unwrap_or("<non-string panic payload>");
                write!(f, "the task panicked: {text}")
            }
        }
    }
}

impl Error for ResultError {}
