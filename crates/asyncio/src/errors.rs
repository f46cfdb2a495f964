//! The errors, under asyncio's names.
//!
//! asyncio raises exceptions; Rust returns errors in a `Result` and keeps
//! panics for bugs. Each asyncio exception the API can meet has a name
//! here, some as a re-export of the stage type that stands for it:
//!
//! | asyncio | here |
//! |---|---|
//! | `CancelledError` | [`CancelledError`] (from `result()`); awaiting a task gives [`JoinError::Cancelled`] |
//! | an exception raised in a task | a panic: [`JoinError::Panicked`] when awaited, [`FutureError::Exception`] from `result()` |
//! | `TimeoutError` | [`TimeoutError`] (stage 6's `Elapsed`) |
//! | `InvalidStateError` | [`InvalidStateError`], in [`FutureError::InvalidState`] |
//! | `QueueFull` / `QueueEmpty` | [`QueueFull`] / [`QueueEmpty`], the variants of the `*_nowait` errors |
//! | `QueueShutDown` (3.13) | [`QueueShutDown`] |
//! | `IncompleteReadError` | [`IncompleteReadError`], inside the `io::Error` of `read_exact` |
//! | `RuntimeError: no running event loop` | [`NoRunningLoop`] (or a panic with those words) |
//! | `RuntimeError: Event loop is closed` | [`LoopClosed`] |

pub use aio_executor::{JoinError, LoopClosed, NoRunningLoop};
/// asyncio's `CancelledError`, as what `result()` says of a cancelled task
/// or future: the variant [`FutureError::Cancelled`] under asyncio's name,
/// so `Err(CancelledError)` matches it. (Awaiting a cancelled task gives
/// [`JoinError::Cancelled`].)
pub use aio_futures::FutureError::Cancelled as CancelledError;
pub use aio_futures::{Exception, FutureError, InvalidStateError};
pub use aio_gather::{Failure, TaskGroupError};
pub use aio_queues::GetNowaitError::{self, QueueEmpty};
pub use aio_queues::PutNowaitError::{self, QueueFull};
pub use aio_queues::{BrokenBarrierError, QueueShutDown, ReleasedTooManyTimes, TaskDoneError};
/// asyncio's `IncompleteReadError`: `read_exact` met the end of the stream
/// first. It comes inside an `io::Error` of kind `UnexpectedEof`; get it
/// with `err.get_ref().and_then(|e| e.downcast_ref::<IncompleteReadError>())`.
pub use aio_reactor::IncompleteRead as IncompleteReadError;
/// asyncio's `TimeoutError`: what [`wait_for`](crate::wait_for) and
/// [`timeout`](crate::timeout) return when time runs out (stage 6's
/// `Elapsed`).
pub use aio_timers::Elapsed as TimeoutError;
