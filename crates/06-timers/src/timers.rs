//! The pending timers of one loop, sorted by deadline, and the thread-local
//! that lets `sleep` find them.

use std::cell::RefCell;
use std::rc::Rc;
use std::task::Waker;
use std::time::Duration;

use aio_executor::LocalTask;

use crate::call_later::CallbackSlot;
use crate::clock::Clock;
use crate::heap::QuadHeap;

// ANCHOR: queue
/// A time on the loop's clock in whole nanoseconds since the clock started:
/// 8 bytes where a `Duration` takes 16, and one comparison instead of two.
/// A `u64` of nanoseconds reaches 584 years.
pub(crate) type Nanos = u64;

/// The deadline of a timer that never fires: where a deadline too far to
/// write down saturates (`sleep(Duration::MAX)`, asyncio's
/// `sleep(math.inf)`). The park never waits for it, and a virtual clock
/// never jumps to it.
pub(crate) const NEVER: Nanos = Nanos::MAX;

/// `time` in nanoseconds, or [`NEVER`] when it is too far.
pub(crate) fn nanos(time: Duration) -> Nanos {
    Nanos::try_from(time.as_nanos()).unwrap_or(NEVER)
}

/// The deadline `delay` after `now`, or [`NEVER`] when it is too far.
pub(crate) fn deadline_after(now: Duration, delay: Duration) -> Nanos {
    nanos(now).saturating_add(nanos(delay))
}

/// A deadline back on the clock's scale ([`NEVER`] is `Duration::MAX`).
pub(crate) fn duration(deadline: Nanos) -> Duration {
    if deadline == NEVER {
        Duration::MAX
    } else {
        Duration::from_nanos(deadline)
    }
}

/// One entry of the heap, 16 bytes: the deadline first, so keys sort by
/// time, then a sequence number, so timers with the same deadline come out
/// in the order they were set; `slot` says where the timer waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct TimerKey {
    deadline: Nanos,
    seq: u32,
    slot: u32,
}

/// What a sleep or a `call_later` handle keeps to find its timer again: the
/// slot, and the number the timer was given there. A timer that fired or
/// was removed leaves its slot, and the next one in it has another `id`, so
/// an old `TimerId` never finds a stranger's timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TimerId {
    slot: u32,
    id: u32,
}

/// What a timer does when it fires.
pub(crate) enum Fire {
    /// Wake the task of a [`Sleep`](crate::Sleep), through the waker it
    /// was polled with.
    Wake(Waker),
    /// Wake the task of a [`Sleep`](crate::Sleep) that its task polled
    /// directly, by its id: no waker kept (see [`Fire::for_waker`]).
    Task(LocalTask),
    /// Schedule a [`call_later`](crate::call_later) callback.
    Call(Rc<CallbackSlot>),
}

// ANCHOR: fire_for_waker
impl Fire {
    /// How to wake whoever polled a sleep with `waker`. Its own task, when
    /// the task polled it directly (the usual `sleep(d).await`): by the
    /// task's id, which the loop that fires the timer can schedule without
    /// a waker. A clone of the waker would do the same, but keeping one
    /// makes the loop give the task a waker of its own: one allocation
    /// per sleeping task. Any other waker (a combinator's) is cloned.
    pub(crate) fn for_waker(waker: &Waker) -> Fire {
        match aio_executor::local_task(waker) {
            Some(task) => Fire::Task(task),
            None => Fire::Wake(waker.clone()),
        }
    }
}
// ANCHOR_END: fire_for_waker

impl Fire {
    /// Starts loading what firing this will touch first, where that is
    /// known: the table place of the task it wakes (see
    /// [`LocalTask::prefetch`]). A hint only.
    pub(crate) fn prefetch(&self) {
        if let Fire::Task(task) = self {
            task.prefetch();
        }
    }
}

/// A pending timer, in its slot.
struct Pending {
    /// The sequence number of its key in the heap: a key whose `seq` is
    /// not this one is dead.
    seq: u32,
    /// The number its [`TimerId`] carries.
    id: u32,
    fire: Fire,
}

