//! The pending timers of one loop, sorted by deadline, and the thread-local
//! that lets `sleep` find them.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::rc::Rc;
use std::task::Waker;
use std::time::Duration;

use crate::call_later::CallbackSlot;
use crate::clock::Clock;

// ANCHOR: queue
/// Identifies one pending timer: its deadline first, so keys sort by time,
/// then a sequence number, so two timers with the same deadline are
/// distinct keys and fire in the order they were set. `slot` says where the
/// queue keeps what the timer does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct TimerKey {
    pub(crate) deadline: Duration,
    seq: u64,
    slot: u32,
}

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
/// Like asyncio (`loop._scheduled`), we keep them in a binary heap: adding
/// a timer and taking the earliest out cost `log n` steps, and nothing is
/// allocated per timer. The heap holds only keys; what each timer does
/// lives in a slab (`slots`), at the place its key names. Removing a timer
/// that has not fired (a cancelled sleep) empties its place at once, and
/// leaves its key in the heap, dead, to be thrown away when it reaches the
/// top; when dead keys outnumber live ones, the heap is rebuilt without
/// them (asyncio cancels lazily the same way). The sequence number in each
/// key makes equal deadlines come out in the order they went in, which a
/// heap would not promise by itself.
#[derive(Default)]
pub(crate) struct TimerQueue {
    /// Every pending timer's key, and dead keys of removed ones; the top is
    /// always live and is the next to fire.
    heap: BinaryHeap<Reverse<TimerKey>>,
    /// What each pending timer does, with its sequence number: a key whose
    /// sequence number is not the one in its slot is dead.
    slots: Vec<Option<(u64, Fire)>>,
    /// Empty places in `slots`, reused first.
    free: Vec<u32>,
    /// How many timers are pending.
    len: usize,
    /// The sequence number of the next timer; never reused.
    next_seq: u64,
}

impl TimerQueue {
    /// Adds a timer and returns its key.
    pub(crate) fn insert(&mut self, deadline: Duration, fire: Fire) -> TimerKey {
        let seq = self.next_seq;
        self.next_seq += 1;
        let slot = match self.free.pop() {
            Some(slot) => slot,
            None => {
                self.slots.push(None);
                u32::try_from(self.slots.len() - 1).expect("more than 2^32 pending timers")
            }
        };
        self.slots[slot as usize] = Some((seq, fire));
        let key = TimerKey {
            deadline,
            seq,
            slot,
        };
        self.heap.push(Reverse(key));
        self.len += 1;
        key
    }

    /// Whether `key`'s timer is pending: neither fired nor removed.
    pub(crate) fn contains(&self, key: TimerKey) -> bool {
        matches!(self.slots.get(key.slot as usize), Some(Some((seq, _))) if *seq == key.seq)
    }

    /// Removes a timer that has not fired (a cancelled sleep or callback).
    /// A timer that already fired is gone: nothing happens.
    pub(crate) fn remove(&mut self, key: TimerKey) -> Option<Fire> {
        if !self.contains(key) {
            return None;
        }
        let (_, fire) = self.slots[key.slot as usize].take()?;
        self.free.push(key.slot);
        self.len -= 1;
        // Its key stays in the heap, dead. Keep a live key on top (the
        // next deadline must be a real one), and do not let the dead ones
        // pile up.
        self.drop_dead_top();
        if self.heap.len() > 2 * self.len + 64 {
            let slots = &self.slots;
            self.heap.retain(|Reverse(key)| {
                matches!(slots.get(key.slot as usize), Some(Some((seq, _))) if *seq == key.seq)
            });
        }
        Some(fire)
    }

    /// Throws away dead keys from the top of the heap.
    fn drop_dead_top(&mut self) {
        while let Some(&Reverse(top)) = self.heap.peek() {
            if self.contains(top) {
                break;
            }
            self.heap.pop();
        }
    }

    /// Points a pending sleep's timer at `waker`. Returns `false` if the
    /// timer is gone (it fired).
    pub(crate) fn set_waker(&mut self, key: TimerKey, waker: &Waker) -> bool {
        if !self.contains(key) {
            return false;
        }
        match &mut self.slots[key.slot as usize] {
            Some((_, Fire::Wake(old))) => {
                if !old.will_wake(waker) {
                    old.clone_from(waker);
                }
                true
            }
            _ => false,
        }
    }

    /// The earliest deadline, if any timer is pending that will ever fire
    /// (timers due [`NEVER`] sort last, so if the first is one, all are).
    pub(crate) fn next_deadline(&self) -> Option<Duration> {
        self.heap
            .peek()
            .map(|Reverse(key)| key.deadline)
            .filter(|&deadline| deadline != NEVER)
    }

    /// Removes and returns every timer due at `now`, earliest first: a
    /// timer due exactly now is due, and a clock advanced to the end of
    /// time still leaves the `NEVER`s alone.
    pub(crate) fn take_due(&mut self, now: Duration) -> Vec<(TimerKey, Fire)> {
        let mut due = Vec::new();
        while let Some(&Reverse(key)) = self.heap.peek() {
            if key.deadline > now || key.deadline == NEVER {
                break;
            }
            self.heap.pop();
            if !self.contains(key) {
                continue; // dead: removed before it was due
            }
            if let Some((_, fire)) = self.slots[key.slot as usize].take() {
                self.free.push(key.slot);
                self.len -= 1;
                due.push((key, fire));
            }
        }
        self.drop_dead_top();
        due
    }

    /// How many timers are pending.
    pub(crate) fn len(&self) -> usize {
        self.len
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
