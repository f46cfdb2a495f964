//! What an `async fn` with two `.await`s compiles into, written by hand.
//!
//! The compiler turns every `async fn` into an enum: one variant per place
//! the body can be paused (each `.await`), plus "not started" and
//! "finished". Each variant holds exactly the locals that are still needed
//! after that pause. `poll` runs the body from the current variant to the
//! next pause, and records where it stopped.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::Countdown;

// ANCHOR: async_fn
/// The `async fn` that [`AddLater`] rebuilds by hand, kept as real code so
/// the tests can check that both behave the same, poll for poll.
pub async fn add_later_async(x: u32, y: u32) -> u32 {
    let a = Countdown::new(1, x).await;
    let b = Countdown::new(2, y).await;
    a + b
}
// ANCHOR_END: async_fn

// ANCHOR: machine
// The same function as a hand-written state machine. The compiler would
// generate this enum from:
//
//     async fn add_later(x: u32, y: u32) -> u32 {
//         let a = Countdown::new(1, x).await; // pause point 1
//         let b = Countdown::new(2, y).await; // pause point 2
//         a + b
//     }

/// Where the body of `add_later` stands between two polls.
#[derive(Debug)]
enum State {
    /// Called, never polled: only the arguments exist, no line has run.
    /// (The compiler's name for it is "Unresumed".)
    Start { x: u32, y: u32 },
    /// Paused at the first `.await`. `y` is kept: the body needs it later.
    AwaitingFirst { first: Countdown<u32>, y: u32 },
    /// Paused at the second `.await`. `a` was computed before this pause and
    /// is used after it, so it lives here, inside the future.
    AwaitingSecond { a: u32, second: Countdown<u32> },
    /// Returned. There is nothing left to run.
    Done,
}

/// The future that `add_later(x, y)` returns: a hand-compiled `async fn`.
#[derive(Debug)]
#[must_use = "futures do nothing unless they are polled"]
pub struct AddLater {
    /// Where the body stopped; `Done` once `Ready` has been returned.
    state: State,
}

/// Rust's version of calling an `async fn`: it builds the state machine in
/// its `Start` state and runs nothing else.
pub fn add_later(x: u32, y: u32) -> AddLater {
    AddLater {
        state: State::Start { x, y },
    }
}

impl Future for AddLater {
    type Output = u32;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        // Every field is a plain owned value, so `AddLater` is `Unpin` and we
        // may take a `&mut` out of the pin.
        let this = self.get_mut();
        // One poll runs as far as it can: through any number of states, until
        // an inner future is Pending or the body returns.
        loop {
            match &mut this.state {
                State::Start { x, y } => {
                    // The body's first line: build the first inner future.
                    let (x, y) = (*x, *y);
                    this.state = State::AwaitingFirst {
                        first: Countdown::new(1, x),
                        y,
                    };
                }
                State::AwaitingFirst { first, y } => match Pin::new(first).poll(cx) {
                    // The inner future has arranged its own wake-up; we only
                    // pass its answer up. This is all `.await` does.
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(a) => {
                        let y = *y;
                        this.state = State::AwaitingSecond {
                            a,
                            second: Countdown::new(2, y),
                        };
                    }
                },
                State::AwaitingSecond { a, second } => match Pin::new(second).poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(b) => {
                        let a = *a;
                        this.state = State::Done;
                        return Poll::Ready(a + b);
                    }
                },
                // The compiler's futures panic here too ("`async fn` resumed
                // after completion"): a caller that polls a finished future
                // has a bug, and there is no value left to give it.
                State::Done => panic!("`AddLater` polled after it completed"),
            }
        }
    }
}
// ANCHOR_END: machine

impl AddLater {
    /// The name of the current state: `"Start"`, `"AwaitingFirst"`,
    /// `"AwaitingSecond"` or `"Done"`. For demos and tests that step the
    /// machine by hand.
    pub fn state_name(&self) -> &'static str {
        match self.state {
            State::Start { .. } => "Start",
            State::AwaitingFirst { .. } => "AwaitingFirst",
            State::AwaitingSecond { .. } => "AwaitingSecond",
            State::Done => "Done",
        }
    }
}

/// An `async fn` whose future has to point into itself, which is why the
/// compiler's futures are not `Unpin`.
///
/// At the `.await`, the future holds both `values` and `first_two`, a
/// reference into `values`: into the future's own memory. Move the future
/// after its first poll and `first_two` would point at the old place. `Pin`
/// is the promise that it will not be moved.
// ANCHOR: self_ref
pub async fn sum_first_two_later(values: [u32; 3]) -> u32 {
    let first_two = &values[..2];
    Countdown::new(1, ()).await;
    first_two.iter().sum()
}
// ANCHOR_END: self_ref