/// The pending timers, earliest first.
///
/// Like asyncio (`loop._scheduled`), we keep them in a heap: adding a timer and
/// taking the earliest out cost `log n` steps, and nothing is allocated per
/// timer. asyncio's heap is binary; ours gives each node four children, which
/// halves the steps (see [`QuadHeap`]). The heap holds only small keys; what
/// each timer does lives in a slab (`slots`), at the place its key names.
/// Removing a timer that has not fired (a cancelled sleep) empties its place at
/// once, and leaves its key in the heap, dead, to be thrown away when it
/// reaches the top; when dead keys outnumber live ones, the heap is rebuilt
/// without them (asyncio cancels lazily the same way). The sequence number in
/// each key makes equal deadlines come out in the order they went in, which a
/// heap would not promise by itself.
#[derive(Default)]
pub(crate) struct TimerQueue {
    /// Every pending timer's key, and dead keys of removed ones; the top is
    /// always live and is the next to fire.
    heap: QuadHeap<TimerKey>,
    /// The pending timers, each at the place its key names.
    slots: Vec<Option<Pending>>,
    /// Empty places in `slots`, reused first.
    free: Vec<u32>,
    /// How many timers are pending.
    len: usize,
    /// The sequence number of the next timer. When it runs out, the pending
    /// timers are numbered again from zero, in their order.
    next_seq: u32,
    /// The id of the next timer; it wraps, after four billion timers.
    next_id: u32,
    /// Every timer due before this time has left the queue (fired, or
    /// removed). `take_due` raises it past the `now` it fired up to; a
    /// timer set for earlier lowers it. A sleep polled after its wake asks
    /// this, not its slot, which by then has gone cold in the cache (see
    /// the book's fast-paths page).
    fired_before: Nanos,
}

impl TimerQueue {
    /// Adds a timer and returns what finds it again.
    pub(crate) fn insert(&mut self, deadline: Nanos, fire: Fire) -> TimerId {
        if self.next_seq == u32::MAX {
            self.renumber();
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1);
        let slot = match self.free.pop() {
            Some(slot) => slot,
            None => {
                self.slots.push(None);
                u32::try_from(self.slots.len() - 1).expect("more than 2^32 pending timers")
            }
        };
        self.slots[slot as usize] = Some(Pending { seq, id, fire });
        self.heap.push(TimerKey {
            deadline,
            seq,
            slot,
        });
        self.len += 1;
        self.fired_before = self.fired_before.min(deadline);
        TimerId { slot, id }
    }

    /// Whether `timer`, set for `deadline`, has fired or been removed. A
    /// timer due before `fired_before` has: that answer needs no look at
    /// its slot.
    pub(crate) fn is_gone(&self, timer: TimerId, deadline: Nanos) -> bool {
        deadline < self.fired_before || !self.contains(timer)
    }

    /// Whether `timer` is pending: neither fired nor removed.
    pub(crate) fn contains(&self, timer: TimerId) -> bool {
        matches!(self.slots.get(timer.slot as usize), Some(Some(p)) if p.id == timer.id)
    }

    /// Whether `key` is the key of a pending timer (and not a dead one).
    fn is_live(&self, key: TimerKey) -> bool {
        live_in(&self.slots, key)
    }

    /// Empties a pending timer's slot and returns what it does.
    fn vacate(&mut self, slot: u32) -> Option<Fire> {
        let pending = self.slots[slot as usize].take()?;
        self.free.push(slot);
        self.len -= 1;
        Some(pending.fire)
    }

    /// Removes a timer that has not fired (a cancelled sleep or callback).
    /// A timer that already fired is gone: nothing happens.
    pub(crate) fn remove(&mut self, timer: TimerId) -> Option<Fire> {
        if !self.contains(timer) {
            return None;
        }
        let fire = self.vacate(timer.slot);
        // Its key stays in the heap, dead. Keep a live key on top (the
        // next deadline must be a real one), and do not let the dead ones
        // pile up.
        self.drop_dead_top();
        if self.heap.len() > 2 * self.len + 64 {
            let slots = &self.slots;
            self.heap.retain(|&key| live_in(slots, key));
        }
        self.release_if_empty();
        fire
    }

    /// Throws away dead keys from the top of the heap.
    fn drop_dead_top(&mut self) {
        while let Some(&top) = self.heap.peek() {
            if self.is_live(top) {
                break;
            }
            self.heap.pop();
        }
    }

