//! `get_running_loop()` and what asyncio code does with the loop it gets.

use std::future::Future;
use std::marker::PhantomData;
use std::rc::Rc;
use std::time::Duration;

use aio_executor::{CallbackHandle, LoopClosed, LoopHandle, NoRunningLoop};
use aio_timers::TimerHandle;

use crate::tasks::Task;

/// The running loop, as asyncio code sees it through
/// `asyncio.get_running_loop()`: its clock and its callback scheduling.
///
/// It stays on the loop's thread (it is `!Send`); to reach the loop from
/// another thread, take a [`LoopHandle`] with
/// [`handle`](RunningLoop::handle). The methods that schedule work panic if
/// called after the loop stopped running, or while another loop runs on
/// this thread, as asyncio raises `RuntimeError` for a closed loop.
#[derive(Clone)]
pub struct RunningLoop {
    handle: LoopHandle,
    /// Keeps it on the loop's thread.
    _local: PhantomData<Rc<()>>,
}

/// The loop running on this thread: asyncio's `asyncio.get_running_loop()`.
///
/// # Panics
///
/// With asyncio's words, "no running event loop", when called outside a
/// running loop (asyncio raises `RuntimeError`). See
/// [`try_get_running_loop`] for the error as a value.
pub fn get_running_loop() -> RunningLoop {
    try_get_running_loop()
        .unwrap_or_else(|NoRunningLoop| panic!("get_running_loop(): no running event loop"))
}

/// Like [`get_running_loop`], with the error as a value.
///
/// # Errors
///
/// [`NoRunningLoop`] when no loop runs on this thread.
pub fn try_get_running_loop() -> Result<RunningLoop, NoRunningLoop> {
    Ok(RunningLoop {
        handle: LoopHandle::current()?,
        _local: PhantomData,
    })
}

impl RunningLoop {
    /// Panics unless this loop is the one running on this thread.
    fn check(&self, what: &str) {
        let running = LoopHandle::current()
            .unwrap_or_else(|_| panic!("{what}: the loop is not running (no running event loop)"));
        assert!(
            running.same_loop(&self.handle),
            "{what}: this loop is not the one running on this thread"
        );
    }

    /// Runs `callback` soon, after the work already ready: asyncio's
    /// `loop.call_soon`. The handle can cancel it.
    pub fn call_soon(&self, callback: impl FnOnce() + 'static) -> CallbackHandle {
        self.check("call_soon()");
        aio_executor::call_soon(callback)
    }

    /// Schedules `callback` on this loop from any thread: asyncio's
    /// `loop.call_soon_threadsafe`. From another thread, use the
    /// [`LoopHandle`] that [`handle`](RunningLoop::handle) gives.
    ///
    /// # Errors
    ///
    /// [`LoopClosed`] if the loop is gone.
    pub fn call_soon_threadsafe(
        &self,
        callback: impl FnOnce() + Send + 'static,
    ) -> Result<(), LoopClosed> {
        self.handle.call_soon_threadsafe(callback)
    }

    /// Runs `callback` once `delay` has passed on the loop's clock:
    /// asyncio's `loop.call_later`. The handle can cancel it.
    pub fn call_later(&self, delay: Duration, callback: impl FnOnce() + 'static) -> TimerHandle {
        self.check("call_later()");
        aio_timers::call_later(delay, callback)
    }

    /// Runs `callback` when the loop's clock reads `when` (a time as
    /// [`time`](RunningLoop::time) gives it): asyncio's `loop.call_at`.
    pub fn call_at(&self, when: Duration, callback: impl FnOnce() + 'static) -> TimerHandle {
        self.check("call_at()");
        aio_timers::call_at(when, callback)
    }

    /// The loop's clock: asyncio's `loop.time()`. A `Duration` since the
    /// loop was made rather than a float of seconds; under a virtual clock
    /// ([`Runner::with_virtual_clock`](crate::Runner::with_virtual_clock)),
    /// virtual time.
    pub fn time(&self) -> Duration {
        self.check("time()");
        aio_timers::now()
    }

    /// Creates a task on this loop: asyncio's `loop.create_task`.
    pub fn create_task<F>(&self, future: F) -> Task<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        self.check("create_task()");
        aio_executor::create_task(future)
    }

    /// A new placeholder future: asyncio's `loop.create_future()`. Await it
    /// from a task; complete it with `set_result` or `set_exception` from a
    /// callback or another task, and every task awaiting it wakes.
    pub fn create_future<T>(&self) -> crate::Future<T> {
        crate::Future::new()
    }

    /// Reports `context` to the loop's exception handler (asyncio's
    /// `loop.call_exception_handler`); by default it is printed to stderr.
    /// Set the handler with the loop's `set_exception_handler`
    /// ([`Runner::get_loop`](crate::Runner::get_loop)).
    pub fn call_exception_handler(&self, context: aio_executor::ExceptionContext) {
        self.check("call_exception_handler()");
        aio_executor::call_exception_handler(context);
    }

    /// Whether this loop is the one running on this thread now (asyncio's
    /// `loop.is_running()`).
    pub fn is_running(&self) -> bool {
        LoopHandle::current().is_ok_and(|running| running.same_loop(&self.handle))
    }

    /// A handle to this loop that can go to other threads, for
    /// [`LoopHandle::call_soon_threadsafe`].
    pub fn handle(&self) -> LoopHandle {
        self.handle.clone()
    }
}

impl std::fmt::Debug for RunningLoop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunningLoop")
            .field("running", &self.is_running())
            .finish()
    }
}
