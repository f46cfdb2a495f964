//! # Exercise 7.1: `gather` for a `Vec` of futures
//!
//! Goal: write asyncio's `gather` for any number of futures of one type.
//! [`gather_vec`] makes every future a task of its own, all of them at
//! once, so the children run from the moment `gather_vec` is called,
//! before anyone awaits the gather (as asyncio's children do). Awaiting
//! the [`GatherVec`] then gives:
//!
//! - every child's value, **in argument order**, whatever order they
//!   finished in; or
//! - as soon as one child fails (it panicked, or was cancelled), that
//!   child's [`JoinError`], at once. The other children are **not**
//!   cancelled: as in asyncio, they run on and nobody waits for them.
//!
//! Read first: `book/src/ch07-gather-wait.md`, section "gather"
//! (`ch07-gather-wait.md#gather`).
//!
//! Stuck? `cargo lab hint 7.1` shows one hint at a time.
//!
//! Check: `cargo lab check 7` or `cargo test -p ex07-gather-wait --test gather_vec`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use aio_executor::{JoinError, JoinHandle};

/// Spawns every future in `futures` as a task now, and returns the future
/// that collects their values in argument order.
pub fn gather_vec<F>(futures: Vec<F>) -> GatherVec<F::Output>
where
    F: Future + 'static,
    F::Output: 'static,
{
    // TODO: spawn every future (`aio_executor::spawn`), keeping the handles in argument
    // order, and start with no result for any child.
    todo!()
}

/// The future of [`gather_vec`].
#[derive(Debug)]
pub struct GatherVec<T> {
    /// One handle per child, in argument order.
    handles: Vec<JoinHandle<T>>,
    /// `results[i]` holds child `i`'s value once it has been taken from its
    /// handle; `None` while the child runs.
    results: Vec<Option<T>>,
}

// A `Vec<Option<T>>` is `Unpin` only if `T` is, but nothing here is ever
// pinned in place: the values are moved in and out, never polled. So a
// `GatherVec` may be moved at will, and `poll` may use `get_mut`.
impl<T> Unpin for GatherVec<T> {}

impl<T> Future for GatherVec<T> {
    type Output = Result<Vec<T>, JoinError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // TODO: for each child with no result yet: if it is done, take its
        // result; a value goes in its slot, a failure is the answer now.
        // TODO: when every slot is filled, answer the values in argument
        // order; otherwise Pending, with every running child able to wake
        // this task when it ends.
        todo!()
    }
}
