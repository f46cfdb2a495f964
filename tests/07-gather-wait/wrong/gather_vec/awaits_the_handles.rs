// A wrong answer to exercise 7.1 (gather_vec), kept so `cargo lab verify`
// proves the suite catches it: `poll` polls each running child's handle
// directly, as `.await` would. A handle polled Pending counts as awaited,
// so when a failure ends the gather, dropping the others cancels them.
//
// expect: A handle dropped mid-await cancels its task

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use aio_executor::{JoinError, JoinHandle, spawn};

/// Spawns every future in `futures` as a task now, and returns the future
/// that collects their values in argument order.
pub fn gather_vec<F>(futures: Vec<F>) -> GatherVec<F::Output>
where
    F: Future + 'static,
    F::Output: 'static,
{
    // Spawning here, not in the first poll, is what starts the children
    // before the gather is awaited: each is a task in the loop's queue
    // from this moment, and runs as soon as the caller next yields.
    let handles: Vec<JoinHandle<F::Output>> = futures.into_iter().map(spawn).collect();
    let results = handles.iter().map(|_| None).collect();
    GatherVec { handles, results }
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
        let this = self.get_mut();
        for (handle, slot) in this.handles.iter_mut().zip(&mut this.results) {
            if slot.is_some() {
                continue; // taken on an earlier poll
            }
            // Not `Pin::new(handle).poll(cx)` while the task runs: a handle
            // polled Pending is "being awaited", and dropping it then
            // cancels its task. After a failure we return and are dropped
            // with the other handles: polled that way, every sibling still
            // running would be cancelled, and asyncio's gather cancels none.
            // `poll_done` registers our waker and ties nothing to the task.
            match Pin::new(handle).poll(cx) {
                Poll::Ready(Ok(value)) => *slot = Some(value),
                Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
                Poll::Pending => {}
            }
        }
        if this.results.iter().any(Option::is_none) {
            // Every child still running has our waker: its end polls us.
            return Poll::Pending;
        }
        // Each value sits in its child's slot, so the order is the
        // argument order, whatever order the children finished in.
        let values = this.results.iter_mut().filter_map(Option::take).collect();
        Poll::Ready(Ok(values))
    }
}
