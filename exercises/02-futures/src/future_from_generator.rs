//! # Exercise 2.2: a generator, driven as a future
//!
//! Goal: write `poll` for [`FromGenerator`], which turns a stage-1
//! [`Generator`] that yields `()` (a bare `yield`) into a [`Future`]:
//!
//! | the generator's `resume(())` says | `poll` answers                 |
//! |-----------------------------------|--------------------------------|
//! | `GeneratorState::Yielded(())`     | `Poll::Pending`, after a wake  |
//! | `GeneratorState::Complete(r)`     | `Poll::Ready(r)`               |
//!
//! One resume per poll. A `yield` says "not finished" and nothing about when
//! to come back, so the future must wake its own task before each Pending.
//!
//! Read first: `book/src/ch02-futures.md`, section "Poll is next"
//! (`ch02-futures.md#poll-is-next`).
//!
//! Stuck? `cargo lab hint 2.2` shows one hint at a time.
//!
//! Check: `cargo lab check 2` or `cargo test -p ex02-futures --test future_from_generator`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use aio_generators::Generator;

/// A generator with `Yield = ()`, polled as a future.
#[derive(Debug)]
pub struct FromGenerator<G> {
    /// The generator; resumed once per poll until it completes.
    pub generator: G,
}

impl<G> FromGenerator<G> {
    /// Wraps `generator`; nothing runs until the first poll.
    pub fn new(generator: G) -> Self {
        FromGenerator { generator }
    }
}

impl<G> Future for FromGenerator<G>
where
    G: Generator<Yield = ()> + Unpin,
{
    type Output = G::Return;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<G::Return> {
        // TODO: resume the generator once with `()`. A yield becomes a wake
        // of the task and Pending; a return value becomes Ready.
        todo!()
    }
}
