//! The errors of the Python-style [`Future`](crate::Future): Rust values for
//! the exceptions asyncio raises.

use std::error::Error;
use std::fmt;

// ANCHOR: errors
/// The failure a future was completed with: the Rust stand-in for the
/// exception object that Python passes to `Future.set_exception`.
///
/// Python can store any exception; we store its message, which is all the
/// chapters need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    /// What went wrong, as the code that failed the future described it.
    message: String,
}

/// asyncio's `InvalidStateError`: the operation does not fit the future's
/// state, such as asking a pending future for its result, or completing a
/// future twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidStateError {
    /// Which rule was broken, in a few words.
    reason: &'static str,
}

/// Why [`Future::result`](crate::Future::result) (or awaiting the future)
/// gave no value: Python raises one of three exceptions there, and these are
/// they.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FutureError {
    /// The future is still pending (Python: `InvalidStateError`).
    InvalidState(InvalidStateError),
    /// The future was cancelled (Python: `CancelledError`).
    Cancelled,
    /// The future failed with this exception (Python re-raises it).
    Exception(Exception),
}
// ANCHOR_END: errors

impl Exception {
    /// An exception carrying `message`, e.g. `Exception::new("disk full")`.
    pub fn new(message: impl Into<String>) -> Self {
        Exception {
            message: message.into(),
        }
    }

    /// The message given to [`Exception::new`].
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl InvalidStateError {
    /// Asked for the result of a future still pending (asyncio: "Result is
    /// not set.").
    pub const RESULT_NOT_SET: Self = InvalidStateError {
        reason: "the result is not set yet",
    };
    /// Asked for the exception of a future still pending (asyncio:
    /// "Exception is not set.").
    pub const EXCEPTION_NOT_SET: Self = InvalidStateError {
        reason: "the exception is not set yet",
    };
    /// Completed a future that is already done (asyncio: the state's name,
    /// e.g. "invalid state").
    pub const ALREADY_DONE: Self = InvalidStateError {
        reason: "the future is already done",
    };
    /// Asked a task for a result that was already moved out of it. asyncio
    /// has no such state: its result is an object it can hand out again; a
    /// Rust task's value moves out once (the `asyncio` crate's
    /// `TaskExt::result`).
    pub const RESULT_TAKEN: Self = InvalidStateError {
        reason: "the result was already taken",
    };

    /// Which rule was broken, e.g. `"the future is already done"`.
    pub fn reason(&self) -> &'static str {
        self.reason
    }
}

impl fmt::Display for Exception {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Error for Exception {}

impl fmt::Display for InvalidStateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid state: {}", self.reason)
    }
}

impl Error for InvalidStateError {}

impl fmt::Display for FutureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FutureError::InvalidState(err) => err.fmt(f),
            FutureError::Cancelled => f.write_str("the future was cancelled"),
            FutureError::Exception(exc) => write!(f, "the future failed: {exc}"),
        }
    }
}

// No `source()`: the `Display` above already carries the inner error's
// message, and an error chain that also returned it as the source would make
// a reporter that walks the chain print the same words twice.
impl Error for FutureError {}

impl From<InvalidStateError> for FutureError {
    fn from(err: InvalidStateError) -> Self {
        FutureError::InvalidState(err)
    }
}
