//! Python's asyncio, with asyncio's names, on the runtime this course
//! built: stage 4's executor, stage 5's reactor, stage 6's timers, stage
//! 7's combinators and stage 8's queues and locks. Nothing here is new
//! machinery; this crate names and composes what the stages built.
//!
//! ```
//! use asyncio::prelude::*;
//! ```
//!
//! brings in everything below (or write `asyncio::sleep`, …, as Python
//! code writes `asyncio.sleep`).
//!
//! # A first program
//!
//! [`run`] makes a loop, runs one future on it to the end, and closes the
//! loop, as `asyncio.run(main())` does. [`create_task`] schedules a future
//! as a task; it starts when the current task next waits.
//!
//! ```
//! use std::time::{Duration, Instant};
//! use asyncio::prelude::*;
//!
//! async fn count(name: &'static str) -> &'static str {
//!     asyncio::sleep(Duration::from_millis(20)).await;
//!     name
//! }
//!
//! let started = Instant::now();
//! let names = asyncio::run(async {
//!     let a = create_task(count("a"));
//!     let b = create_task(count("b"));
//!     let c = create_task(count("c"));
//!     // The three sleeps overlap: about 20 ms in all, not 60.
//!     vec![a.await.unwrap(), b.await.unwrap(), c.await.unwrap()]
//! });
//! assert_eq!(names, ["a", "b", "c"]);
//! assert!(started.elapsed() < Duration::from_millis(60) * 10);
//! ```
//!
//! Awaiting a [`Task`] gives `Result<T, JoinError>`: `Ok` with the task's
//! value, or an error if it was cancelled or panicked. A panic is the
//! exception of a Rust task: it stays in its task, and the loop goes on.
//!
//! # A virtual clock for tests and demos
//!
//! [`Runner`] is asyncio 3.11's `asyncio.Runner`: a loop kept open across
//! runs. [`Runner::with_virtual_clock`] gives it a clock that jumps to the
//! next timer whenever every task is waiting for one, so an hour of sleeps
//! takes microseconds and every time is exact:
//!
//! ```
//! use std::time::Duration;
//! use asyncio::prelude::*;
//!
//! let runner = Runner::with_virtual_clock();
//! let elapsed = runner.run(async {
//!     let event_loop = get_running_loop();
//!     let start = event_loop.time();
//!     let slow = create_task(asyncio::sleep(Duration::from_secs(3600)));
//!     let fast = create_task(asyncio::sleep(Duration::from_secs(60)));
//!     let _ = gather_tasks(vec![slow, fast]).await;
//!     event_loop.time() - start
//! });
//! assert_eq!(elapsed, Duration::from_secs(3600));
//! ```
//!
//! # Waiting for many things
//!
//! [`gather`] runs futures as tasks and returns their values in argument
//! order; [`gather!`] takes futures of different types. [`wait`] returns
//! the done and the pending tasks, by [`ReturnWhen`] (asyncio's
//! [`FIRST_COMPLETED`], [`FIRST_EXCEPTION`], [`ALL_COMPLETED`]) and an
//! optional timeout. [`wait_for`] and [`timeout`] give up after a while,
//! cancelling what they waited for; [`shield`] protects a task from that.
//! [`TaskGroup`] (3.11) waits for every child and cancels the rest when one
//! fails.
//!
//! ```
//! use std::time::Duration;
//! use asyncio::prelude::*;
//!
//! Runner::with_virtual_clock().run(async {
//!     let values = gather((1..=3).map(|n| async move {
//!         asyncio::sleep(Duration::from_secs(4 - n)).await;
//!         n * 10
//!     }))
//!     .await
//!     .unwrap();
//!     assert_eq!(values, [10, 20, 30]); // argument order, not finishing order
//!
//!     let (number, text) = asyncio::gather!(async { 7 }, async { "seven" })
//!         .await
//!         .unwrap();
//!     assert_eq!((number, text), (7, "seven"));
//!
//!     let slow = asyncio::sleep(Duration::from_secs(10));
//!     let gave_up = wait_for(slow, Duration::from_secs(1)).await;
//!     assert_eq!(gave_up, Err(TimeoutError));
//!
//!     let tasks = vec![
//!         create_task(asyncio::sleep(Duration::from_secs(1))),
//!         create_task(asyncio::sleep(Duration::from_secs(5))),
//!     ];
//!     let (done, pending) = wait(tasks, FIRST_COMPLETED, None).await;
//!     assert_eq!((done.len(), pending.len()), (1, 1));
//! });
//! ```
//!
//! # Queues and locks
//!
//! [`Queue`] is asyncio's: `put` waits while the queue is full, `get`
//! while it is empty, `task_done` and `join` count the work. The locks
//! ([`Lock`], [`Event`], [`Semaphore`], [`Condition`], [`Barrier`]) wake
//! their waiters in FIFO order, and a waiter that is cancelled loses
//! nothing.
//!
//! ```
//! use std::rc::Rc;
//! use std::time::Duration;
//! use asyncio::prelude::*;
//!
//! let total = Runner::with_virtual_clock().run(async {
//!     let queue = Rc::new(Queue::new(2));
//!     let worker = create_task({
//!         let queue = queue.clone();
//!         async move {
//!             let mut total = 0;
//!             loop {
//!                 let n: u32 = queue.get().await.unwrap();
//!                 asyncio::sleep(Duration::from_millis(10)).await;
//!                 total += n;
//!                 queue.task_done().unwrap();
//!             }
//!             #[allow(unreachable_code)]
//!             total
//!         }
//!     });
//!     for n in 1..=5 {
//!         queue.put(n).await.unwrap(); // waits while 2 are queued
//!     }
//!     queue.join().await; // every item got its task_done
//!     worker.cancel();
//!     assert!(worker.await.unwrap_err().is_cancelled());
//!     queue.qsize()
//! });
//! assert_eq!(total, 0);
//! ```
//!
//! # Sockets
//!
//! [`start_server`] and [`open_connection`] are asyncio's streams, on stage
//! 5's reactor (epoll underneath):
//!
//! ```
//! use asyncio::prelude::*;
//!
//! asyncio::run(async {
//!     let server = start_server(
//!         |mut reader: StreamReader, mut writer: StreamWriter| async move {
//!             let line = reader.readline().await?;
//!             writer.write(&line);
//!             writer.drain().await
//!         },
//!         "127.0.0.1:0",
//!     )
//!     .await
//!     .unwrap();
//!
//!     let (mut reader, mut writer) = open_connection(server.local_addr()).await.unwrap();
//!     writer.write(b"hello\n");
//!     writer.drain().await.unwrap();
//!     assert_eq!(reader.readline().await.unwrap(), b"hello\n");
//!     server.close();
//! });
//! ```
//!
//! # Threads
//!
//! [`to_thread`] runs a blocking call on a small pool of threads (at most
//! `min(32, cores + 4)`, asyncio's default) and wakes the awaiting task
//! when it returns. A thread that must hand work back to the loop uses
//! [`LoopHandle::call_soon_threadsafe`], the one loop method asyncio lets
//! other threads call:
//!
//! ```
//! use std::sync::mpsc;
//! use asyncio::prelude::*;
//!
//! asyncio::run(async {
//!     let sum = to_thread(|| (1..=100u64).sum::<u64>()).await;
//!     assert_eq!(sum, 5050);
//!
//!     let handle = get_running_loop().handle();
//!     let event = std::rc::Rc::new(Event::new());
//!     let (tx, rx) = mpsc::channel();
//!     std::thread::spawn(move || {
//!         handle.call_soon_threadsafe(move || tx.send("ran on the loop").unwrap()).unwrap();
//!     });
//!     // Let the loop turn until the callback has run.
//!     while rx.try_recv().is_err() {
//!         asyncio::sleep(std::time::Duration::from_millis(1)).await;
//!     }
//!     event.set();
//! });
//! ```
//!
//! # Where Rust's conventions win
//!
//! The names are asyncio's; where Python's conventions do not fit Rust,
//! the crate follows Rust's, once, consistently:
//!
//! - **A panic is the exception.** A task that panics ends with
//!   [`JoinError::Panicked`]; errors that a caller should handle are
//!   `Result`s ([`TimeoutError`], [`QueueFull`], …). `result()` on a task
//!   or a [`Future`] says [`FutureError`]: not done, cancelled, or the
//!   exception (a panic's message, for a task). Misuse that asyncio
//!   reports with `RuntimeError` (no running loop, releasing an unlocked
//!   lock) panics with asyncio's words.
//! - **A task is awaited for its value.** [`Task`] owns its result, so
//!   [`TaskExt::result`] moves it out once; `.await` is the usual way.
//! - **Time is a `Duration`**, not a float of seconds: `sleep(Duration::from_millis(10))`,
//!   and [`RunningLoop::time`] is a `Duration` since the loop started.
//! - **Cancelling drops the future.** asyncio throws `CancelledError` into
//!   the coroutine, which may catch it; here the task's future is dropped
//!   at the loop's next turn, and its destructors are its `finally`. A
//!   task cannot refuse a cancellation.
//! - **Many results, one type.** [`gather`] takes futures of one type (use
//!   [`gather!`] for a mix); `return_exceptions=True` is
//!   [`gather_settled`] or [`Gather::return_exceptions`].
//! - **One loop per thread, and no global "event loop policy"**: a loop is
//!   made by [`run`] or a [`Runner`], and found by [`get_running_loop`].
//!
//! The book's appendix "asyncio → ours" maps every asyncio name to its
//! counterpart here, or says why there is none.

