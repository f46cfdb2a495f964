//! # Exercise 7.2: `wait` for the first task to finish
//!
//! Goal: write `poll` for [`WaitFirst`], asyncio's
//! `wait(tasks, return_when=FIRST_COMPLETED)`. It waits until at least one
//! of the tasks has ended, then answers `(done, pending)`: every handle
//! whose task has ended by then in `done`, the others in `pending`, each
//! list in the order the handles were given.
//!
//! `wait` only watches:
//!
//! - the results stay in the handles, for the caller to take by awaiting
//!   a handle from `done` (asyncio: `task.result()`);
//! - it never cancels a task: not those still pending when it returns
//!   (the caller may keep their handles or drop them), and not those it
//!   was waiting for when the wait itself is given up (dropped, as a
//!   timeout or a cancelled caller drops it).
//!
//! Read first: `book/src/ch07-gather-wait.md`, section "wait"
//! (`ch07-gather-wait.md#wait`).
//!
//! Stuck? `cargo lab hint 7.2` shows one hint at a time.
//!
//! Check: `cargo lab check 7` or `cargo test -p ex07-gather-wait --test wait_first`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use aio_executor::JoinHandle;

/// Waits until at least one of `handles` is done (asyncio's
/// `wait(tasks, return_when=FIRST_COMPLETED)`), then gives them back as
/// `(done, pending)`.
///
/// # Panics
///
/// Panics if `handles` is empty, as asyncio raises `ValueError`: there
/// would be nothing to wait for, ever.
pub fn wait_first<T>(handles: Vec<JoinHandle<T>>) -> WaitFirst<T> {
    assert!(
        !handles.is_empty(),
        "wait_first() needs at least one task (asyncio: Set of Futures is empty.)"
    );
    WaitFirst {
        handles: Some(handles),
    }
}

/// The future of [`wait_first`].
#[derive(Debug)]
pub struct WaitFirst<T> {
    /// The handles, in the order given; `None` once they were handed back.
    handles: Option<Vec<JoinHandle<T>>>,
}

impl<T> Future for WaitFirst<T> {
    /// `(done, pending)`, each in the order the handles were given.
    type Output = (Vec<JoinHandle<T>>, Vec<JoinHandle<T>>);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // TODO: find out which tasks have ended, making sure that the end
        // of any task still running will wake this one.
        // TODO: if none has ended, Pending. Otherwise hand every handle
        // back, split into (done, pending), in the order given.
        todo!()
    }
}
