//! What the behaviours share: a virtual-clock loop under a watchdog, and a
//! guard that says when it was dropped (how a test sees a cancellation).

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use aio_executor::{EventLoop, ExceptionContext};
use aio_testkit::watchdog::within;
use aio_timers::{Clock, TimerDriver, timer_loop};

/// Runs the future `make` builds on a fresh loop with a virtual clock, on a
/// thread of its own, failing the test after ten seconds of real time (a
/// lost wake would otherwise hang the suite).
pub fn run_virtual<F, Fut>(make: F) -> Fut::Output
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future + 'static,
    Fut::Output: Send + 'static,
{
    within(
        Duration::from_secs(10),
        "a task waited for a wake that never came",
        move || {
            let event_loop = timer_loop(&Clock::new_virtual());
            event_loop.run_until_complete(make())
        },
    )
}

/// Like [`run_virtual`], and also returns what the loop reported to its
/// exception handler ("Task exception was never retrieved", …), as
/// `"<message>: <panic>"` lines.
pub fn run_virtual_reporting<F, Fut>(make: F) -> (Fut::Output, Vec<String>)
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future + 'static,
    Fut::Output: Send + 'static,
{
    within(
        Duration::from_secs(10),
        "a task waited for a wake that never came",
        move || {
            let event_loop: EventLoop<TimerDriver<_>> = timer_loop(&Clock::new_virtual());
            let reports = Rc::new(std::cell::RefCell::new(Vec::new()));
            let sink = reports.clone();
            event_loop.set_exception_handler(move |context: &ExceptionContext| {
                sink.borrow_mut()
                    .push(format!("{}: {}", context.message, context.panic));
            });
            let output = event_loop.run_until_complete(make());
            drop(event_loop);
            let reports = reports.borrow().clone();
            (output, reports)
        },
    )
}

/// Sets its flag when dropped: put one in a task's future, and the flag
/// says the future was dropped (cancelled, or finished).
pub struct DropFlag(pub Rc<Cell<bool>>);

impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.set(true);
    }
}

/// A new flag, and the guard that sets it.
pub fn drop_flag() -> (Rc<Cell<bool>>, DropFlag) {
    let flag = Rc::new(Cell::new(false));
    (flag.clone(), DropFlag(flag))
}

/// Whole seconds and milliseconds, shorter to write.
pub fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Seconds.
pub fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}
