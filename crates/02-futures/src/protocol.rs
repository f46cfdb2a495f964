//! Stage 1's generator protocol, seen through `std::future::Future`.
//!
//! A future is a generator that yields nothing and returns its output:
//! `poll` is `next(gen)`, `Poll::Pending` is a bare `yield`, and
//! `Poll::Ready(v)` is `StopIteration(v)`. This module proves it by turning any
//! `Generator<Yield = ()>` into a `Future`, and shows the one thing the
//! generator protocol cannot say: *when* it is worth asking again.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use aio_generators::{Generator, GeneratorState};

// ANCHOR: adapter
/// A [`Generator`] that yields `()` (a bare `yield`), driven as a [`Future`].
///
/// Each poll resumes the generator once: a `yield` becomes
/// [`Poll::Pending`], the generator's return value becomes
/// [`Poll::Ready`]. Build one with [`from_generator`].
#[derive(Debug)]
#[must_use = "futures do nothing unless they are polled"]
pub struct GeneratorFuture<G> {
    /// The generator being driven; it has not completed while we are pending.
    generator: G,
}

/// Wraps `generator` so that it can be polled (and awaited) as a future.
///
/// Like calling a generator function in Python, this runs none of the
/// generator's code: the first resume happens on the first poll.
pub fn from_generator<G>(generator: G) -> GeneratorFuture<G>
where
    G: Generator<Yield = ()> + Unpin,
{
    GeneratorFuture { generator }
}

impl<G> Future for GeneratorFuture<G>
where
    // `resume` takes `&mut self`, so we need a plain `&mut G` out of the
    // `Pin<&mut Self>` that `poll` receives. That is only allowed when moving
    // `G` cannot break it: `Unpin`. Every hand-written generator of stage 1
    // owns its state outright, so all of them are `Unpin`.
    G: Generator<Yield = ()> + Unpin,
{
    type Output = G::Return;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<G::Return> {
        match self.get_mut().generator.resume(()) {
            GeneratorState::Yielded(()) => {
                // A generator's `yield` says "not finished", never "resume me
                // when X happens". So we cannot know when another poll will
                // get further, and the only safe answer is "right away": wake
                // our own task before reporting Pending. Without this call an
                // executor that sleeps until woken (stage 3) would never poll
                // us again, and the program would hang. Saying *when* is what
                // a real future does with the waker instead.
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            GeneratorState::Complete(output) => Poll::Ready(output),
        }
    }
}
// ANCHOR_END: adapter
