//! Stage 3: wakers, or how a future that returned `Pending` gets polled again.
//!
//! Stage 2 ended with a `block_on` that polls a pending future again and
//! again, because it cannot know when another poll could help. The missing
//! piece is the [`Waker`](std::task::Waker) in every poll's
//! [`Context`](std::task::Context): a future that returns `Pending` keeps a
//! clone of it, and whoever completes the thing the future waits on (a
//! thread, a timer, a socket) calls `wake` on that clone. Only then does
//! the executor poll again. asyncio does the same with a callback: a Task
//! waiting on a Future adds its own wake-up method to the Future's done
//! callbacks.
//!
//! This crate builds a waker twice, sleeps on it, and checks that futures
//! use it properly.
//!
//! # 1. A waker by hand
//!
//! A `Waker` is a data pointer and a table of four functions (clone, wake,
//! wake by reference, drop): a trait object put together by hand. Ours
//! points at a [`WakeCounter`] and counts every call, so tests can prove that
//! no waker leaks and none is freed twice:
//!
//! ```
//! use std::sync::Arc;
//! use aio_wakers::{WakeCounter, raw_counting_waker};
//!
//! let counter = WakeCounter::new();
//! let waker = raw_counting_waker(&counter);
//! waker.wake_by_ref();
//! let kept = waker.clone(); // what a pending future keeps
//! kept.wake(); // what the thread that completes it does
//! drop(waker);
//!
//! let counts = counter.counts();
//! assert_eq!(counts.total_wakes(), 2);
//! assert_eq!(counts.alive(), 0);
//! assert_eq!(Arc::strong_count(&counter), 1);
//! ```
//!
//! # 2. The same waker, safely
//!
//! [`std::task::Wake`] writes the vtable for any `Arc<T>`; the
//! [`safe_counting_waker`] needs no `unsafe` and behaves the same, except
//! that it cannot see clones and drops.
//!
//! # 3. Sleeping until woken
//!
//! [`block_on`] polls, and when the future is pending it parks the thread
//! until the waker unparks it. A future woken once costs two polls:
//!
//! ```
//! use std::time::Duration;
//! use aio_wakers::{block_on_counted, thread_sleep};
//!
//! let ((), polls) = block_on_counted(thread_sleep(Duration::from_millis(20)));
//! assert_eq!(polls, 2);
//! ```
//!
//! # 4. Catching the classic hang
//!
//! A future that returns `Pending` without keeping the waker is never
//! polled again. [`check::drive`] drives a future with a counting waker and
//! turns that hang into a panic that says what went wrong, which is what
//! the exercise suites of this and later stages use.
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

mod block_on;
pub mod check;
mod counter;
mod raw_waker;
mod thread_sleep;
mod wake_trait;

pub use block_on::{block_on, block_on_counted};
pub use counter::{Counts, WakeCounter};
pub use raw_waker::raw_counting_waker;
pub use thread_sleep::{ThreadSleep, thread_sleep};
pub use wake_trait::safe_counting_waker;
