//! What every behaviour's tests share: running a program on a fresh loop
//! under the watchdog, so a lost wake fails the test instead of hanging it.

use std::future::Future;
use std::time::Duration;

use aio_testkit::watchdog::within;
use aio_timers::{Clock, timer_loop};

const LIMIT: Duration = Duration::from_secs(20);
const HINT: &str = "a wake-up was lost: some task waits forever";

/// Runs the future `make` builds on a fresh stage-4 loop (`aio_executor::run`).
pub fn run<T, F>(make: impl FnOnce() -> F + Send + 'static) -> T
where
    T: Send + 'static,
    F: Future<Output = T> + 'static,
{
    within(LIMIT, HINT, move || aio_executor::run(make()))
}

/// Runs the future `make` builds on a loop with a virtual clock.
pub fn run_virtual<T, F>(make: impl FnOnce() -> F + Send + 'static) -> T
where
    T: Send + 'static,
    F: Future<Output = T> + 'static,
{
    within(LIMIT, HINT, move || {
        timer_loop(&Clock::new_virtual()).run_until_complete(make())
    })
}

/// Lets every ready task run until each waits (a few loop turns; the
/// programs in these tests need one or two).
pub async fn settle() {
    for _ in 0..5 {
        aio_executor::yield_now().await;
    }
}
