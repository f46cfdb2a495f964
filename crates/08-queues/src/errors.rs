//! The errors of this stage, named after the asyncio exceptions they stand
//! for. asyncio raises; we return them in a `Result`, except for misuse
//! that asyncio reports with `RuntimeError` (releasing an unlocked lock,
//! notifying without the lock), which panics, as misuse does in Rust.

use std::error::Error;
use std::fmt;

/// Why [`put_nowait`](crate::BaseQueue::put_nowait) did not put the item;
/// either way the item comes back.
pub enum PutNowaitError<T> {
    /// The queue is full (asyncio's `QueueFull`).
    QueueFull(T),
    /// The queue was shut down (asyncio's `QueueShutDown`).
    QueueShutDown(T),
}

impl<T> PutNowaitError<T> {
    /// The item that was not put.
    pub fn into_inner(self) -> T {
        match self {
            PutNowaitError::QueueFull(item) | PutNowaitError::QueueShutDown(item) => item,
        }
    }
}

/// Why [`get_nowait`](crate::BaseQueue::get_nowait) returned no item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GetNowaitError {
    /// The queue is empty (asyncio's `QueueEmpty`).
    QueueEmpty,
    /// The queue is empty and shut down: no item will ever come
    /// (asyncio's `QueueShutDown`).
    QueueShutDown,
}

/// The queue was shut down (asyncio 3.13's `QueueShutDown`). From
/// [`put`](crate::BaseQueue::put) it carries the item back; from
/// [`get`](crate::BaseQueue::get) it carries nothing.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct QueueShutDown<T = ()>(pub T);

/// [`task_done`](crate::BaseQueue::task_done) was called more times than
/// items were put: asyncio's `ValueError('task_done() called too many
/// times')`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskDoneError;

/// A [`BoundedSemaphore`](crate::BoundedSemaphore) was released more times
/// than it was acquired: asyncio's `ValueError('BoundedSemaphore released
/// too many times')`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReleasedTooManyTimes;

/// A [`Barrier`](crate::Barrier) was aborted or reset while this task
/// waited at it, or is broken: asyncio's `BrokenBarrierError`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrokenBarrierError;

// Debug without `T: Debug`, as std's channel errors do: the item may be
// anything, and the error is about the queue.
impl<T> fmt::Debug for PutNowaitError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PutNowaitError::QueueFull(_) => f.write_str("QueueFull(..)"),
            PutNowaitError::QueueShutDown(_) => f.write_str("QueueShutDown(..)"),
        }
    }
}

impl<T> fmt::Debug for QueueShutDown<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("QueueShutDown(..)")
    }
}

impl<T> fmt::Display for PutNowaitError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PutNowaitError::QueueFull(_) => f.write_str("the queue is full"),
            PutNowaitError::QueueShutDown(_) => f.write_str("the queue is shut down"),
        }
    }
}

impl fmt::Display for GetNowaitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GetNowaitError::QueueEmpty => f.write_str("the queue is empty"),
            GetNowaitError::QueueShutDown => f.write_str("the queue is shut down and empty"),
        }
    }
}

impl<T> fmt::Display for QueueShutDown<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the queue is shut down")
    }
}

impl fmt::Display for TaskDoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("task_done() called too many times")
    }
}

impl fmt::Display for ReleasedTooManyTimes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BoundedSemaphore released too many times")
    }
}

impl fmt::Display for BrokenBarrierError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the barrier is broken (aborted, or reset while waiting)")
    }
}

impl<T> Error for PutNowaitError<T> {}
impl Error for GetNowaitError {}
impl<T> Error for QueueShutDown<T> {}
impl Error for TaskDoneError {}
impl Error for ReleasedTooManyTimes {}
impl Error for BrokenBarrierError {}
