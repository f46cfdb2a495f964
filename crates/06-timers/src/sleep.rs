//! `sleep`, `sleep_until`, `now` and `blocking_sleep`: waiting for time,
//! politely and not.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use crate::timers::{self, Fire, NEVER, Nanos, TimerId, Timers};

/// The running loop's time: asyncio's `loop.time()`.
///
/// # Panics
///
/// When no loop with timers runs on this thread.
pub fn now() -> Duration {
    timers::current("now()").clock.now()
}

/// Waits `duration` without blocking the loop: asyncio's `asyncio.sleep`.
///
/// Like asyncio, the deadline is counted from the moment the sleep first
/// runs (its first poll), and even `sleep(Duration::ZERO)` gives the other
/// ready tasks one turn before it returns. A deadline too far for the clock
/// (more than 584 years after it started: `Duration::MAX`, asyncio's
/// `sleep(math.inf)`) is never: the sleep waits
/// for ever, and a virtual clock does not jump to it.
///
/// # Panics
///
/// When polled with no loop with timers running on this thread, or on
/// another loop than the one that first polled it.
// ANCHOR: sleep
pub fn sleep(duration: Duration) -> Sleep {
    Sleep {
        state: State::NotStarted(When::After(duration)),
    }
}

/// Waits until the loop's clock reads `deadline` (a time as [`now`] gives
/// it): the `loop.call_at` flavour of sleeping. `Duration::MAX` (or any time
/// 584 years or more after the clock started) is never.
pub fn sleep_until(deadline: Duration) -> Sleep {
    Sleep {
        state: State::NotStarted(When::At(deadline)),
    }
}

/// The future of [`sleep`] and [`sleep_until`].
///
/// Dropping it before it is done removes its timer from the loop at once:
/// a cancelled sleep leaves nothing behind.
///
/// Its first poll sets its timer in the running loop's queue, which binds
/// it to that loop.
///
/// # Panics
///
/// When polled again on a different loop (or with none running), where its
/// timer could never wake it: asyncio's "attached to a different loop".
#[must_use = "futures do nothing unless awaited"]
pub struct Sleep {
    state: State,
}

enum State {
    /// Not polled yet.
    NotStarted(When),
    /// Polled: its timer was set in the queue of the loop that first
    /// polled it (and is taken out of it when it fires).
    Waiting(Registration),
    /// Returned `Ready`; its timer is gone.
    Done { deadline: Nanos },
}

enum When {
    After(Duration),
    At(Duration),
}

/// A sleep's timer in its loop's queue.
struct Registration {
    timers: Rc<Timers>,
    deadline: Nanos,
    timer: TimerId,
}
// ANCHOR_END: sleep

impl Registration {
    /// Sets the timer of a sleep that starts now.
    fn start(when: &When, cx: &Context<'_>) -> Self {
        let timers = timers::current("sleep()");
        let deadline = match *when {
            When::After(duration) => timers::deadline_after(timers.clock.now(), duration),
            When::At(deadline) => timers::nanos(deadline),
        };
        let timer = timers
            .queue
            .borrow_mut()
            .insert(deadline, Fire::for_waker(cx.waker()));
        Registration {
            timers,
            deadline,
            timer,
        }
    }
}

impl Sleep {
    /// The deadline on the loop's clock (`Duration::MAX`: never): known from
    /// the start for [`sleep_until`], once the sleep has started for
    /// [`sleep`].
    pub fn deadline(&self) -> Option<Duration> {
        match &self.state {
            State::NotStarted(When::After(_)) => None,
            State::NotStarted(When::At(deadline)) => Some(*deadline),
            State::Waiting(Registration { deadline, .. }) | State::Done { deadline } => {
                Some(timers::duration(*deadline))
            }
        }
    }
}

// ANCHOR: sleep_poll
impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        let timer = match &mut this.state {
            // First poll: find the running loop's timers and set ours. Even
            // a deadline already past waits for the timer to fire, so the
            // other ready tasks get their turn first.
            State::NotStarted(when) => {
                this.state = State::Waiting(Registration::start(when, cx));
                return Poll::Pending;
            }
            State::Done { .. } => return Poll::Ready(()), // returned Ready once
            State::Waiting(timer) => timer,
        };
        if !timers::is_current(&timer.timers) {
            // Our timer is in the queue of the loop that first polled us:
            // only that loop fires it, so here we would wait for ever.
            panic!(
                "this Sleep is attached to a different loop: it was first polled \
                 on another event loop, and only that loop's timers can wake it \
                 (await it on the loop it started on)"
            );
        }
        // Usually the timer has fired: the timer layer took it out of the
        // queue when it was due, and the queue can say so without a look
        // at our timer's slot (`is_gone`). If we were polled for another
        // reason first, the clock says whether it is due, and we take it
        // out ourselves.
        let fired = timer
            .timers
            .queue
            .borrow()
            .is_gone(timer.timer, timer.deadline);
        let due = fired
            || (timer.deadline != NEVER
                && timers::nanos(timer.timers.clock.now()) >= timer.deadline);
        if due {
            if !fired {
                let removed = timer.timers.queue.borrow_mut().remove(timer.timer);
                drop(removed); // dropped with no borrow held
            }
            this.state = State::Done {
                deadline: timer.deadline,
            };
            return Poll::Ready(());
        }
        // Polled early (the task woke for something else): keep waiting,
        // with the newest waker.
        let mut queue = timer.timers.queue.borrow_mut();
        if !queue.set_waker(timer.timer, cx.waker()) {
            // Not due, yet gone: cannot happen (`is_gone` just said the
            // queue holds our timer), but re-arming is always safe.
            timer.timer = queue.insert(timer.deadline, Fire::for_waker(cx.waker()));
        }
        Poll::Pending
    }
}

impl Drop for Sleep {
    /// A sleep dropped before its deadline (cancelled, or timed out by a
    /// `select`) takes its timer with it.
    fn drop(&mut self) {
        if let State::Waiting(Registration { timers, timer, .. }) = &self.state {
            let removed = timers.queue.borrow_mut().remove(*timer);
            drop(removed); // the waker, dropped with no borrow held
        }
    }
}
// ANCHOR_END: sleep_poll

impl std::fmt::Debug for Sleep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sleep")
            .field("deadline", &self.deadline())
            .field("done", &matches!(self.state, State::Done { .. }))
            .finish()
    }
}

/// Blocks the loop for `duration`: the notes' `time.sleep`, on this loop's
/// clock. Never call it from a task, except to show why not.
///
/// On a real clock the thread sleeps, and with it every task of the loop.
/// On a virtual clock the thread does not sleep; the clock moves forward by
/// `duration` instead ([`Clock::advance`](crate::Clock::advance)), which
/// does to the other tasks' timers exactly what the real block would: they
/// all come due while nobody runs, and fire late.
///
/// # Panics
///
/// When no loop with timers runs on this thread.
// ANCHOR: blocking_sleep
pub fn blocking_sleep(duration: Duration) {
    let clock = timers::current("blocking_sleep()").clock.clone();
    if clock.is_virtual() {
        clock.advance(duration);
    } else {
        std::thread::sleep(duration);
    }
}
// ANCHOR_END: blocking_sleep
