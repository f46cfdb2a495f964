//! # Solution 2.2: a generator, driven as a future
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
//! Check: `cargo lab check 2` or `cargo test -p sol02-futures --test future_from_generator`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use aio_generators::{Generator, GeneratorState};

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
        // `G: Unpin` makes `FromGenerator<G>` `Unpin`, so we may unpin it
        // and call `resume`, which wants a plain `&mut G`.
        let this = self.get_mut();
        match this.generator.resume(()) {
            // A bare `yield` means "not done", and says nothing about when
            // to come back. The only honest promise is "at once": wake our
            // own task, then answer Pending.
            GeneratorState::Yielded(()) => {
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            // The generator's return value (Python's StopIteration.value) is
            // the future's output.
            GeneratorState::Complete(output) => Poll::Ready(output),
        }
    }
}
