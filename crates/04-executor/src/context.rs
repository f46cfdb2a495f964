//! The running loop of this thread, and the functions that find it:
//! `spawn`, `call_soon`, `run` (asyncio's `get_running_loop()` machinery).

use std::cell::RefCell;
use std::error::Error;
use std::fmt;
use std::future::Future;
use std::rc::Rc;
use std::sync::Arc;
use std::task::Waker;

use crate::driver::Driver;
use crate::event_loop::{CallbackHandle, Core, EventLoop, ExceptionContext};
use crate::join::{JoinHandle, TaskRef};
use crate::task::{LocalTask, Shared, TaskId};

// ANCHOR: current
thread_local! {
    /// The loop running on this thread, if any. Set for exactly as long as
    /// `run_until_complete` runs (and while a closing loop drops its tasks).
    static CURRENT: RefCell<Option<Rc<Core>>> = const { RefCell::new(None) };
}
// ANCHOR_END: current

/// The error of a call that needs a running loop and found none: asyncio's
/// `RuntimeError: no running event loop`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoRunningLoop;

impl fmt::Display for NoRunningLoop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no running event loop")
    }
}

impl Error for NoRunningLoop {}

/// Marks a loop as this thread's running loop until dropped.
pub(crate) struct EnterGuard<'a, D: Driver> {
    driver: &'a RefCell<D>,
}

impl<'a, D: Driver> EnterGuard<'a, D> {
    /// Enters `core`, or panics with asyncio's message if a loop is already
    /// running on this thread.
    pub(crate) fn new(core: Rc<Core>, driver: &'a RefCell<D>) -> Self {
        let already = CURRENT.with(|current| current.borrow().clone());
        if let Some(running) = already {
            if Rc::ptr_eq(&running, &core) {
                panic!("This event loop is already running");
            }
            panic!("Cannot run the event loop while another loop is running");
        }
        try_enter(core, driver).expect("checked just above that no loop is running")
    }
}

/// Enters `core` unless another loop is running here, or the thread is
/// exiting and its running-loop slot is gone already (a loop kept in a
/// thread-local is dropped then, maybe after that slot).
pub(crate) fn try_enter<D: Driver>(
    core: Rc<Core>,
    driver: &RefCell<D>,
) -> Option<EnterGuard<'_, D>> {
    let entered = CURRENT.try_with(|current| {
        let mut current = current.borrow_mut();
        if current.is_some() {
            return false;
        }
        *current = Some(core);
        true
    });
    if entered != Ok(true) {
        return None;
    }
    driver.borrow().enter();
    Some(EnterGuard { driver })
}

impl<D: Driver> Drop for EnterGuard<'_, D> {
    fn drop(&mut self) {
        self.driver.borrow().exit();
        // Take the core out before dropping it: its drop may run task code.
        let core = CURRENT.try_with(|current| current.borrow_mut().take());
        drop(core);
    }
}

/// Calls `f` with the running loop's core, if there is one.
pub(crate) fn with_core<R>(f: impl FnOnce(&Rc<Core>) -> R) -> Option<R> {
    Some(f(&running_core()?))
}

/// The running loop's core, cloned out of `CURRENT`, not borrowed: what
/// the caller does with it may spawn, which borrows `CURRENT` again. (Not
/// generic, unlike `with_core`: compiled once.)
fn running_core() -> Option<Rc<Core>> {
    CURRENT.try_with(|current| current.borrow().clone()).ok()?
}

/// The fast path of a wake: if the task's loop is the one running on this
/// thread, queue the task directly and return `true`.
pub(crate) fn schedule_local(shared: &Arc<Shared>, id: TaskId) -> bool {
    // Borrowed, not cloned out as `with_core` does: scheduling runs no
    // code of the tasks', so it cannot reach `CURRENT` again.
    CURRENT
        .try_with(|current| match &*current.borrow() {
            Some(core) if Arc::ptr_eq(&core.shared, shared) => {
                core.schedule(id, false);
                true
            }
            _ => false,
        })
        .unwrap_or(false)
}

/// [`LocalTask::prefetch`]: a hint, given only on the task's own loop.
pub(crate) fn prefetch_local(shared: &Arc<Shared>, id: TaskId) {
    let _ = CURRENT.try_with(|current| match &*current.borrow() {
        Some(core) if Arc::ptr_eq(&core.shared, shared) => core.prefetch_task(id),
        _ => {}
    });
}

/// The task being polled now, if `waker` is the waker its loop gave this
/// poll: the case of a future awaited by its task directly. `None` when
/// the waker is another (a combinator's own, or from no loop at all).
///
/// A future that keeps a clone of its waker makes the loop give the task a
/// waker of its own (an allocation: see "A waker only for a task that
/// keeps one" in the book's fast paths).
/// One that belongs to the loop itself, and is fired by it, can keep this
/// instead and wake the task by its id. Chapter 6's sleeps do.
///
/// ```
/// use std::future::poll_fn;
/// use std::task::Poll;
/// use aio_executor::{EventLoop, local_task};
///
/// let event_loop = EventLoop::new();
/// let (direct, other) = event_loop.run_until_complete(poll_fn(|cx| {
///     let direct = local_task(cx.waker()).is_some();
///     let other = local_task(std::task::Waker::noop()).is_some();
///     Poll::Ready((direct, other))
/// }));
/// assert!(direct && !other);
/// assert!(local_task(std::task::Waker::noop()).is_none()); // no loop runs
/// ```
pub fn local_task(waker: &Waker) -> Option<LocalTask> {
    CURRENT
        .try_with(|current| current.borrow().as_ref()?.local_task(waker))
        .ok()
        .flatten()
}

