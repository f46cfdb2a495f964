//! Solutions to chapter 7's exercises, gather and wait: the same files as
//! in `exercises/07-gather-wait`, completed, with comments on each fix.
//!
//! | id  | file                    | what it shows                                                  |
//! |-----|-------------------------|----------------------------------------------------------------|
//! | 7.1 | `src/gather_vec.rs`     | `gather`: children as tasks, values in argument order          |
//! | 7.2 | `src/wait_first.rs`     | `wait(FIRST_COMPLETED)`: `(done, pending)`, cancelling nothing |
//! | 7.3 | `src/cancel_on_drop.rs` | a gather dropped unfinished cancels its children               |
//! | 7.4 | `src/as_completed.rs`   | `as_completed`: results in the order the tasks really finish   |
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

pub mod as_completed;
pub mod cancel_on_drop;
pub mod gather_vec;
pub mod wait_first;
