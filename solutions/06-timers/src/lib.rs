//! Solutions to chapter 6's exercises, timers: the same files as in
//! `exercises/06-timers`, completed, with comments on each fix.
//!
//! | id  | file                  | what it shows                                         |
//! |-----|-----------------------|-------------------------------------------------------|
//! | 6.1 | `src/park_timeout.rs` | how long the loop may wait, from the next deadline    |
//! | 6.2 | `src/fire_due.rs`     | fire the due timers, earliest first                   |
//! | 6.3 | `src/wait_for.rs`     | `wait_for` that cancels (drops) its future on expiry  |
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

pub mod fire_due;
pub mod park_timeout;
pub mod wait_for;
