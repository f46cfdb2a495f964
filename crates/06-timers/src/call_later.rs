//! `call_later` and `call_at`: a callback on a timer, and the handle that
//! cancels it.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;
use std::time::Duration;

use crate::timers::{self, Fire, Nanos, TimerId, Timers};

/// Runs `callback` on the running loop `delay` from now: asyncio's
/// `loop.call_later`.
///
/// When the timer fires, the callback joins the ready queue and runs in its
/// turn, like a `call_soon` callback. Dropping the returned handle does not
/// cancel it; [`TimerHandle::cancel`] does. A delay too far for the clock
/// (past 584 years after it started: `Duration::MAX`) is never: the
/// callback waits, and never runs.
///
/// # Panics
///
/// When no loop with timers runs on this thread.
// ANCHOR: call_later
pub fn call_later(delay: Duration, callback: impl FnOnce() + 'static) -> TimerHandle {
    let timers = timers::current("call_later()");
    let when = timers::deadline_after(timers.clock.now(), delay);
    schedule(timers, when, Box::new(callback))
}

/// Runs `callback` when the loop's clock reads `when`: asyncio's
/// `loop.call_at`.
///
/// # Panics
///
/// When no loop with timers runs on this thread.
pub fn call_at(when: Duration, callback: impl FnOnce() + 'static) -> TimerHandle {
    schedule(
        timers::current("call_at()"),
        timers::nanos(when),
        Box::new(callback),
    )
}

/// A callback set with [`call_later`] or [`call_at`]: asyncio's
/// `TimerHandle`.
pub struct TimerHandle {
    slot: Rc<CallbackSlot>,
    timers: Rc<Timers>,
    timer: TimerId,
    when: Nanos,
}

/// The callback itself, shared by the handle and the timer (and, once the
/// timer fired, by the loop's ready queue).
pub(crate) struct CallbackSlot {
    /// `None` once it ran or was cancelled.
    callback: RefCell<Option<Box<dyn FnOnce()>>>,
    cancelled: Cell<bool>,
}
// ANCHOR_END: call_later

fn schedule(timers: Rc<Timers>, when: Nanos, callback: Box<dyn FnOnce()>) -> TimerHandle {
    let slot = Rc::new(CallbackSlot {
        callback: RefCell::new(Some(callback)),
        cancelled: Cell::new(false),
    });
    let timer = timers
        .queue
        .borrow_mut()
        .insert(when, Fire::Call(slot.clone()));
    TimerHandle {
        slot,
        timers,
        timer,
        when,
    }
}

impl CallbackSlot {
    /// Runs the callback, unless it ran already or was cancelled.
    pub(crate) fn run(&self) {
        let callback = self.callback.borrow_mut().take();
        if let Some(callback) = callback {
            callback();
        }
    }
}

// ANCHOR: cancel
impl TimerHandle {
    /// Cancels the callback if it has not run yet (asyncio's
    /// `TimerHandle.cancel()`).
    ///
    /// Its callback leaves the queue at once; only its key stays in the
    /// queue's heap, dead, until it reaches the top or the heap is swept.
    /// asyncio cancels lazily too: it only marks the handle, leaves it in
    /// the heap, and sweeps the heap when more than half of it is
    /// cancelled. If the timer already fired and the callback waits in the
    /// ready queue, it will not run either.
    pub fn cancel(&self) {
        if self.slot.callback.borrow_mut().take().is_some() {
            self.slot.cancelled.set(true);
        }
        let removed = self.timers.queue.borrow_mut().remove(self.timer);
        drop(removed);
    }
    // ANCHOR_END: cancel

    /// Whether [`cancel`](TimerHandle::cancel) stopped the callback
    /// (asyncio's `TimerHandle.cancelled()`).
    pub fn cancelled(&self) -> bool {
        self.slot.cancelled.get()
    }

    /// When the callback is due, on the loop's clock (asyncio's
    /// `TimerHandle.when()`).
    pub fn when(&self) -> Duration {
        timers::duration(self.when)
    }
}

impl fmt::Debug for TimerHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TimerHandle")
            .field("when", &self.when())
            .field("cancelled", &self.cancelled())
            .finish()
    }
}
