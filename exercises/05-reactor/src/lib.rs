//! Exercises for chapter 5: the stubs you complete.
//!
//! `rearm` registers a socket with a poller, which is `unsafe`: the given
//! code says why it is sound; any `unsafe` block you add needs a
//! `// SAFETY:` comment too (clippy checks).
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]
// Until you fill in the `todo!()`s, the stubs leave parameters, imports,
// fields and helpers unused; your code will use them. (Clippy must pass on
// the untouched stubs, so these lints are off for this crate only.)
#![allow(unused_variables, unused_imports, unused_mut, dead_code)]

pub mod dispatch;
pub mod drain;
pub mod read_retry;
pub mod rearm;
