//! Stage 2: futures, or the generator protocol with types.
//!
//! **One rule first: a future does nothing until someone polls it.** Calling
//! an `async fn` builds a value and runs none of its body, exactly as calling
//! a Python `async def` builds a coroutine object and runs none of it.
//!
//! # Poll is `next`
//!
//! Stage 1 drove a generator with `resume`, and it answered
//! `Yielded(y)` ("not finished, here is a value") or `Complete(r)` (Python's
//! `StopIteration(r)`). [`std::future::Future`] is the same protocol with
//! the yielded value taken away:
//!
//! | generator (stage 1)      | future (this stage)                 |
//! |--------------------------|-------------------------------------|
//! | `gen.resume(())`         | `fut.poll(cx)`                      |
//! | `Yielded(())` (a bare `yield`) | `Poll::Pending`               |
//! | `Complete(v)` (`StopIteration(v)`) | `Poll::Ready(v)`          |
//! | `&mut self`              | `self: Pin<&mut Self>`              |
//! | nothing                  | `cx: &mut Context` (the waker)      |
//!
//! [`from_generator`] proves the first three rows by turning a generator into
//! a future:
//!
//! ```
//! use std::future::Future;
//! use std::pin::Pin;
//! use std::task::{Context, Poll, Waker};
//! use aio_generators::{Generator, GeneratorState};
//!
//! /// Yields twice, then returns "done".
//! struct TwoYields(u8);
//!
//! impl Generator for TwoYields {
//!     type Yield = ();
//!     type Return = &'static str;
//!     fn resume(&mut self, (): ()) -> GeneratorState<(), &'static str> {
//!         self.0 += 1;
//!         if self.0 <= 2 { GeneratorState::Yielded(()) } else { GeneratorState::Complete("done") }
//!     }
//! }
//!
//! let mut fut = aio_futures::from_generator(TwoYields(0));
//! let mut cx = Context::from_waker(Waker::noop());
//! assert_eq!(Pin::new(&mut fut).poll(&mut cx), Poll::Pending);
//! assert_eq!(Pin::new(&mut fut).poll(&mut cx), Poll::Pending);
//! assert_eq!(Pin::new(&mut fut).poll(&mut cx), Poll::Ready("done"));
//! ```
//!
//! The last two rows are what a future adds. The [`Context`](std::task::Context)
//! carries a [`Waker`](std::task::Waker): a future that answers Pending
//! promises to wake it when polling again is worth it. A generator cannot
//! say when that is, so the adapter wakes at once, every time. And `Pin`
//! is there because the futures the compiler writes may point into
//! themselves; see [`AddLater`].
//!
//! # Hand-written futures
//!
//! [`Countdown`] is the smallest honest future: Pending a fixed number of
//! times, then Ready. [`AddLater`] is the state machine the compiler makes
//! of an `async fn` with two `.await`s, written out by hand, with
//! [`add_later_async`], the real `async fn`, beside it:
//!
//! ```
//! use std::future::Future;
//! use std::pin::Pin;
//! use std::task::{Context, Poll, Waker};
//!
//! let mut fut = aio_futures::add_later(1, 2);
//! let mut cx = Context::from_waker(Waker::noop());
//! assert_eq!(fut.state_name(), "Start"); // called, and nothing ran
//! assert_eq!(Pin::new(&mut fut).poll(&mut cx), Poll::Pending);
//! assert_eq!(fut.state_name(), "AwaitingFirst");
//! # assert_eq!(Pin::new(&mut fut).poll(&mut cx), Poll::Pending);
//! # assert_eq!(Pin::new(&mut fut).poll(&mut cx), Poll::Pending);
//! # assert_eq!(Pin::new(&mut fut).poll(&mut cx), Poll::Ready(3));
//! ```
//!
//! Ours holds only owned values, so it is `Unpin` and can be polled through
//! `Pin::new`. The compiler's own futures are not, because a local borrowed
//! across an `.await` (as in [`sum_first_two_later`]) is a pointer into the
//! future itself:
//!
//! ```compile_fail
//! fn poll_unpinned<F: std::future::Future + Unpin>(_: F) {}
//! poll_unpinned(aio_futures::sum_first_two_later([1, 2, 3])); // error: cannot be unpinned
//! ```
//!
//! # asyncio's Future: a placeholder
//!
//! Python's `asyncio.Future` is not a computation at all: it is an empty box
//! that somebody fills later, with callbacks for when that happens.
//! [`Future`] is that box, single-threaded like the original:
//!
//! ```
//! use std::cell::RefCell;
//! use std::rc::Rc;
//! use aio_futures::{Future, FutureError};
//!
//! let fut = Future::new();
//! let seen = Rc::new(RefCell::new(Vec::new()));
//! let log = Rc::clone(&seen);
//! fut.add_done_callback(move |f: &Future<u32>| log.borrow_mut().push(f.result()));
//!
//! assert!(matches!(fut.result(), Err(FutureError::InvalidState(_))));
//! fut.set_result(7).unwrap();
//! assert!(fut.set_result(8).is_err()); // done means done
//! assert_eq!(*seen.borrow(), [Ok(7)]);
//! ```
//!
//! # Running a future: the busy way
//!
//! [`block_on`] polls until Ready, with a waker that does nothing. It needs
//! no cooperation from the future, and it burns a CPU core while waiting;
//! [`block_on_counted`] counts the polls, and every poll but the last was
//! wasted. Wakers (stage 3) fix that.
//!
//! ```
//! let fut = aio_futures::Future::new();
//! fut.set_result("ready").unwrap();
//! assert_eq!(aio_futures::block_on_counted(fut), (Ok("ready"), 1));
//! assert_eq!(aio_futures::block_on_counted(aio_futures::add_later(1, 2)), (3, 4));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

mod block_on;
mod countdown;
mod error;
mod placeholder;
mod protocol;
mod two_awaits;

pub use block_on::{block_on, block_on_counted};
pub use countdown::Countdown;
pub use error::{Exception, FutureError, InvalidStateError};
pub use placeholder::Future;
pub use protocol::{GeneratorFuture, from_generator};
pub use two_awaits::{AddLater, add_later, add_later_async, sum_first_two_later};
