//! Solutions to chapter 3's exercises.
//!
//! `counting_vtable` is `unsafe` code: every block says why it is sound,
//! and `.ci/valgrind` runs this crate's tests under memcheck.
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

pub mod counting_vtable;
pub mod oneshot;
pub mod park_loop;
