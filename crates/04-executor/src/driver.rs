//! The driver seam: what the loop does when no task is ready.
//!
//! The executor owns tasks; a driver owns waiting. Stage 4's driver simply
//! parks the thread. Stage 5's reactor parks in `epoll_wait` instead, and
//! stage 6 wraps any driver in a timer layer that shortens the park to the
//! next deadline. The executor never knows which one it has.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, Thread};
use std::time::Duration;

/// What the event loop calls when it has run every ready task and must wait
/// for something to happen.
///
/// This is the bottom half of asyncio's `_run_once`: there, after the ready
/// callbacks, the loop calls `selector.select(timeout)`. Here the loop calls
/// [`Driver::park`], and whatever the driver waits on (a thread park, epoll,
/// a timer heap) decides what "something happened" means.
// ANCHOR: driver
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
// ANCHOR: park_driver
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

/// A count of the work the loop handed to other threads and has not got
/// back yet (stage 5's `to_thread` calls in flight), which a driver can
/// read before it decides how to wait.
///
/// A loop's thread can see that its tasks wait on a timer or a socket, but
/// not that a thread is working for one of them and will wake it. A
/// virtual clock must know, or it jumps past a deadline while the work is
/// still running (tokio holds its paused clock's auto-advance while
/// `spawn_blocking` work runs, for the same reason). Who hands work off
/// (stage 5) cannot know about stage 6's clock, and stage 6 cannot reach
/// into stage 5, so the count lives here, in the seam both build on: a
/// driver that cares (the timer layer) makes one and, in its
/// [`enter`](Driver::enter), makes it the running loop's
/// ([`set_current`](OffLoopWork::set_current)); code that hands work to a
/// thread takes a guard with [`start_off_loop_work`]. Loops whose driver
/// keeps no count pay nothing: the guard is `None`.
///
/// A clone is a handle to the same count.
#[derive(Clone)]
pub struct OffLoopWork {
    shared: Arc<OffLoopShared>,
}

struct OffLoopShared {
    /// Pieces of work started and not yet finished.
    pending: AtomicUsize,
    /// Wakes the loop when a piece finishes, so that a park that waited
    /// because of it decides again.
    unparker: Arc<dyn Unpark>,
}

thread_local! {
    /// The count of the loop running on this thread, if its driver keeps one.
    static CURRENT_OFF_LOOP: RefCell<Option<OffLoopWork>> = const { RefCell::new(None) };
}

impl OffLoopWork {
    /// A count at zero; `unparker` is the driver's own, and every piece of
    /// work that finishes unparks it.
    pub fn new(unparker: Arc<dyn Unpark>) -> Self {
        OffLoopWork {
            shared: Arc::new(OffLoopShared {
                pending: AtomicUsize::new(0),
                unparker,
            }),
        }
    }

    /// How many pieces of work are out on other threads now.
    ///
    /// A finished piece wakes its task *before* it stops counting, so a
    /// driver that reads zero here and only then looks for wakes sees the
    /// wake of every piece it no longer counts.
    pub fn pending(&self) -> usize {
        self.shared.pending.load(Ordering::Acquire)
    }

    /// Counts one more piece of work, until the guard is dropped.
    pub fn start(&self) -> OffLoopGuard {
        self.shared.pending.fetch_add(1, Ordering::AcqRel);
        OffLoopGuard {
            shared: self.shared.clone(),
        }
    }

    /// Makes this the count of the loop running on this thread: call it
    /// from [`Driver::enter`].
    pub fn set_current(&self) {
        CURRENT_OFF_LOOP.with(|current| *current.borrow_mut() = Some(self.clone()));
    }

    /// Undoes [`set_current`](OffLoopWork::set_current): call it from
    /// [`Driver::exit`].
    pub fn clear_current() {
        // `try_with`: during the thread's teardown there is nothing to clear.
        let _ = CURRENT_OFF_LOOP.try_with(|current| current.borrow_mut().take());
    }
}

/// Counts one piece of work that the running loop hands to another thread,
/// until the returned guard is dropped; drop it on that thread *after* the
/// work has woken its task. `None` when no loop runs here, or its driver
/// keeps no count (then nobody needs one).
pub fn start_off_loop_work() -> Option<OffLoopGuard> {
    CURRENT_OFF_LOOP
        .try_with(|current| current.borrow().as_ref().map(OffLoopWork::start))
        .ok()
        .flatten()
}

/// One piece of work out on another thread; dropping it (also while
/// unwinding from a panic) says the work is done and unparks the loop.
#[must_use = "the work stops counting when the guard is dropped"]
pub struct OffLoopGuard {
    shared: Arc<OffLoopShared>,
}

impl Drop for OffLoopGuard {
    fn drop(&mut self) {
        self.shared.pending.fetch_sub(1, Ordering::AcqRel);
        // A loop that parked because this work was out must decide again.
        self.shared.unparker.unpark();
    }
}

impl fmt::Debug for OffLoopWork {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OffLoopWork")
            .field("pending", &self.pending())
            .finish()
    }
}

impl fmt::Debug for OffLoopGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OffLoopGuard").finish_non_exhaustive()
    }
}
