//! The timer layer: a driver that wraps any driver, bounds its waits by the
//! next deadline, and fires the timers that fall due.

use std::fmt;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use aio_executor::{Driver, OffLoopWork, Unpark, trace};

use crate::call_later::CallbackSlot;
use crate::clock::Clock;
use crate::timers::{self, Fire, Nanos, Timers};

/// A [`Driver`] that adds timers to the driver `D` below it.
///
/// The executor asks its driver to wait when no task is ready. This layer
/// turns "wait until something happens" into "wait until something happens
/// *or the next timer is due*", passes that shorter wait down to `D` (a
/// thread park, or epoll in the reactor), then fires every timer that is due
/// before the loop runs its tasks. That is the timer half of asyncio's
/// `_run_once`: the `select` timeout comes from the head of `_scheduled`,
/// and the due `TimerHandle`s are moved to the ready queue after it.
///
/// On a [virtual clock](Clock::new_virtual) it waits for nothing at all:
/// when no task is ready, no wake came in from another thread, and `D` has
/// no socket that could wake the loop ([`Driver::waits_on_io`]), and no
/// work is out on another thread ([`OffLoopWork`]), the clock jumps
/// straight to the next deadline.
// ANCHOR: timer_driver
pub struct TimerDriver<D> {
    /// The driver below: it does the actual waiting.
    inner: D,
    /// The timers and their clock, shared with every `Sleep` of this loop.
    timers: Rc<Timers>,
    /// Wraps `inner`'s unparker and remembers that a wake came in.
    unparker: Arc<TimerUnparker>,
    /// Calls out on other threads (`to_thread`), each of which will wake
    /// the loop: a virtual clock must not jump past them.
    off_loop: OffLoopWork,
    /// The due timers of one turn, between taking them out of the queue
    /// and firing them; kept, empty, from turn to turn.
    due: Vec<(Nanos, Fire)>,
}

/// Interrupts the inner driver's park, and leaves a mark so that the next
/// park of a virtual clock knows a task is about to become ready and does
/// not jump past it.
struct TimerUnparker {
    woken: AtomicBool,
    inner: Arc<dyn Unpark>,
}

impl Unpark for TimerUnparker {
    fn unpark(&self) {
        self.woken.store(true, Ordering::Release);
        self.inner.unpark();
    }
}
// ANCHOR_END: timer_driver

// ANCHOR: impl_timer_driver
impl<D: Driver> TimerDriver<D> {
    // ANCHOR_END: impl_timer_driver
    /// Wraps `inner`, with timers on `clock`.
    pub fn new(inner: D, clock: Clock) -> Self {
        let unparker = Arc::new(TimerUnparker {
            woken: AtomicBool::new(false),
            inner: inner.unparker(),
        });
        TimerDriver {
            inner,
            timers: Rc::new(Timers::new(clock)),
            off_loop: OffLoopWork::new(unparker.clone()),
            unparker,
            due: Vec::new(),
        }
    }

    /// The driver below this layer.
    pub fn inner(&self) -> &D {
        &self.inner
    }

    /// A handle to this layer's clock.
    pub fn clock_handle(&self) -> Clock {
        self.timers.clock.clone()
    }

    /// How many timers are pending (set and neither fired nor cancelled).
    pub fn pending_timers(&self) -> usize {
        self.timers.queue.borrow().len()
    }

    /// How many calls this loop handed to other threads are still running
    /// (`to_thread` calls in flight).
    pub fn pending_off_loop_work(&self) -> usize {
        self.off_loop.pending()
    }

    /// Makes the timer queue's next sequence number `seq`, as if that many
    /// timers had been set before. For tests: the 32-bit sequence numbers
    /// run out after four billion timers, and a test reaches that edge
    /// with this instead.
    #[doc(hidden)]
    pub fn skip_timer_sequence_to(&self, seq: u32) {
        self.timers.queue.borrow_mut().skip_to_seq(seq);
    }

    // ANCHOR: fire_due
    /// Fires every timer due now, earliest first: a sleep's task is woken
    /// (so it joins the ready queue, in deadline order), a `call_later`
    /// callback is handed to the loop as with `call_soon`. `tracing` says
    /// whether the loop records a trace: a million timers should not format
    /// a million lines that nobody reads.
    /// `now` is the time if the caller has just read it (it did not wait
    /// since); with no timer pending the clock is not read at all.
    fn fire_due(&mut self, now: Option<Duration>, tracing: bool) {
        if self.timers.queue.borrow().len() == 0 {
            return;
        }
        let now = now.unwrap_or_else(|| self.timers.clock.now());
        // Take them all out first: waking runs code that may set new
        // timers, and the queue must not be borrowed then.
        self.timers
            .queue
            .borrow_mut()
            .take_due(timers::nanos(now), &mut self.due);
        let mut due = self.due.drain(..).peekable();
        while let Some((deadline, fire)) = due.next() {
            // A fast path (see the book's fast-paths page): the next task
            // to wake is fetched while this one is.
            if let Some((_, next)) = due.peek() {
                next.prefetch();
            }
            if tracing {
                let deadline = Duration::from_nanos(deadline).as_secs_f64();
                trace::driver_event(format!("timer fired (due {deadline:.3}s)"));
            }
            match fire {
                Fire::Wake(waker) => waker.wake(),
                Fire::Task(task) => task.wake(),
                Fire::Call(slot) => schedule_callback(slot),
            }
        }
        drop(due);
        // Keep the buffer for the next turn, unless a burst made it big.
        self.due.shrink_to(DUE_KEPT);
    }
    // ANCHOR_END: fire_due
}

