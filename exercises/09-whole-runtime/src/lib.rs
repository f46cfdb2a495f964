//! Exercises for chapter 9, the whole runtime: the stubs you complete.
//!
//! Both run on the finished runtime, the `asyncio` crate.
//!
//! | id  | file                  | what you write                                               |
//! |-----|-----------------------|--------------------------------------------------------------|
//! | 9.1 | `src/crawl_worker.rs` | the crawler's workers: a Queue of URLs, `task_done`, `join`   |
//! | 9.2 | `src/thread_wake.rs`  | `to_thread`'s future: a thread that wakes the task when done |
//!
//! Check them all with `cargo lab check 9`, or one with
//! `cargo test -p ex09-whole-runtime --test <file name>`.
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]
// Until you fill them in, the stubs leave parameters unused, some fields
// unread and some imports unused; these allows keep
// `cargo clippy -- -D warnings` clean on the untouched stubs. (The
// solutions crate does without them.)
#![allow(unused_variables, unused_imports, dead_code)]

pub mod crawl_worker;
pub mod thread_wake;