/// Reports a panic that no handle ever retrieved to the task's own loop, or
/// to stderr when that loop is gone.
pub(crate) fn report_unretrieved(core: Option<Rc<Core>>, task: &str, panic: &str) {
    let context = ExceptionContext {
        message: "Task exception was never retrieved",
        task: Some(task.to_owned()),
        panic: panic.to_owned(),
    };
    match core {
        Some(core) => core.report(context),
        None => crate::event_loop::default_exception_handler(&context),
    }
}

/// Reports `context` to the running loop's exception handler, as asyncio's
/// `loop.call_exception_handler(context)` does for errors that have no
/// task or callback to land in (a failed `accept`, say). Without a running
/// loop it goes to the default handler, stderr.
pub fn call_exception_handler(context: ExceptionContext) {
    if with_core(|core| core.report(context.clone())).is_none() {
        crate::event_loop::default_exception_handler(&context);
    }
}

/// Schedules `future` as a new task on the running loop and returns its
/// handle: asyncio's `create_task`. The task starts when the current task
/// next yields, not now.
///
/// # Panics
///
/// Panics with "no running event loop" when no loop runs on this thread, as
/// asyncio raises `RuntimeError`. See [`try_spawn`] to get the error instead.
// ANCHOR: spawn
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + 'static,
    F::Output: 'static,
{
    match try_spawn(future) {
        Ok(handle) => handle,
        Err(NoRunningLoop) => panic!(
            "spawn() needs a running event loop: no running event loop \
             (call it from inside a future run by aio_executor::run)"
        ),
    }
}
// ANCHOR_END: spawn

/// Python's name for [`spawn`].
pub fn create_task<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + 'static,
    F::Output: 'static,
{
    spawn(future)
}

/// Like [`spawn`], with a name for traces and error reports (asyncio's
/// `create_task(coro, name=...)`).
///
/// # Panics
///
/// Panics when no loop is running on this thread, like [`spawn`].
pub fn spawn_named<F>(name: impl Into<String>, future: F) -> JoinHandle<F::Output>
where
    F: Future + 'static,
    F::Output: 'static,
{
    let Some(core) = running_core() else {
        drop(future); // before the panic, not during its unwinding
        panic!("spawn_named() needs a running event loop: no running event loop")
    };
    core.spawn(Some(name.into()), future)
}

/// Like [`spawn`], but returns [`NoRunningLoop`] instead of panicking.
pub fn try_spawn<F>(future: F) -> Result<JoinHandle<F::Output>, NoRunningLoop>
where
    F: Future + 'static,
    F::Output: 'static,
{
    match running_core() {
        Some(core) => Ok(core.spawn(None, future)),
        None => Err(NoRunningLoop),
    }
}

/// Schedules `callback` to run on the running loop after the work that is
/// already ready (asyncio's `loop.call_soon`).
///
/// # Panics
///
/// Panics when no loop is running on this thread.
pub fn call_soon(callback: impl FnOnce() + 'static) -> CallbackHandle {
    with_core(|core| core.call_soon(Box::new(callback)))
        .expect("call_soon() needs a running event loop: no running event loop")
}

/// The task the running loop is polling now: asyncio's
/// `asyncio.current_task()`. `None` when the loop is running a callback
/// rather than a task (as in asyncio).
///
/// # Panics
///
/// When no loop runs on this thread, as asyncio raises `RuntimeError: no
/// running event loop`.
pub fn current_task() -> Option<TaskRef> {
    with_core(|core| core.current_task())
        .expect("current_task() needs a running event loop: no running event loop")
}

/// Every task of the running loop that is not done yet, oldest first:
/// asyncio's `asyncio.all_tasks()` (a set there; a list in creation order
/// here, which is one of the orders a set may give).
///
/// # Panics
///
/// When no loop runs on this thread, as asyncio raises `RuntimeError`.
pub fn all_tasks() -> Vec<TaskRef> {
    with_core(|core| core.all_tasks())
        .expect("all_tasks() needs a running event loop: no running event loop")
}

/// Whether a loop is running on this thread (asyncio's
/// `get_running_loop()` not raising).
pub fn is_running() -> bool {
    with_core(|_| ()).is_some()
}

/// Runs `main` on a new loop and closes the loop: asyncio's `asyncio.run`.
///
/// Makes an [`EventLoop`], runs `main` to completion as its first task,
/// then drops every task still alive (cancelling them) and the loop.
///
/// # Panics
///
/// Panics if `main` panics, and — like asyncio — when called while a loop is
/// already running on this thread: "run() cannot be called from a running
/// event loop" (a nested `run` would block the outer loop's tasks).
// ANCHOR: run
pub fn run<F>(main: F) -> F::Output
where
    F: Future + 'static,
    F::Output: 'static,
{
    if is_running() {
        panic!("run() cannot be called from a running event loop");
    }
    let event_loop = EventLoop::new();
    event_loop.run_until_complete(main)
}
// ANCHOR_END: run
