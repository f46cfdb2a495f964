//! Stage 6: timers and a virtual clock.
//!
//! Until now a task could wait for another task, or for a wake from another
//! thread, but not for *time*. asyncio's `await asyncio.sleep(1)` is the
//! notes' favourite line, so this stage builds it, and the rest of the
//! family: [`sleep`], [`sleep_until`], [`timeout`] / [`wait_for`],
//! [`call_later`] / [`call_at`] and [`now`] (asyncio's `loop.time()`).
//!
//! The one rule that matters most: **a sleeping task must not hold the
//! loop.** `sleep` does not block; it sets a timer and returns `Pending`,
//! and the loop runs other tasks until the timer is due. A blocking call
//! (the notes' `time.sleep`, here [`blocking_sleep`]) holds every task.
//!
//! # A layer between the executor and its driver
//!
//! Stage 4's loop runs ready tasks, then asks its [`Driver`] to wait.
//! [`TimerDriver`] wraps any driver (stage 4's thread park, stage 5's
//! reactor) and changes that wait: it waits no longer than the time to the
//! next deadline, then fires the timers that are due, so their tasks are
//! ready when the loop looks. That is asyncio's `_run_once` in two lines:
//! the `select` timeout comes from the timer heap.
//!
//! ```
//! use std::time::Duration;
//! use aio_executor::{EventLoop, ParkDriver};
//! use aio_timers::{Clock, TimerDriver, now, sleep};
//!
//! let event_loop = EventLoop::with_driver(TimerDriver::new(ParkDriver::new(), Clock::real()));
//! let slept = event_loop.run_until_complete(async {
//!     let start = now();
//!     sleep(Duration::from_millis(20)).await;
//!     now() - start
//! });
//! assert!(slept >= Duration::from_millis(20));
//! ```
//!
//! # A virtual clock
//!
//! On a [`Clock::new_virtual`] clock, time stands still while tasks run,
//! and when every task waits on a timer the clock *jumps* to the next
//! deadline. An hour of sleeping takes no time, and the times are exact, so
//! demos and tests are fast and deterministic:
//!
//! ```
//! use std::time::Duration;
//! use aio_executor::spawn;
//! use aio_timers::{Clock, now, sleep, timer_loop};
//!
//! let event_loop = timer_loop(&Clock::new_virtual());
//! let finished = event_loop.run_until_complete(async {
//!     // Three tasks sleeping an hour each, at the same time.
//!     let tasks: Vec<_> = (0..3)
//!         .map(|_| spawn(sleep(Duration::from_secs(3600))))
//!         .collect();
//!     for task in tasks {
//!         task.await.unwrap();
//!     }
//!     now()
//! });
//! assert_eq!(finished, Duration::from_secs(3600)); // one hour, not three
//! ```
//!
//! # Timeouts cancel
//!
//! [`timeout`] races a future against a sleep. If the sleep wins, the
//! future is dropped at that moment, which is how Rust cancels a future:
//!
//! ```
//! use std::time::Duration;
//! use aio_timers::{Clock, Elapsed, sleep, timeout, timer_loop};
//!
//! let event_loop = timer_loop(&Clock::new_virtual());
//! let result = event_loop.run_until_complete(async {
//!     timeout(Duration::from_secs(1), async {
//!         sleep(Duration::from_secs(5)).await;
//!         "too late"
//!     })
//!     .await
//! });
//! assert_eq!(result, Err(Elapsed));
//! ```
//!
//! # The full stack
//!
//! [`event_loop`] stacks all the layers so far: the executor over the timer
//! layer over stage 5's reactor. [`run`] is asyncio's `asyncio.run` on it,
//! with the real clock: a task can sleep while another waits on a socket.
//!
//! ```
//! use std::io::{Read, Write};
//! use std::os::unix::net::UnixStream;
//! use std::time::Duration;
//! use aio_executor::spawn;
//! use aio_reactor::Async;
//! use aio_timers::sleep;
//!
//! let got = aio_timers::run(async {
//!     let (ours, theirs) = UnixStream::pair().unwrap();
//!     let ours = Async::new(ours).unwrap();
//!     let writer = spawn(async move {
//!         sleep(Duration::from_millis(10)).await; // a timer...
//!         (&theirs).write_all(b"hi").unwrap();
//!     });
//!     let mut buf = [0; 2];
//!     ours.read_with(|mut s| s.read(&mut buf)).await.unwrap(); // ...and a socket
//!     writer.await.unwrap();
//!     buf
//! });
//! assert_eq!(&got, b"hi");
//! ```
//!
//! [`Driver`]: aio_executor::Driver
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

mod call_later;
mod clock;
mod driver;
mod heap;
mod runtime;
mod sleep;
mod timeout;
mod timers;

pub use call_later::{TimerHandle, call_at, call_later};
pub use clock::Clock;
pub use driver::TimerDriver;
pub use runtime::{event_loop, run, timer_loop};
pub use sleep::{Sleep, blocking_sleep, now, sleep, sleep_until};
pub use timeout::{Elapsed, Timeout, timeout, timeout_at, wait_for};
