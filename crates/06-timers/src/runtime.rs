//! Ready-made loops: the stack of layers, assembled.

use std::future::Future;

use aio_executor::{EventLoop, ParkDriver};

use crate::clock::Clock;
use crate::driver::TimerDriver;

// ANCHOR: timer_loop
/// A loop with timers on `clock` over stage 4's thread-parking driver: no
/// sockets, so a virtual clock can always jump.
pub fn timer_loop(clock: &Clock) -> EventLoop<TimerDriver<ParkDriver>> {
    EventLoop::with_driver(TimerDriver::new(ParkDriver::new(), clock.clone()))
}
// ANCHOR_END: timer_loop

/// Runs `main` on a new loop with timers on the real clock, then closes the
/// loop: asyncio's `asyncio.run`.
///
/// # Panics
///
/// If `main` panics, or when a loop is already running on this thread.
pub fn run<F>(main: F) -> F::Output
where
    F: Future + 'static,
    F::Output: 'static,
{
    if aio_executor::is_running() {
        panic!("run() cannot be called from a running event loop");
    }
    timer_loop(&Clock::real()).run_until_complete(main)
}
