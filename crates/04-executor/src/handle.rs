//! `LoopHandle`: the one part of a loop that other threads may hold, to
//! schedule callbacks on it (asyncio's `loop.call_soon_threadsafe`).

use std::error::Error;
use std::fmt;
use std::sync::Arc;

use crate::context::{self, NoRunningLoop};
use crate::task::Shared;

/// A handle to a loop that can be sent to other threads: asyncio's
/// `loop.call_soon_threadsafe`, which is the only loop method asyncio lets
/// another thread call.
///
/// Get one from the running loop with [`LoopHandle::current`] (or
/// [`EventLoop::handle`](crate::EventLoop::handle)), move it to a thread,
/// and schedule work back on the loop with
/// [`call_soon_threadsafe`](LoopHandle::call_soon_threadsafe). The callback
/// joins the loop's ready queue at its next turn and runs on the loop's
/// thread; the call interrupts the loop's park, so a loop asleep in epoll
/// wakes at once.
#[derive(Clone)]
pub struct LoopHandle {
    shared: Arc<Shared>,
}

/// The error of [`LoopHandle::call_soon_threadsafe`] on a loop that has
/// been dropped: asyncio's `RuntimeError: Event loop is closed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoopClosed;

impl fmt::Display for LoopClosed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Event loop is closed")
    }
}

impl Error for LoopClosed {}

impl LoopHandle {
    pub(crate) fn new(shared: Arc<Shared>) -> Self {
        LoopHandle { shared }
    }

    /// A handle to the loop running on this thread.
    ///
    /// # Errors
    ///
    /// [`NoRunningLoop`] when no loop runs on this thread.
    pub fn current() -> Result<LoopHandle, NoRunningLoop> {
        context::with_core(|core| LoopHandle::new(core.shared.clone())).ok_or(NoRunningLoop)
    }

    /// Schedules `callback` to run on the loop's thread, from any thread.
    /// Callbacks from one thread run in the order they were scheduled. A
    /// panic in the callback is reported to the loop's exception handler,
    /// as with `call_soon`.
    ///
    /// # Errors
    ///
    /// [`LoopClosed`] when the loop has been dropped; the callback is
    /// dropped too.
    pub fn call_soon_threadsafe(
        &self,
        callback: impl FnOnce() + Send + 'static,
    ) -> Result<(), LoopClosed> {
        self.shared
            .push_callback(Box::new(callback))
            .map_err(|_| LoopClosed)
    }

    /// Whether both handles reach the same loop.
    pub fn same_loop(&self, other: &LoopHandle) -> bool {
        Arc::ptr_eq(&self.shared, &other.shared)
    }
}

impl fmt::Debug for LoopHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoopHandle").finish_non_exhaustive()
    }
}