#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

pub mod errors;
mod runner;
mod running_loop;
mod tasks;

/// asyncio's `Future`, the placeholder of stage 2: `set_result`,
/// `set_exception`, `result`, `done`, `add_done_callback`, awaitable. Not in
/// the prelude, where its name would hide `std::future::Future`; write
/// `asyncio::Future`, or make one with
/// [`RunningLoop::create_future`].
pub use aio_futures::Future;
pub use errors::{
    CancelledError, Exception, FutureError, GetNowaitError, InvalidStateError, JoinError,
    LoopClosed, NoRunningLoop, PutNowaitError, QueueEmpty, QueueFull, QueueShutDown, TimeoutError,
};
pub use runner::{Loop, Runner, run};
pub use running_loop::{RunningLoop, get_running_loop, try_get_running_loop};
pub use tasks::{
    JoinHandle, Outcome, Task, TaskExt, TaskRef, all_tasks, create_task, create_task_named,
    current_task, yield_now,
};

pub use aio_executor::{
    CallbackHandle, ExceptionContext, LoopHandle, call_exception_handler, call_soon,
};
pub use aio_gather::{
    AsCompleted, Gather, GatherSettled, ReturnWhen, Shield, TaskGroup, Timeout, Wait, as_completed,
    gather, gather_settled, gather_tasks, shield, shield_task, timeout, timeout_at, wait, wait_for,
};
pub use aio_queues::{
    Barrier, BoundedSemaphore, Condition, Event, LifoQueue, Lock, LockGuard, PriorityQueue, Queue,
    Semaphore, SemaphoreGuard,
};
pub use aio_reactor::{
    Server, StreamReader, StreamWriter, TcpListener, TcpStream, ToThread, open_connection,
    start_server, to_thread,
};
pub use aio_timers::{Clock, Sleep, TimerHandle, call_at, call_later, sleep, sleep_until};

