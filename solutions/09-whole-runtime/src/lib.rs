//! Solutions to chapter 9's exercises, the whole runtime: each file is its
//! stub completed, with comments on the parts that are easy to get wrong.
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

pub mod crawl_worker;
pub mod thread_wake;
