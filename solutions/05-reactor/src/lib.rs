//! Solutions to chapter 5's exercises.
//!
//! `rearm` registers a socket with a poller, which is `unsafe`: every block
//! says why it is sound.
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

pub mod dispatch;
pub mod drain;
pub mod read_retry;
pub mod rearm;