/// `wait` returns when every task has ended: asyncio's `ALL_COMPLETED`.
pub const ALL_COMPLETED: ReturnWhen = ReturnWhen::AllCompleted;
/// `wait` returns when any task ends: asyncio's `FIRST_COMPLETED`.
pub const FIRST_COMPLETED: ReturnWhen = ReturnWhen::FirstCompleted;
/// `wait` returns when any task panics, or else when all have ended:
/// asyncio's `FIRST_EXCEPTION`.
pub const FIRST_EXCEPTION: ReturnWhen = ReturnWhen::FirstException;

/// Everything, for `use asyncio::prelude::*`: the functions and types
/// above, the [`TaskExt`] methods, and the `gather!` macros.
pub mod prelude {
    pub use crate::errors::*;
    pub use crate::{
        ALL_COMPLETED, Barrier, BoundedSemaphore, CallbackHandle, Clock, Condition, Event,
        FIRST_COMPLETED, FIRST_EXCEPTION, LifoQueue, Lock, LoopHandle, PriorityQueue, Queue,
        ReturnWhen, Runner, RunningLoop, Semaphore, Server, StreamReader, StreamWriter, Task,
        TaskExt, TaskGroup, TaskRef, TimerHandle, all_tasks, as_completed, call_at, call_later,
        call_soon, create_task, create_task_named, current_task, gather, gather_settled,
        gather_tasks, get_running_loop, open_connection, run, shield, shield_task, sleep,
        sleep_until, start_server, timeout, timeout_at, to_thread, try_get_running_loop, wait,
        wait_for, yield_now,
    };
}

/// The README's example runs as a doctest too, so the front page cannot
/// drift from the crate.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeExample;
