//! Solutions to chapter 4's exercises: the same files as in
//! `exercises/04-executor`, completed, with comments on each fix.
#![forbid(unsafe_code)]
#![warn(missing_debug_implementations, rust_2018_idioms)]

pub mod cancel;
pub mod join_handle;
pub mod mini_loop;
pub mod yield_now;