    /// Points a pending sleep's timer at `waker`. Returns `false` if the
    /// timer is gone (it fired).
    pub(crate) fn set_waker(&mut self, timer: TimerId, waker: &Waker) -> bool {
        match self.slots.get_mut(timer.slot as usize) {
            Some(Some(Pending { id, fire, .. })) if *id == timer.id => {
                match fire {
                    Fire::Wake(old) if old.will_wake(waker) => {}
                    Fire::Task(task) if aio_executor::local_task(waker).as_ref() == Some(task) => {}
                    _ => *fire = Fire::for_waker(waker),
                }
                true
            }
            _ => false,
        }
    }

    /// The earliest deadline, if any timer is pending that will ever fire
    /// (timers due [`NEVER`] sort last, so if the first is one, all are).
    pub(crate) fn next_deadline(&self) -> Option<Nanos> {
        self.heap
            .peek()
            .map(|key| key.deadline)
            .filter(|&deadline| deadline != NEVER)
    }

    /// Moves every timer due at `now` into `due`, earliest first, with its
    /// deadline: a timer due exactly now is due, and a clock advanced to
    /// the end of time still leaves the `NEVER`s alone. `due` is the
    /// caller's, kept from turn to turn, so a turn allocates nothing.
    pub(crate) fn take_due(&mut self, now: Nanos, due: &mut Vec<(Nanos, Fire)>) {
        while let Some(&key) = self.heap.peek() {
            if key.deadline > now || key.deadline == NEVER {
                break;
            }
            self.heap.pop();
            // A fast path (see the book's fast-paths page): while this
            // timer is handled, the next one's slot is fetched.
            if let Some(&next) = self.heap.peek() {
                self.prefetch_slot(next.slot);
            }
            if !self.is_live(key) {
                continue; // dead: removed before it was due
            }
            if let Some(fire) = self.vacate(key.slot) {
                due.push((key.deadline, fire));
            }
        }
        // Every timer due at `now` or before has fired (the `NEVER`s are
        // never due).
        self.fired_before = self.fired_before.max(now.saturating_add(1));
        self.drop_dead_top();
        self.release_if_empty();
    }

    /// How many timers are pending.
    pub(crate) fn len(&self) -> usize {
        self.len
    }
}
// ANCHOR_END: queue

/// Whether `key` names a pending timer in `slots` (and is not a dead key).
/// A function of the slots alone, so `remove` can use it while the heap is
/// borrowed.
fn live_in(slots: &[Option<Pending>], key: TimerKey) -> bool {
    matches!(slots.get(key.slot as usize), Some(Some(p)) if p.seq == key.seq)
}

/// Below this many entries a queue keeps its memory when it empties.
const KEEP: usize = 1024;

impl TimerQueue {
    /// Starts loading a slot into the cache: a hint (see
    /// [`aio_executor::hint`]).
    fn prefetch_slot(&self, slot: u32) {
        if let Some(slot) = self.slots.get(slot as usize) {
            aio_executor::hint::prefetch(slot);
        }
    }

    /// Gives back the memory of a burst of timers once they are all gone.
    /// No pending timer means no live key and no slot anyone still needs:
    /// a `TimerId` of a slot that is no longer there finds nothing.
    fn release_if_empty(&mut self) {
        if self.len == 0 && self.slots.len() > KEEP {
            self.heap = QuadHeap::default();
            self.slots = Vec::new();
            self.free = Vec::new();
        }
    }

    /// Numbers the pending timers again from zero, in the order they fire,
    /// when the 32-bit sequence numbers run out (every four billion
    /// timers); dead keys go at the same time. Ties keep their order, and
    /// no `TimerId` changes.
    fn renumber(&mut self) {
        let mut keys = std::mem::take(&mut self.heap).into_vec();
        keys.retain(|&key| self.is_live(key));
        keys.sort_unstable();
        for (seq, key) in keys.iter_mut().enumerate() {
            key.seq = u32::try_from(seq).expect("more than 2^32 pending timers");
            if let Some(Some(pending)) = self.slots.get_mut(key.slot as usize) {
                pending.seq = key.seq;
            }
        }
        self.next_seq = u32::try_from(keys.len()).expect("more than 2^32 pending timers");
        self.heap = QuadHeap::from_vec(keys);
    }

    /// Makes the next sequence number `seq`, as if that many timers had
    /// been set: lets a test reach the renumbering without setting four
    /// billion timers.
    pub(crate) fn skip_to_seq(&mut self, seq: u32) {
        self.next_seq = self.next_seq.max(seq);
    }
}

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
