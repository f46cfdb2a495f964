//! `run` and `Runner`: making a loop, running a program on it, closing it.

use std::future::Future;

use aio_executor::EventLoop;
use aio_executor::trace::Trace;
use aio_reactor::Reactor;
use aio_timers::{Clock, TimerDriver};

/// The finished loop: stage 4's executor over stage 6's timers over stage
/// 5's reactor.
pub type Loop = EventLoop<TimerDriver<Reactor>>;

// ANCHOR: run
/// Runs `main` on a new loop on the real clock, then closes the loop:
/// asyncio's `asyncio.run(main())`.
///
/// The loop is the whole stack (executor, timers, reactor), so `main` and
/// the tasks it creates can sleep, time out, use sockets and threads.
/// Tasks still alive when `main` returns are cancelled (their futures are
/// dropped) as the loop closes.
///
/// # Panics
///
/// If `main` panics (the panic goes on from here), or when called while a
/// loop is running on this thread: "run() cannot be called from a running
/// event loop", asyncio's words.
pub fn run<F>(main: F) -> F::Output
where
    F: Future + 'static,
    F::Output: 'static,
{
    aio_timers::run(main)
}
// ANCHOR_END: run

/// A loop kept open across several runs: asyncio 3.11's `asyncio.Runner`.
///
/// Each [`run`](Runner::run) runs one future to completion on the same
/// loop; tasks it leaves running go on in the next `run`. Dropping the
/// runner (or [`close`](Runner::close)) closes the loop and cancels what is
/// left.
///
/// [`Runner::with_virtual_clock`] makes a runner whose clock only moves when
/// every task waits for a timer, and then jumps to the next deadline:
/// tests and demos run hours of sleeps in microseconds, with exact times.
/// asyncio has no such clock; it is stage 6's.
pub struct Runner {
    event_loop: Loop,
    clock: Clock,
}

impl Runner {
    /// A runner on the real clock.
    ///
    /// # Panics
    ///
    /// When the OS refuses to make the reactor's poller (out of
    /// descriptors, say).
    pub fn new() -> Runner {
        Runner::with_clock(Clock::real())
    }

    /// A runner on a virtual clock, which starts at zero and jumps to the
    /// next timer when every task waits for one (and no socket or thread
    /// could wake the loop first).
    ///
    /// # Panics
    ///
    /// Like [`Runner::new`].
    pub fn with_virtual_clock() -> Runner {
        Runner::with_clock(Clock::new_virtual())
    }

    fn with_clock(clock: Clock) -> Runner {
        let event_loop = aio_timers::event_loop(&clock)
            .unwrap_or_else(|err| panic!("Runner could not make the reactor: {err}"));
        Runner { event_loop, clock }
    }

    /// Records the loop's events from now on (spawns, polls, wakes, parks,
    /// timers, I/O); read them with [`take_trace`](Runner::take_trace).
    pub fn with_trace(self) -> Runner {
        Runner {
            event_loop: self.event_loop.with_trace(),
            clock: self.clock,
        }
    }

    // ANCHOR: runner_run
    /// Runs `main` to completion on this runner's loop and returns its
    /// value: asyncio's `Runner.run(coro)`.
    ///
    /// # Panics
    ///
    /// If `main` panics, or when a loop is already running on this thread
    /// ("Runner.run() cannot be called from a running event loop").
    pub fn run<F>(&self, main: F) -> F::Output
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        if aio_executor::is_running() {
            panic!("Runner.run() cannot be called from a running event loop");
        }
        self.event_loop.run_until_complete(main)
    }
    // ANCHOR_END: runner_run

    /// The runner's loop: asyncio's `Runner.get_loop()`.
    pub fn get_loop(&self) -> &Loop {
        &self.event_loop
    }

    /// The runner's clock (real or virtual).
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The events recorded since the last call, if the runner was made
    /// [`with_trace`](Runner::with_trace).
    pub fn take_trace(&self) -> Trace {
        self.event_loop.take_trace()
    }

    /// Closes the loop: the tasks still alive are cancelled (their futures
    /// dropped). asyncio's `Runner.close()`; dropping the runner does the
    /// same.
    pub fn close(self) {
        drop(self);
    }
}

impl Default for Runner {
    fn default() -> Self {
        Runner::new()
    }
}

impl std::fmt::Debug for Runner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runner")
            .field("clock", &self.clock)
            .field("tasks", &self.event_loop.task_count())
            .finish()
    }
}
