//! Stage 1: generators as state machines.
//!
//! asyncio is built on one trick: a function that can stop in the middle,
//! hand a value out, and later carry on where it stopped with its local
//! variables intact. Python calls it a generator. This crate writes
//! generators by hand in Rust, where there is no such trick, and that makes
//! the trick visible: **a paused generator is an enum whose variant says
//! where it stopped and whose fields are the locals it still needs.**
//!
//! # The protocol
//!
//! A generator is anything that implements [`Generator`]: `resume(input)`
//! runs it to its next `yield` ([`GeneratorState::Yielded`]) or to its end
//! ([`GeneratorState::Complete`], which is Python's `StopIteration(value)`).
//! The first resume is Python's `next(gen)`; later ones are `gen.send(input)`.
//!
//! # A generator is an enum
//!
//! `two_values("ping", "pong")` is the Python generator
//! `def two_values(first, second): yield first; yield second`. Calling it
//! runs nothing, it only builds the `Start` variant; each resume moves it
//! one variant on.
//!
//! ```
//! use aio_generators::{Generator, GeneratorState, TwoValues, two_values};
//!
//! let mut generator = two_values("ping", "pong");
//! assert_eq!(generator, TwoValues::Start { first: "ping", second: "pong" });
//!
//! assert_eq!(generator.resume(()), GeneratorState::Yielded("ping"));
//! // The frame survived the pause: `second` is still there.
//! assert_eq!(generator, TwoValues::AtFirstYield { second: "pong" });
//!
//! assert_eq!(generator.resume(()), GeneratorState::Yielded("pong"));
//! assert_eq!(generator.resume(()), GeneratorState::Complete(()));
//! // Finished: the frame is gone.
//! assert_eq!(generator, TwoValues::Done);
//! ```
//!
//! The call is a `const fn`: it is so clearly free of the body that the
//! compiler can make it at compile time.
//!
//! ```
//! # use aio_generators::{TwoValues, two_values};
//! const NOT_STARTED: TwoValues<&str> = two_values("ping", "pong");
//! # assert!(matches!(NOT_STARTED, TwoValues::Start { .. }));
//! ```
//!
//! # Values in: `send`
//!
//! [`RunningTotal`] takes `Option<i64>`: `None` is `next()`, `Some(n)` is
//! `send(n)`. Like Python, it refuses a value before it has reached its
//! first `yield`.
//!
//! ```
//! use aio_generators::{Generator, GeneratorState, running_total};
//!
//! let mut total = running_total();
//! assert_eq!(total.resume(None), GeneratorState::Yielded(0)); // next(total)
//! assert_eq!(total.resume(Some(5)), GeneratorState::Yielded(5)); // total.send(5)
//! assert_eq!(total.resume(Some(-2)), GeneratorState::Yielded(3));
//! ```
//!
//! # A value out at the end: `return`
//!
//! [`Squares`] yields squares and returns their sum; `Complete(sum)` is
//! Python's `StopIteration(sum)`.
//!
//! ```
//! use aio_generators::{Generator, GeneratorState, squares};
//!
//! let mut generator = squares(3);
//! let mut yielded = Vec::new();
//! let total = loop {
//!     match generator.resume(()) {
//!         GeneratorState::Yielded(square) => yielded.push(square),
//!         GeneratorState::Complete(total) => break total,
//!     }
//! };
//! assert_eq!((yielded, total), (vec![1, 4, 9], 14));
//! ```
//!
//! # Delegation: `yield from`
//!
//! An outer generator can hand the floor to an inner one until it returns.
//! [`TwoRounds`] does it by hand, twice; [`yield_from`] does it for any
//! inner generator, forwarding what is sent as well as what is yielded.
//!
//! ```
//! use aio_generators::{Generator, GeneratorState, running_total, squares, yield_from};
//!
//! // result = yield from squares(2); return result * 10
//! let mut generator = yield_from(squares(2), |sum| sum * 10);
//! assert_eq!(generator.resume(()), GeneratorState::Yielded(1));
//! assert_eq!(generator.resume(()), GeneratorState::Yielded(4));
//! assert_eq!(generator.resume(()), GeneratorState::Complete(50));
//!
//! // Sends go straight through to the inner generator.
//! let mut outer = yield_from(running_total(), |never| match never {});
//! assert_eq!(outer.resume(None), GeneratorState::Yielded(0));
//! assert_eq!(outer.resume(Some(7)), GeneratorState::Yielded(7));
//! ```
//!
//! # Closing: `Drop`
//!
//! Dropping a paused generator drops its fields, which is what Python's
//! `close()` achieves by raising `GeneratorExit` at the `yield` so that
//! `finally` and `with` blocks run. [`Holding`] owns a resource between its
//! `yield`s:
//!
//! ```
//! use std::rc::Rc;
//! use aio_generators::{Generator, holding};
//!
//! let resource = Rc::new("a file");
//! let mut generator = holding(Rc::clone(&resource), 3);
//! generator.resume(());
//! assert_eq!(Rc::strong_count(&resource), 2); // the paused frame holds it
//! drop(generator); // generator.close()
//! assert_eq!(Rc::strong_count(&resource), 1); // released
//! ```
//!
//! # A scheduler: asyncio's ancestor
//!
//! Put generators in a queue, resume the one at the front, send it to the
//! back if it yielded, drop it if it returned: [`RoundRobin`]. Three
//! [`count`] tasks interleave exactly as three `count()` coroutines do
//! under asyncio, every "One" before any "Two".
//!
//! ```
//! use aio_generators::{GeneratorState, RoundRobin, count};
//!
//! let mut scheduler = RoundRobin::new();
//! for name in ["A", "B", "C"] {
//!     scheduler.spawn(name, count(name));
//! }
//! let trace = scheduler.run();
//! let said: Vec<&str> = trace
//!     .turns()
//!     .iter()
//!     .filter_map(|turn| match &turn.outcome {
//!         GeneratorState::Yielded(line) => Some(line.as_str()),
//!         GeneratorState::Complete(()) => None,
//!     })
//!     .collect();
//! assert_eq!(said, ["A: One", "B: One", "C: One", "A: Two", "B: Two", "C: Two"]);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

mod generator;
mod holding;
mod round_robin;
mod running_total;
mod squares;
mod trace;
mod two_values;
mod yield_from;

pub use generator::{Generator, GeneratorState};
pub use holding::{Holding, holding};
pub use round_robin::RoundRobin;
pub use running_total::{RunningTotal, running_total};
pub use squares::{Squares, squares};
pub use trace::{Trace, Turn};
pub use two_values::{TwoValues, count, two_values};
pub use yield_from::{TwoRounds, YieldFrom, two_rounds, yield_from};
