//! Exercises for chapter 2, futures: the stubs you complete.
//!
//! | id  | file                           | what you write                               |
//! |-----|--------------------------------|----------------------------------------------|
//! | 2.1 | `src/countdown_future.rs`      | `poll` for a countdown                       |
//! | 2.2 | `src/future_from_generator.rs` | a generator driven as a future               |
//! | 2.3 | `src/two_awaits_by_hand.rs`    | an `async fn` compiled into a state machine  |
//! | 2.4 | `src/placeholder_result.rs`    | asyncio `Future`'s results, errors, callbacks |
//! | 2.5 | `src/placeholder_await.rs`     | awaiting a placeholder: keep the waker, wake it |
//!
//! Check them all with `cargo lab check 2`, or one with
//! `cargo test -p ex02-futures --test <file name>`.
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]
// Until you fill them in, the stubs leave parameters unused and some fields
// and variants unbuilt; these allows keep `cargo clippy -- -D warnings`
// clean on the untouched stubs. (The solutions crate does without them.)
#![allow(unused_variables, dead_code)]

pub mod countdown_future;
pub mod future_from_generator;
pub mod placeholder_await;
pub mod placeholder_result;
pub mod two_awaits_by_hand;
