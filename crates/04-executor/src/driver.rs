//! The driver seam: what the loop does when no task is ready.
//!
//! The executor owns tasks; a driver owns waiting. Stage 4's driver simply
//! parks the thread. Stage 5's reactor parks in `epoll_wait` instead, and
//! stage 6 wraps any driver in a timer layer that shortens the park to the
//! next deadline. The executor never knows which one it has.

use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, Thread};
use std::time::Duration;

// ANCHOR: driver
/// What the event loop calls when it has run every ready task and must wait
/// for something to happen.
///
/// This is the bottom half of asyncio's `_run_once`: there, after the ready
/// callbacks, the loop calls `selector.select(timeout)`. Here the loop calls
/// [`Driver::park`], and whatever the driver waits on (a thread park, epoll,
/// a timer heap) decides what "something happened" means.
pub trait Driver {
    /// Waits until something may have happened: an [`Unpark`] from another
    /// thread, a readiness event, or `timeout` elapsing (`None`: no limit;
    /// `Some(Duration::ZERO)`: just look, don't wait).
    ///
    /// A driver may return early (spuriously): the loop just looks again.
    /// A driver must not lose an unpark that arrives *before* `park` is
    /// called: the next `park` must then return at once.
    fn park(&mut self, timeout: Option<Duration>);

    /// A handle that makes a current or future [`park`](Driver::park) return.
    /// Wakers fired on other threads use it.
    fn unparker(&self) -> Arc<dyn Unpark>;

    /// Called on the loop's thread when the loop starts running (and before
    /// it drops its tasks), so that a driver can make itself reachable from
    /// the futures it serves, the way `spawn` finds the running loop.
    fn enter(&self) {}

    /// Undoes [`enter`](Driver::enter) when the loop stops running.
    fn exit(&self) {}

    /// The loop's clock, if the driver has one (the timer layer does): a
    /// function that tells the time since the loop started. Traces stamp
    /// their events with it. It is asked once, when the loop is made.
    fn clock(&self) -> Option<Rc<dyn Fn() -> Duration>> {
        None
    }

    /// Whether something other than a timer could still wake the loop on
    /// its own: a socket some task waits on, say. A virtual clock may jump
    /// to the next deadline only when this is `false` and no task is ready.
    fn waits_on_io(&self) -> bool {
        false
    }
}

/// The thread-safe half of a driver: interrupts its [`Driver::park`].
pub trait Unpark: Send + Sync + 'static {
    /// Makes the driver's current `park` return, or its next one if it is
    /// not parked now.
    fn unpark(&self);
}
// ANCHOR_END: driver

// ANCHOR: park_driver
/// Stage 4's driver: parks the loop's thread until a waker on another thread
/// unparks it.
///
/// An unpark sets `notified` and then unparks the thread; `park` returns as
/// soon as it finds the flag set, clearing it. So an unpark that comes
/// before the park is not lost, and a look without waiting (a zero timeout)
/// clears the flag too: the wakes it announced are taken in right after, so
/// the next real park does not return for nothing.
///
/// The thread to unpark is the one the loop runs on, which
/// [`enter`](Driver::enter) records: the driver is `Send`, so it may be made
/// on one thread and moved to another before its loop runs there.
#[derive(Debug)]
pub struct ParkDriver {
    unparker: Arc<ThreadUnparker>,
}

impl ParkDriver {
    /// A driver for the thread its loop will run on (until the loop enters,
    /// the current one).
    pub fn new() -> Self {
        ParkDriver {
            unparker: Arc::new(ThreadUnparker {
                thread: Mutex::new(thread::current()),
                notified: AtomicBool::new(false),
            }),
        }
    }
}

impl Default for ParkDriver {
    fn default() -> Self {
        Self::new()
    }
}

impl Driver for ParkDriver {
    fn park(&mut self, timeout: Option<Duration>) {
        let notified = &self.unparker.notified;
        if notified.swap(false, Ordering::Acquire) {
            return;
        }
        match timeout {
            // Nothing to look at without waiting: there is no I/O here.
            Some(t) if t.is_zero() => {}
            // Early returns are allowed: the loop just looks again.
            Some(t) => thread::park_timeout(t),
            // `thread::park` may return spuriously (or for a token left by
            // an unpark whose flag we already took): wait for the flag.
            None => {
                while !notified.load(Ordering::Acquire) {
                    thread::park();
                }
            }
        }
        notified.store(false, Ordering::Release);
    }

    fn unparker(&self) -> Arc<dyn Unpark> {
        self.unparker.clone()
    }

    /// The loop runs on this thread from now on: wakes must unpark it.
    fn enter(&self) {
        *self.unparker.thread() = thread::current();
    }
}

#[derive(Debug)]
struct ThreadUnparker {
    /// The loop's thread, set by `enter` before the loop first parks.
    thread: Mutex<Thread>,
    /// Set by `unpark`, cleared by the `park` that sees it.
    notified: AtomicBool,
}

impl ThreadUnparker {
    fn thread(&self) -> std::sync::MutexGuard<'_, Thread> {
        self.thread.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Unpark for ThreadUnparker {
    fn unpark(&self) {
        self.notified.store(true, Ordering::Release);
        self.thread().unpark();
    }
}
// ANCHOR_END: park_driver
