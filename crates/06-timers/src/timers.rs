//! The pending timers of one loop, sorted by deadline, and the thread-local
//! that lets `sleep` find them.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::task::Waker;
use std::time::Duration;

use crate::call_later::CallbackSlot;
use crate::clock::Clock;

// ANCHOR: queue
/// Identifies one pending timer: its deadline first, so the map is sorted by
/// time, then a sequence number, so two timers with the same deadline are
/// distinct keys and fire in the order they were set.
pub(crate) type TimerKey = (Duration, u64);

/// The deadline of a timer that never fires: where a deadline too far to
/// write down saturates (`sleep(Duration::MAX)`, asyncio's
/// `sleep(math.inf)`). The park never waits for it, and a virtual clock
/// never jumps to it.
pub(crate) const NEVER: Duration = Duration::MAX;

/// The deadline `delay` after `now`, or [`NEVER`] when it is too far.
pub(crate) fn deadline_after(now: Duration, delay: Duration) -> Duration {
    now.saturating_add(delay)
}

/// What a timer does when it fires.
pub(crate) enum Fire {
    /// Wake the task of a [`Sleep`](crate::Sleep).
    Wake(Waker),
    /// Schedule a [`call_later`](crate::call_later) callback.
    Call(Rc<CallbackSlot>),
}

/// The pending timers, earliest first.
///
/// asyncio keeps its timers in a binary heap (`loop._scheduled`). We keep
/// them in a `BTreeMap`, as async-io does, for two reasons a learner can
/// see in the tests: a dropped sleep removes its own entry by key (so the
/// map never fills up with dead timers), and timers with equal deadlines
/// come out in the order they went in (a heap does not promise that).
#[derive(Default)]
pub(crate) struct TimerQueue {
    /// Every pending timer; the first entry is the next to fire.
    map: BTreeMap<TimerKey, Fire>,
    /// The sequence number of the next timer; never reused.
    next_seq: u64,
}

impl TimerQueue {
    /// Adds a timer and returns its key.
    pub(crate) fn insert(&mut self, deadline: Duration, fire: Fire) -> TimerKey {
        let key = (deadline, self.next_seq);
        self.next_seq += 1;
        self.map.insert(key, fire);
        key
    }

    /// Removes a timer that has not fired (a cancelled sleep or callback).
    /// A timer that already fired is gone: nothing happens.
    pub(crate) fn remove(&mut self, key: TimerKey) -> Option<Fire> {
        self.map.remove(&key)
    }

    /// Points a pending sleep's timer at `waker`. Returns `false` if the
    /// timer is gone (it fired).
    pub(crate) fn set_waker(&mut self, key: TimerKey, waker: &Waker) -> bool {
        match self.map.get_mut(&key) {
            Some(Fire::Wake(old)) => {
                if !old.will_wake(waker) {
                    old.clone_from(waker);
                }
                true
            }
            Some(Fire::Call(_)) | None => false,
        }
    }

    /// The earliest deadline, if any timer is pending that will ever fire
    /// (timers due [`NEVER`] sort last, so if the first is one, all are).
    pub(crate) fn next_deadline(&self) -> Option<Duration> {
        self.map
            .first_key_value()
            .map(|(&(deadline, _), _)| deadline)
            .filter(|&deadline| deadline != NEVER)
    }

    /// Removes and returns every timer due at `now`, earliest first.
    pub(crate) fn take_due(&mut self, now: Duration) -> Vec<(TimerKey, Fire)> {
        // Split just *after* `now`: a timer due exactly now is due. Every
        // key with deadline `now` is below `(now, u64::MAX)`, except one
        // with that very sequence number, which no timer reaches. A clock
        // advanced to the end of time still leaves the `NEVER`s alone.
        let split = if now < NEVER {
            (now, u64::MAX)
        } else {
            (NEVER, 0)
        };
        let later = self.map.split_off(&split);
        let due = std::mem::replace(&mut self.map, later);
        due.into_iter().collect()
    }

    /// How many timers are pending.
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }
}
// ANCHOR_END: queue

/// One loop's timers and the clock they run on, shared by the timer driver,
/// the running loop's thread-local, and every pending `Sleep`.
pub(crate) struct Timers {
    pub(crate) clock: Clock,
    pub(crate) queue: RefCell<TimerQueue>,
}

impl Timers {
    pub(crate) fn new(clock: Clock) -> Self {
        Timers {
            clock,
            queue: RefCell::default(),
        }
    }
}

thread_local! {
    /// The timers of the loop running on this thread, set by the timer
    /// driver's `enter` and cleared by its `exit`.
    static CURRENT: RefCell<Option<Rc<Timers>>> = const { RefCell::new(None) };
}

pub(crate) fn set_current(timers: Option<Rc<Timers>>) {
    CURRENT.with(|current| *current.borrow_mut() = timers);
}

/// Whether `timers` are the timers of the loop running on this thread.
pub(crate) fn is_current(timers: &Rc<Timers>) -> bool {
    CURRENT
        .try_with(|current| {
            current
                .borrow()
                .as_ref()
                .is_some_and(|current| Rc::ptr_eq(current, timers))
        })
        .unwrap_or(false)
}

/// The running loop's timers, if its driver has a timer layer.
pub(crate) fn try_current() -> Option<Rc<Timers>> {
    CURRENT.try_with(|current| current.borrow().clone()).ok()?
}

/// The running loop's timers.
///
/// # Panics
///
/// With asyncio's "no running event loop" when there are none, saying what
/// to do about it.
pub(crate) fn current(what: &str) -> Rc<Timers> {
    try_current().unwrap_or_else(|| {
        if aio_executor::is_running() {
            panic!(
                "{what} needs timers, and the running loop's driver has none \
                 (run it with aio_timers::run, or over a TimerDriver)"
            )
        } else {
            panic!(
                "{what} needs a running event loop: no running event loop \
                 (call it from inside a future run by aio_timers::run)"
            )
        }
    })
}
