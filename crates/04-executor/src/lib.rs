//! Stage 4: the executor — an event loop for tasks.
//!
//! Stages 1 to 3 gave us futures that can pause ([`Future::poll`] returning
//! `Pending`) and wakers that say when a paused future is worth polling
//! again. An *executor* puts them to work: it keeps many futures (tasks),
//! polls the ones that are ready, in order, and sleeps when none is.
//! That is what asyncio's event loop does with coroutines, and this crate
//! follows asyncio's rules closely:
//!
//! * [`run`] is `asyncio.run`: a new loop, one main future, then the loop is
//!   closed and the tasks still alive are cancelled. Like asyncio's loop, it
//!   first gives the work that was ready when main finished one last turn.
//! * [`spawn`] (alias [`create_task`]) schedules a task; it starts when the
//!   current task next yields, not at once.
//! * The ready queue is FIFO: tasks run in the order they became ready.
//! * A task's [`JoinHandle`] is awaitable, like an asyncio `Task`; a panic in
//!   the task is caught and comes out of the handle as a [`JoinError`].
//! * [`JoinHandle::cancel`] drops the task's future at its next turn.
//! * A handle dropped in the middle of an `.await` cancels its task, as
//!   asyncio's `Task.cancel()` cancels the task the cancelled one awaits;
//!   [`JoinHandle::poll_done`] watches a task without that tie.
//! * What a caller observes of a task's end is asyncio's: `cancelled()`
//!   stays true after the handle is awaited, a destructor's panic is the
//!   task's outcome, and closing the loop always ends.
//!
//! ```
//! use aio_executor::{run, spawn, yield_now};
//! use std::cell::RefCell;
//! use std::rc::Rc;
//!
//! let log = Rc::new(RefCell::new(Vec::new()));
//! let out = log.clone();
//! let total = run(async move {
//!     let l = out.clone();
//!     let child = spawn(async move {
//!         l.borrow_mut().push("child runs");
//!         20
//!     });
//!     // The child is scheduled, not running: we are still first.
//!     out.borrow_mut().push("main continues");
//!     yield_now().await; // now the child gets its turn
//!     out.borrow_mut().push("main resumes");
//!     22 + child.await.unwrap()
//! });
//! assert_eq!(total, 42);
//! assert_eq!(*log.borrow(), ["main continues", "child runs", "main resumes"]);
//! ```
//!
//! # The driver seam
//!
//! When nothing is ready the loop calls its [`Driver`] to wait. This
//! stage's [`ParkDriver`] parks the thread until a waker on another thread
//! unparks it. Stage 5 plugs in a reactor that waits in `epoll`, and stage 6
//! a timer layer that bounds the wait by the next deadline; the loop itself
//! does not change.
//!
//! # Wakers from other threads
//!
//! Wakers are `Send + Sync`. A wake on the loop's own thread puts the task
//! straight into the ready queue; a wake from anywhere else goes through a
//! mutex-protected remote queue and [`Unpark::unpark`], so it is never lost.
//!
//! # Tracing
//!
//! [`EventLoop::with_trace`] records what the loop does; tasks add their own
//! lines with [`trace::note`].
//!
//! ```
//! use aio_executor::{trace, EventLoop};
//!
//! let event_loop = EventLoop::new().with_trace();
//! event_loop.run_until_complete(async { trace::note("hello") });
//! assert_eq!(event_loop.take_trace().notes(), ["hello"]);
//! ```
//!
//! # Where `unsafe` is
//!
//! A task's future and its result share one allocation (an `Rc` that the
//! table and the handle both hold), so polling the future in place needs
//! one `Pin::new_unchecked`, in `TaskCell::poll_in_place`, with its proof.
//! The only other `unsafe` block is a cache hint, in [`hint`], which reads
//! no memory at all. Every other line of the crate is safe code: `unsafe`
//! is denied, and allowed for those two functions alone.
//!
//! [`Future::poll`]: std::future::Future::poll
#![deny(
    unsafe_code,
    unsafe_op_in_unsafe_fn,
    clippy::undocumented_unsafe_blocks
)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

mod context;
mod driver;
mod event_loop;
mod handle;
pub mod hint;
mod join;
mod task;
pub mod trace;
mod yield_now;

/// A delay served by a helper thread, from stage 3: the stand-in for timers
/// until chapter 6 builds a timer heap into the loop. Here it shows the
/// cross-thread wake path at work.
pub use aio_wakers::{ThreadSleep, thread_sleep};
pub use context::{
    NoRunningLoop, all_tasks, call_exception_handler, call_soon, create_task, current_task,
    is_running, local_task, run, spawn, spawn_named, try_spawn,
};
pub use driver::{Driver, OffLoopGuard, OffLoopWork, ParkDriver, Unpark, start_off_loop_work};
pub use event_loop::{CallbackHandle, EventLoop, ExceptionContext, SlowPoll};
pub use handle::{LoopClosed, LoopHandle};
pub use join::{JoinError, JoinHandle, TaskRef};
pub use task::LocalTask;
pub use yield_now::{YieldNow, yield_now};