/// How many due timers' room [`TimerDriver`] keeps between turns.
const DUE_KEPT: usize = 1024;

/// Hands a due callback to the running loop's ready queue, where it runs in
/// its turn (and a panic in it is reported like any callback's). With no
/// loop running, as when a test drives this layer by hand, it runs now.
fn schedule_callback(slot: Rc<CallbackSlot>) {
    if aio_executor::is_running() {
        aio_executor::call_soon(move || slot.run());
    } else {
        slot.run();
    }
}

/// The shorter of two waits, where `None` is "no limit".
fn earliest(a: Option<Duration>, b: Option<Duration>) -> Option<Duration> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, None) => a,
        (None, b) => b,
    }
}

// ANCHOR: park
impl<D: Driver> Driver for TimerDriver<D> {
    fn park(&mut self, timeout: Option<Duration>) {
        let clock = &self.timers.clock;
        if !clock.is_virtual() && self.timers.queue.borrow().len() == 0 {
            // Real time and no timer: nothing for this layer to shorten or
            // fire (see "Fast paths" in the book).
            self.inner.park(timeout);
            return;
        }
        let tracing = trace::is_enabled();
        // Work out on another thread will wake a task when it is done. Read
        // before `woken`: the work wakes its task before it stops counting,
        // so when this reads zero, `woken` shows every wake it sent.
        let held = self.off_loop.pending() > 0;
        // A wake from another thread since the last park: the task it woke
        // is on its way to the ready queue, so this is no time to jump.
        let woken = self.unparker.woken.swap(false, Ordering::AcqRel);
        let now = clock.now();
        // Timers due "never" do not count: with only those, no deadline.
        let until_next = self
            .timers
            .queue
            .borrow()
            .next_deadline()
            .map(|deadline| Duration::from_nanos(deadline.saturating_sub(timers::nanos(now))));
        // Wait no longer than the caller allows, nor past the next deadline.
        let wait = earliest(timeout, until_next);

        if !clock.is_virtual() {
            if let Some(wait) = wait.filter(|wait| tracing && !wait.is_zero()) {
                trace::driver_event(format!("wait at most {:.3}s", wait.as_secs_f64()));
            }
            self.inner.park(wait);
            if wait == Some(Duration::ZERO) {
                // Only looked: `now` is still the time, no need to ask again.
                self.fire_due(Some(now), tracing);
                return;
            }
        } else if woken || wait.is_some_and(|wait| wait.is_zero()) {
            // Work is ready (or about to be): only look.
            self.inner.park(Some(Duration::ZERO));
        } else if self.inner.waits_on_io() {
            // A socket could wake us before the deadline, and nobody can
            // say when: wait for real, and let virtual time follow real
            // time for as long as we waited.
            let started = Instant::now();
            self.inner.park(wait);
            let waited = started.elapsed();
            clock.jump_to(now.saturating_add(wait.map_or(waited, |wait| waited.min(wait))));
        } else if held {
            // A thread works for one of our tasks, and will wake it (its
            // guard unparks us when it is done): wait for that, clock
            // standing still, as tokio's paused clock does not auto-advance
            // while `spawn_blocking` work runs.
            self.inner.park(timeout);
        } else if let Some(wait) = wait {
            // Nothing but a timer can happen next: jump to it.
            let to = now.saturating_add(wait);
            if tracing {
                trace::driver_event(format!("virtual clock jumps to {:.3}s", to.as_secs_f64()));
            }
            clock.jump_to(to);
            self.inner.park(Some(Duration::ZERO));
        } else {
            // No timer at all, or only timers due "never": only another
            // thread can wake us now. We wait for it, as asyncio would wait
            // in `select` on a real clock; jumping to "never" would fire
            // nothing and leave the clock at the end of time.
            self.inner.park(None);
        }
        self.fire_due(None, tracing);
    }
    // ANCHOR_END: park

    fn unparker(&self) -> Arc<dyn Unpark> {
        self.unparker.clone()
    }

    fn enter(&self) {
        timers::set_current(Some(self.timers.clone()));
        self.off_loop.set_current();
        self.inner.enter();
    }

    fn exit(&self) {
        self.inner.exit();
        OffLoopWork::clear_current();
        timers::set_current(None);
    }

    fn clock(&self) -> Option<Rc<dyn Fn() -> Duration>> {
        let clock = self.timers.clock.clone();
        Some(Rc::new(move || clock.now()))
    }

    fn waits_on_io(&self) -> bool {
        self.inner.waits_on_io()
    }
}

impl<D: fmt::Debug> fmt::Debug for TimerDriver<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TimerDriver")
            .field("clock", &self.timers.clock)
            .field("pending_timers", &self.timers.queue.borrow().len())
            .field("inner", &self.inner)
            .finish()
    }
}
