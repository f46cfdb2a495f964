//! # Solution 2.3: two awaits, compiled by hand
//!
//! Goal: finish the state machine that the compiler would build from this
//! `async fn`, so that `greet(name)` behaves exactly like it, poll for poll:
//!
//! ```
//! # use aio_futures::Countdown;
//! async fn greet(name: &'static str) -> String {
//!     let greeting = Countdown::new(2, "Hello").await; // pause 1
//!     let mark = Countdown::new(1, '!').await;         // pause 2
//!     format!("{greeting}, {name}{mark}")
//! }
//! # assert_eq!(aio_futures::block_on_counted(greet("Ada")), ("Hello, Ada!".to_string(), 4));
//! ```
//!
//! (`Countdown` is the stage crate's `aio_futures::Countdown`: Pending that
//! many times, then Ready with its value.) Two things to write:
//!
//! 1. the fields of `State::AwaitingMark`: what must the future keep while
//!    it is paused at the second `.await`?
//! 2. `poll`: run from the current state to the next pause, or to the end.
//!
//! Read first: `book/src/ch02-futures.md`, section "Two awaits, compiled by
//! hand" (`ch02-futures.md#two-awaits-compiled-by-hand`).
//!
//! Stuck? `cargo lab hint 2.3` shows one hint at a time.
//!
//! Check: `cargo lab check 2` or `cargo test -p sol02-futures --test two_awaits_by_hand`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use aio_futures::Countdown;

/// Where the body of `greet` stands between two polls.
#[derive(Debug)]
enum State {
    /// Called, never polled: only the argument exists.
    Start { name: &'static str },
    /// Paused at the first `.await`.
    AwaitingGreeting {
        greeting: Countdown<&'static str>,
        name: &'static str,
    },
    /// Paused at the second `.await`. `greeting` and `name` were made
    /// before this pause and are used after it, so the future keeps them.
    AwaitingMark {
        greeting: &'static str,
        name: &'static str,
        mark: Countdown<char>,
    },
    /// Returned.
    Done,
}

/// The future that `greet(name)` returns.
#[derive(Debug)]
pub struct Greet {
    state: State,
}

/// Calls the hand-compiled `greet`: builds the machine, runs nothing.
pub fn greet(name: &'static str) -> Greet {
    Greet {
        state: State::Start { name },
    }
}

impl Greet {
    /// `"Start"`, `"AwaitingGreeting"`, `"AwaitingMark"` or `"Done"`.
    pub fn state_name(&self) -> &'static str {
        match self.state {
            State::Start { .. } => "Start",
            State::AwaitingGreeting { .. } => "AwaitingGreeting",
            State::AwaitingMark { .. } => "AwaitingMark",
            State::Done => "Done",
        }
    }
}

impl Future for Greet {
    type Output = String;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<String> {
        // Every field is owned and `Unpin`, so the machine is `Unpin` and we
        // may work on a plain `&mut Greet`.
        let this = self.get_mut();
        // One poll runs as far as the body can go: through several states if
        // inner futures are ready, until one is Pending or the body returns.
        loop {
            match &mut this.state {
                // The body's first line: build the first inner future. No
                // pause yet, so go straight round the loop and poll it.
                State::Start { name } => {
                    let name = *name;
                    this.state = State::AwaitingGreeting {
                        greeting: Countdown::new(2, "Hello"),
                        name,
                    };
                }
                State::AwaitingGreeting { greeting, name } => {
                    match Pin::new(greeting).poll(cx) {
                        // The countdown has already arranged a wake; `.await`
                        // only passes Pending up.
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(greeting) => {
                            let name = *name;
                            this.state = State::AwaitingMark {
                                greeting,
                                name,
                                mark: Countdown::new(1, '!'),
                            };
                        }
                    }
                }
                State::AwaitingMark {
                    greeting,
                    name,
                    mark,
                } => match Pin::new(mark).poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(mark) => {
                        let text = format!("{greeting}, {name}{mark}");
                        this.state = State::Done;
                        return Poll::Ready(text);
                    }
                },
                // Like the compiler's futures: polling a finished future is
                // a bug in the caller, and there is nothing left to return.
                State::Done => panic!("`Greet` polled after it completed"),
            }
        }
    }
}
