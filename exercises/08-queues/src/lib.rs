//! Exercises for chapter 8, queues, locks and events: the stubs you complete.
//!
//! Each is a small primitive of its own, built on nothing but std's wakers;
//! the suites run it on the executor of chapter 4 and the virtual clock of
//! chapter 6.
//!
//! | id  | file                     | what you write                                           |
//! |-----|--------------------------|----------------------------------------------------------|
//! | 8.1 | `src/cancel_safe_get.rs` | a queue's `get` that passes its wake-up on when cancelled |
//! | 8.2 | `src/fifo_lock.rs`       | a Lock taken first come, first served, as CPython 3.11's  |
//! | 8.3 | `src/join_counter.rs`    | `task_done` and `join`: counting unfinished work          |
//! | 8.4 | `src/semaphore.rs`       | a Semaphore that hands each permit to the first waiter    |
//!
//! Check them all with `cargo lab check 8`, or one with
//! `cargo test -p ex08-queues --test <file name>`.
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]
// Until you fill them in, the stubs leave parameters unused and some fields
// unread; these allows keep `cargo clippy -- -D warnings` clean on the
// untouched stubs. (The solutions crate does without them.)
#![allow(unused_variables, dead_code)]

pub mod cancel_safe_get;
pub mod fifo_lock;
pub mod join_counter;
pub mod semaphore;
