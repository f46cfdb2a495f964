//! Stage 7: waiting for many tasks — `gather`, `wait`, `as_completed`,
//! `wait_for`, `shield`, `TaskGroup` and timeouts.
//!
//! Stage 4 gave us one task and one handle: `spawn`, then `.await` the
//! handle. Real programs start many tasks and wait for them in different
//! ways, and asyncio has a function for each way. They differ in three
//! things: **what they take** (futures or tasks), **what they give back**
//! (values in argument order, or tasks in the order they ended), and **what
//! they cancel** (a failure's siblings, the children of a cancelled waiter,
//! or nothing at all). This crate builds each one on the executor's
//! [`JoinHandle`], and follows asyncio's answers.
//!
//! Every example runs on stage 6's virtual clock: the sleeps take no real
//! time, and the times printed are exact.
//!
//! # `gather`: values in argument order
//!
//! [`gather()`] spawns every future as a task **at once**, so the tasks start
//! as soon as the caller yields, before the gather is even awaited. Awaiting
//! it gives the values in the order of the arguments, whatever order the
//! tasks finished in:
//!
//! ```
//! use std::time::Duration;
//! use aio_gather::gather;
//! use aio_timers::{Clock, now, sleep, timer_loop};
//!
//! async fn slow_square(n: u64) -> u64 {
//!     sleep(Duration::from_secs(4 - n)).await; // 3 finishes first
//!     n * n
//! }
//!
//! let event_loop = timer_loop(&Clock::new_virtual());
//! let (squares, took) = event_loop.run_until_complete(async {
//!     let squares = gather([1, 2, 3].map(slow_square)).await.unwrap();
//!     (squares, now())
//! });
//! assert_eq!(squares, [1, 4, 9]); // argument order
//! assert_eq!(took, Duration::from_secs(3)); // side by side: the longest
//! ```
//!
//! A task that panics fails the gather at once, and the others go on
//! running: asyncio does not cancel them either. [`gather_settled()`] (or
//! [`Gather::return_exceptions`]) is `return_exceptions=True`: every
//! task's `Result`, failures included. [`gather!`] gathers futures of
//! different types into a tuple.
//!
//! # `wait`: tasks, in the order they ended
//!
//! [`wait`] takes handles (never bare futures, as in asyncio 3.11) and a
//! condition, [`ReturnWhen`], and gives the tasks back as `(done,
//! pending)`. It cancels nothing, not even on timeout:
//!
//! ```
//! use std::time::Duration;
//! use aio_executor::spawn;
//! use aio_gather::{ReturnWhen, wait};
//! use aio_timers::{Clock, sleep, timer_loop};
//!
//! let event_loop = timer_loop(&Clock::new_virtual());
//! event_loop.run_until_complete(async {
//!     let tasks = [3, 1, 2].map(|s| spawn(async move {
//!         sleep(Duration::from_secs(s)).await;
//!         s
//!     }));
//!     let (done, pending) = wait(tasks, ReturnWhen::FirstCompleted, None).await;
//!     assert_eq!((done.len(), pending.len()), (1, 2));
//!     for task in done {
//!         assert_eq!(task.await.unwrap(), 1); // done: ready at once
//!     }
//!     for task in pending {
//!         task.cancel(); // our decision, not wait's
//!     }
//! });
//! ```
//!
//! [`as_completed`] hands the tasks out one at a time as each ends.
//!
//! The type system makes two of the notes' mistakes impossible. `wait`
//! takes tasks, not bare futures (asyncio 3.11 raises `TypeError`):
//!
//! ```compile_fail
//! # use aio_gather::{ReturnWhen, wait};
//! # async fn job() -> u32 { 1 }
//! # async fn main_task() {
//! let (done, pending) = wait([job()], ReturnWhen::AllCompleted, None).await;
//! # }
//! ```
//!
//! And `gather` wants futures, not the async function itself (asyncio's
//! `gather(func)` raises `TypeError` too):
//!
//! ```compile_fail
//! # use aio_gather::gather;
//! # async fn job() -> u32 { 1 }
//! # async fn main_task() {
//! let values = gather(job).await;
//! # }
//! ```
//!
//! # What gets cancelled
//!
//! A Rust future is cancelled by dropping it, and a [`JoinHandle`] dropped
//! in the middle of an `.await` cancels its task. So [`wait_for`] (stage
//! 6's) cancels the task it gives up on, and dropping a [`Gather`] that is
//! being awaited cancels its children. [`shield`] is the way out: it
//! watches its task without awaiting it, so dropping the shield leaves the
//! task running.
//!
//! ```
//! use std::time::Duration;
//! use aio_gather::{shield, wait_for};
//! use aio_timers::{Clock, sleep, timer_loop};
//!
//! let event_loop = timer_loop(&Clock::new_virtual());
//! event_loop.run_until_complete(async {
//!     let save = shield(async {
//!         sleep(Duration::from_secs(5)).await;
//!         "saved"
//!     });
//!     let task = save.task().unwrap().task_ref();
//!     // We stop waiting after one second...
//!     assert!(wait_for(save, Duration::from_secs(1)).await.is_err());
//!     // ...and the shielded task still finishes.
//!     sleep(Duration::from_secs(5)).await;
//!     assert!(task.done() && !task.cancelled());
//! });
//! ```
//!
//! # `TaskGroup`: children that end with their parent
//!
//! [`TaskGroup::run`] is 3.11's `async with TaskGroup() as tg:`. The group
//! ends when its body and all its children have; when one child panics,
//! the others are cancelled and the group reports every failure:
//!
//! ```
//! use std::time::Duration;
//! use aio_gather::TaskGroup;
//! use aio_timers::{Clock, sleep, timer_loop};
//!
//! let event_loop = timer_loop(&Clock::new_virtual());
//! let error = event_loop.run_until_complete(async {
//!     TaskGroup::run(|tg| async move {
//!         let slow = tg.create_task(sleep(Duration::from_secs(60)));
//!         tg.start(async {
//!             sleep(Duration::from_secs(1)).await;
//!             panic!("bad input");
//!         });
//!         slow.await.ok(); // cancelled with the group's body
//!     })
//!     .await
//!     .unwrap_err()
//! });
//! assert_eq!(error.to_string(), "unhandled errors in a TaskGroup (1 sub-exception)");
//! assert_eq!(error.failures()[0].message, "bad input");
//! ```
//!
//! [`JoinHandle`]: aio_executor::JoinHandle
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

mod as_completed;
mod completions;
mod gather;
mod macros;
mod shield;
mod task_group;
mod timeout;
mod wait;

/// The error of a timeout that ran out (asyncio's `TimeoutError`), from
/// stage 6.
pub use aio_timers::Elapsed;
pub use as_completed::{AsCompleted, Next, as_completed};
pub use gather::{
    Children, Gather, GatherSettled, GatherTuple, gather, gather_settled, gather_tasks,
};
#[doc(hidden)]
pub use macros::__private;
pub use shield::{Shield, shield, shield_task};
pub use task_group::{Failure, Run, TaskGroup, TaskGroupError};
pub use timeout::{Timeout, timeout, timeout_at, wait_for};
pub use wait::{ReturnWhen, Wait, wait};
