//! Exercises for chapter 7, gather and wait: the stubs you complete.
//!
//! | id  | file                    | what you write                                                 |
//! |-----|-------------------------|----------------------------------------------------------------|
//! | 7.1 | `src/gather_vec.rs`     | `gather`: children as tasks, values in argument order          |
//! | 7.2 | `src/wait_first.rs`     | `wait(FIRST_COMPLETED)`: `(done, pending)`, cancelling nothing |
//! | 7.3 | `src/cancel_on_drop.rs` | a gather dropped unfinished cancels its children               |
//! | 7.4 | `src/as_completed.rs`   | `as_completed`: results in the order the tasks really finish   |
//!
//! Check them all with `cargo lab check 7`, or one with
//! `cargo test -p ex07-gather-wait --test <file name>`.
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]
// Until you fill them in, the stubs leave parameters unused and some fields
// unread; these allows keep `cargo clippy -- -D warnings` clean on the
// untouched stubs. (The solutions crate does without them.)
#![allow(unused_variables, dead_code)]

pub mod as_completed;
pub mod cancel_on_drop;
pub mod gather_vec;
pub mod wait_first;
