//! A time limit for tests that run an executor: a wrong answer must fail the
//! suite, not hang it.
//!
//! An executor that parks with nobody left to unpark it never returns, and
//! a test that simply calls it would sit in `cargo test` forever, with no
//! message at all. [`within`] runs the code on a thread of its own and gives
//! up after a limit, saying what most likely went wrong.
//!
//! ```
//! use std::time::Duration;
//! use aio_testkit::watchdog::within;
//!
//! let answer = within(Duration::from_secs(10), "the sum never returned", || 40 + 2);
//! assert_eq!(answer, 42);
//! ```

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// Runs `f` on a new thread and returns its value, or fails the test if it
/// has not returned after `limit`.
///
/// `hang_hint` is the end of the failure message: what a suite knows about
/// why its code under test would never return ("a wake was lost", say).
/// A panic inside `f` (a failed assertion) is resumed on the caller's
/// thread, so it reads as if `f` had run there.
///
/// A thread cannot be stopped from outside: on a time-out it is left
/// behind, parked, until the test process exits.
///
/// # Panics
///
/// When `f` panics, and when `limit` passes first.
pub fn within<T: Send + 'static>(
    limit: Duration,
    hang_hint: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    // Only this boxing is compiled once per call site's `T` and `f`. The
    // thread, the channel and the unwinding are in `within_boxed`, compiled
    // once for all: a suite calls `within` dozens of times, and a generic
    // copy of that machinery for each call made the suites slow to build.
    let value = within_boxed(
        limit,
        hang_hint,
        Box::new(move || Box::new(f()) as Box<dyn Any + Send>),
    );
    *value
        .downcast::<T>()
        .expect("within_boxed returns the value that `f` returned")
}

/// What [`within`] runs: a job that returns its value boxed.
type Job = Box<dyn FnOnce() -> Box<dyn Any + Send> + Send>;

/// [`within`] without the types: runs `job` on a new thread under `limit`.
fn within_boxed(limit: Duration, hang_hint: &str, job: Job) -> Box<dyn Any + Send> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        // Nobody may be listening any more (we timed out): ignore that.
        let _ = sender.send(panic::catch_unwind(AssertUnwindSafe(job)));
    });
    match receiver.recv_timeout(limit) {
        Ok(Ok(value)) => value,
        Ok(Err(payload)) => panic::resume_unwind(payload),
        Err(_) => panic!("not finished after {limit:?}: {hang_hint}"),
    }
}
