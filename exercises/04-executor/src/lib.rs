//! Exercises for chapter 4, the executor: the stubs you complete.
//!
//! | id  | file               | what you write                                             |
//! |-----|--------------------|------------------------------------------------------------|
//! | 4.1 | `src/yield_now.rs` | `asyncio.sleep(0)`: Pending once, after waking yourself     |
//! | 4.2 | `src/join_handle.rs` | the one-shot slot behind a task's handle: keep the waker, wake on completion |
//! | 4.3 | `src/cancel.rs`    | cancelling by dropping the future, and waking it to notice |
//! | 4.4 | `src/mini_loop.rs` | an executor: a FIFO ready queue, `Wake` wakers, park when idle |
//!
//! Check them all with `cargo lab check 4`, or one with
//! `cargo test -p ex04-executor --test <file name>`.
#![forbid(unsafe_code)]
#![warn(missing_debug_implementations, rust_2018_idioms)]
// Until you fill them in, the stubs leave parameters unused, `mut` unneeded,
// and some fields and variants never read; this keeps
// `cargo clippy -- -D warnings` clean on the untouched stubs. (The
// solutions crate does without it.)
#![allow(unused_variables, unused_mut, dead_code)]

pub mod cancel;
pub mod join_handle;
pub mod mini_loop;
pub mod yield_now;
