//! Exercises for chapter 1, generators as state machines: the stubs you
//! complete.
//!
//! | id  | file                     | what you write                                         |
//! |-----|--------------------------|--------------------------------------------------------|
//! | 1.1 | `src/countdown.rs`       | a Python generator as an enum state machine            |
//! | 1.2 | `src/running_average.rs` | a generator that values are sent into                  |
//! | 1.3 | `src/delegate.rs`        | `yield from`: forward to an inner generator, keep its return value |
//! | 1.4 | `src/round_robin.rs`     | the scheduler's loop, with results in argument order   |
//!
//! Check them all with `cargo lab check 1`, or one with
//! `cargo test -p ex01-generators --test <file name>`.
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]
// Until you fill them in, the stubs leave their parameters unused; this
// keeps `cargo clippy -- -D warnings` clean on the untouched stubs. (The
// solutions crate does without it.)
#![allow(unused_variables)]

pub mod countdown;
pub mod delegate;
pub mod round_robin;
pub mod running_average;
