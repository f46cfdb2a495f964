//! Exercises for chapter 6, timers: the stubs you complete.
//!
//! | id  | file                  | what you write                                        |
//! |-----|-----------------------|-------------------------------------------------------|
//! | 6.1 | `src/park_timeout.rs` | how long the loop may wait, from the next deadline    |
//! | 6.2 | `src/fire_due.rs`     | fire the due timers, earliest first                   |
//! | 6.3 | `src/wait_for.rs`     | `wait_for` that cancels (drops) its future on expiry  |
//!
//! Check them all with `cargo lab check 6`, or one with
//! `cargo test -p ex06-timers --test <file name>`.
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]
// Until you fill them in, the stubs leave parameters unused and some fields
// unread; these allows keep `cargo clippy -- -D warnings` clean on the
// untouched stubs. (The solutions crate does without them.)
#![allow(unused_variables, dead_code)]

pub mod fire_due;
pub mod park_timeout;
pub mod wait_for;
