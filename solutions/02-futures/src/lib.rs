//! Solutions to chapter 2's exercises, futures: the same files as in
//! `exercises/02-futures`, completed, with comments on each fix.
//!
//! | id  | file                           | what it shows                                |
//! |-----|--------------------------------|----------------------------------------------|
//! | 2.1 | `src/countdown_future.rs`      | `poll` for a countdown                       |
//! | 2.2 | `src/future_from_generator.rs` | a generator driven as a future               |
//! | 2.3 | `src/two_awaits_by_hand.rs`    | an `async fn` compiled into a state machine  |
//! | 2.4 | `src/placeholder_result.rs`    | asyncio `Future`'s results, errors, callbacks |
//! | 2.5 | `src/placeholder_await.rs`     | awaiting a placeholder: keep the waker, wake it |
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

pub mod countdown_future;
pub mod future_from_generator;
pub mod placeholder_await;
pub mod placeholder_result;
pub mod two_awaits_by_hand;
