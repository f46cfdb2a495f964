//! Exercises for chapter 3: the stubs you complete.
//!
//! `counting_vtable` asks for `unsafe` code: every `unsafe` block you write
//! needs a `// SAFETY:` comment that says why it is sound (clippy checks).
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]
// Until you fill in the `todo!()`s, the stubs leave parameters, imports,
// fields and helpers unused; your code will use them. (Clippy must pass on
// the untouched stubs, so these lints are off for this crate only.)
#![allow(unused_variables, unused_imports, unused_mut, dead_code)]

pub mod counting_vtable;
pub mod oneshot;
pub mod park_loop;
