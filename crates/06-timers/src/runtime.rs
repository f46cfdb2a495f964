//! Ready-made loops: the stack of layers, assembled.

use std::future::Future;
use std::io;

use aio_executor::{EventLoop, ParkDriver};
use aio_reactor::Reactor;

use crate::clock::Clock;
use crate::driver::TimerDriver;

/// The finished stack: the executor over the timer layer over stage 5's
/// reactor, with timers on `clock`. One turn of this loop is asyncio's
/// `_run_once`: run the ready tasks, wait in epoll no longer than the next
/// deadline, fire the due timers, and go round again.
///
/// # Errors
///
/// When the OS refuses to make the reactor's poller.
// ANCHOR: event_loop
pub fn event_loop(clock: &Clock) -> io::Result<EventLoop<TimerDriver<Reactor>>> {
    Ok(EventLoop::with_driver(TimerDriver::new(
        Reactor::new()?,
        clock.clone(),
    )))
}
// ANCHOR_END: event_loop

// ANCHOR: timer_loop
/// A loop with timers on `clock` over stage 4's thread-parking driver: no
/// sockets, so a virtual clock can always jump. The demos and most tests
/// use it.
pub fn timer_loop(clock: &Clock) -> EventLoop<TimerDriver<ParkDriver>> {
    EventLoop::with_driver(TimerDriver::new(ParkDriver::new(), clock.clone()))
}
// ANCHOR_END: timer_loop

/// Runs `main` on a new loop (the full stack, on the real clock), then
/// closes the loop: asyncio's `asyncio.run`.
///
/// # Panics
///
/// If `main` panics, when a loop is already running on this thread, or when
/// the OS refuses to make the reactor's poller.
// ANCHOR: run
pub fn run<F>(main: F) -> F::Output
where
    F: Future + 'static,
    F::Output: 'static,
{
    if aio_executor::is_running() {
        panic!("run() cannot be called from a running event loop");
    }
    event_loop(&Clock::real())
        .unwrap_or_else(|err| panic!("run() could not make the reactor: {err}"))
        .run_until_complete(main)
}
// ANCHOR_END: run
