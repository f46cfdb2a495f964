//! Stage 8: queues, locks and events — asyncio's coordination tools.
//!
//! Tasks that run concurrently need to hand each other work and take turns
//! with shared state. asyncio's answer is `asyncio.Queue` and the
//! primitives of `asyncio.locks`; this crate rebuilds them on the
//! executor of stage 4, with Python's names and behaviour:
//!
//! * [`Queue`], [`LifoQueue`], [`PriorityQueue`]: `put`/`get` that wait,
//!   `put_nowait`/`get_nowait` that don't, `maxsize` back-pressure,
//!   `task_done`/`join`, and 3.13's `shutdown`.
//! * [`Lock`], [`Event`], [`Condition`], [`Semaphore`],
//!   [`BoundedSemaphore`], [`Barrier`].
//!
//! All of them are built on one idea: a *waiter list*, the wakers of the
//! futures that wait, oldest first. Whoever makes progress possible (a
//! `put` for a waiting `get`, a `release` for a waiting `acquire`) wakes
//! the first one.
//!
//! # Producers and consumers
//!
//! The notes' pattern: producers `put`, consumers `get` in a loop and call
//! `task_done` per item, and `join` waits until every item is processed.
//! Then the consumers, still waiting on `get`, are cancelled.
//!
//! ```
//! use aio_executor::{run, spawn};
//! use aio_queues::Queue;
//!
//! async fn consumer(q: Queue<u32>, total: std::rc::Rc<std::cell::Cell<u32>>) {
//!     loop {
//!         let n = q.get().await.unwrap();
//!         total.set(total.get() + n);
//!         q.task_done().unwrap();
//!     }
//! }
//!
//! let sum = run(async {
//!     let q = Queue::new(2); // at most two items waiting: back-pressure
//!     let total = std::rc::Rc::new(std::cell::Cell::new(0));
//!     let workers: Vec<_> = (0..3).map(|_| spawn(consumer(q.clone(), total.clone()))).collect();
//!     for n in 1..=10 {
//!         q.put(n).await.unwrap(); // waits while two are queued
//!     }
//!     q.join().await; // every item got *and* marked done
//!     for w in &workers {
//!         w.cancel(); // they wait on `get` forever otherwise
//!     }
//!     total.get()
//! });
//! assert_eq!(sum, 55);
//! ```
//!
//! A queue is a handle: `q.clone()` is the same queue, as passing `q` to
//! `worker(q)` is in Python. It has to be: `spawn` takes futures that own
//! what they use (`'static`), so a worker cannot borrow a queue that lives
//! in the function that spawned it. The same goes for every primitive here.
//!
//! # Not waiting: `_nowait` and its errors
//!
//! ```
//! use aio_queues::{GetNowaitError, PutNowaitError, Queue};
//!
//! let q = Queue::new(1);
//! q.put_nowait("a").unwrap();
//! assert!(matches!(q.put_nowait("b"), Err(PutNowaitError::QueueFull("b"))));
//! assert_eq!(q.get_nowait(), Ok("a"));
//! assert_eq!(q.get_nowait(), Err(GetNowaitError::QueueEmpty));
//! ```
//!
//! [`LifoQueue`] and [`PriorityQueue`] are the same queue over another
//! [`Storage`], as asyncio's are subclasses overriding `_put` and `_get`:
//!
//! ```
//! use aio_queues::{LifoQueue, PriorityQueue};
//!
//! let stack = LifoQueue::new(0);
//! let by_priority = PriorityQueue::new(0);
//! for (priority, job) in [(3, "low"), (1, "urgent"), (2, "normal")] {
//!     stack.put_nowait(job).unwrap();
//!     by_priority.put_nowait((priority, job)).unwrap();
//! }
//! assert_eq!(stack.get_nowait(), Ok("normal")); // the last one in
//! assert_eq!(by_priority.get_nowait(), Ok((1, "urgent"))); // the smallest
//! ```
//!
//! # Locks: `async with lock:` is a guard
//!
//! ```
//! use aio_executor::{run, spawn, yield_now};
//! use aio_queues::Lock;
//! use std::{cell::Cell, rc::Rc};
//!
//! let count = run(async {
//!     let lock = Lock::new();
//!     let counter = Rc::new(Cell::new(0));
//!     let tasks: Vec<_> = (0..5)
//!         .map(|_| {
//!             let (lock, counter) = (lock.clone(), counter.clone());
//!             spawn(async move {
//!                 let _held = lock.acquire().await; // async with lock:
//!                 let seen = counter.get();
//!                 yield_now().await; // other tasks run, but none gets in
//!                 counter.set(seen + 1);
//!             }) // the guard drops here: released
//!         })
//!         .collect();
//!     for t in tasks {
//!         t.await.unwrap();
//!     }
//!     counter.get()
//! });
//! assert_eq!(count, 5); // no update lost
//! ```
//!
//! # Fairness, checked against CPython 3.11.7
//!
//! Waiters are served first come, first served. What happens to a
//! *newcomer*, one that asks after a waiter was woken but before that
//! waiter ran, we matched to what CPython does (its `Lib/asyncio/locks.py`
//! and `queues.py`, and small scripts run under `python3`):
//!
//! * [`Lock`]: no barging. A release wakes the first waiter; a newcomer's
//!   `acquire`, even the releaser's own, queues behind it, although
//!   `locked()` says `false` until the woken waiter runs.
//! * [`Semaphore`]: no barging either (CPython made it so in 2022, gh-90155
//!   and gh-97545, on the 3.11 branch too): a release hands its permit to
//!   the first waiter, and while any waiter is in line a newcomer queues,
//!   even when a spare permit is free.
//! * [`Queue`]: barging. `get_nowait` (or a `get` on a non-empty queue)
//!   takes an item even if a woken getter was about to; that getter finds
//!   the queue empty and waits again, at the back of the line.
//!
//! # Cancel-safety
//!
//! A task is cancelled by dropping its future, so every future here has a
//! `Drop` that leaves the waiter list, and, if it had already been handed
//! something (a wake-up for an item, the lock, a permit, a notification),
//! passes it to the next waiter. Nothing is lost when a waiter is
//! cancelled at the worst moment: after it was chosen, before it ran.
//!
//! # One thread
//!
//! Like asyncio's, these primitives serve the tasks of one loop: they are
//! not `Send`.
//!
//! ```compile_fail
//! let lock = aio_queues::Lock::new();
//! std::thread::spawn(move || lock.locked());
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

mod barrier;
mod condition;
mod errors;
mod event;
mod lock;
mod queue;
mod semaphore;
mod storage;
mod waiters;

pub use barrier::{Barrier, BarrierWait};
pub use condition::{CondWait, Condition};
pub use errors::{
    BrokenBarrierError, GetNowaitError, PutNowaitError, QueueShutDown, ReleasedTooManyTimes,
    TaskDoneError,
};
pub use event::{Event, EventWait};
pub use lock::{Acquire, Lock, LockGuard};
pub use queue::{BaseQueue, Get, Join, LifoQueue, PriorityQueue, Put, Queue};
pub use semaphore::{BoundedSemaphore, Semaphore, SemaphoreAcquire, SemaphoreGuard};
pub use storage::{Fifo, Lifo, Priority, Storage};
