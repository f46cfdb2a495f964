//! Solutions to chapter 8's exercises, queues, locks and events: the same
//! files as in `exercises/08-queues`, completed, with comments on each fix.
//!
//! | id  | file                     | what it shows                                            |
//! |-----|--------------------------|----------------------------------------------------------|
//! | 8.1 | `src/cancel_safe_get.rs` | a queue's `get` that passes its wake-up on when cancelled |
//! | 8.2 | `src/fifo_lock.rs`       | a Lock taken first come, first served, as CPython 3.11's  |
//! | 8.3 | `src/join_counter.rs`    | `task_done` and `join`: counting unfinished work          |
//! | 8.4 | `src/semaphore.rs`       | a Semaphore that hands each permit to the first waiter    |
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

pub mod cancel_safe_get;
pub mod fifo_lock;
pub mod join_counter;
pub mod semaphore;
