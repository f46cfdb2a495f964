//! Solutions to chapter 1's exercises: the same files as in
//! `exercises/01-generators`, completed, with comments on each fix.
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

pub mod countdown;
pub mod delegate;
pub mod round_robin;
pub mod running_average;
