//! The waiter list every primitive of this stage is built on: the wakers of
//! the futures waiting for something, in the order they started waiting.
//!
//! asyncio keeps a `deque` of futures, one per waiting coroutine, and wakes
//! one by completing its future. We keep a `VecDeque` of entries, one per
//! waiting Rust future, each with an id the future holds on to. The id is
//! how a future finds its entry again: to refresh its waker on a spurious
//! poll, to see whether it was woken, and to take itself out when it is
//! dropped (which is how a Rust task is cancelled).
//!
//! An entry stays in the list after it is woken, marked `woken`, until its
//! future runs and takes it out. That mark is what makes cancellation safe:
//! a future dropped while marked knows it was handed something (the lock, a
//! permit, an item's wake-up) and must pass it on; one dropped unmarked
//! just leaves. It is also what makes a spurious poll harmless: unmarked,
//! the future only refreshes its waker and keeps its place.
//!
//! Wakers are woken while the primitive's state is borrowed. A waker of our
//! loop only puts its task in the ready queue; a waker that polled a future
//! there and then would find the state borrowed and panic, and the `Waker`
//! contract does not ask for that.

use std::collections::VecDeque;
use std::task::Waker;

/// The ticket a waiting future holds: which entry of a [`WaiterList`] is its
/// own. Ids are never reused, so a stale id finds nothing rather than
/// somebody else's entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WaiterId(u64);

// ANCHOR: waiter_list
// ANCHOR: entry
/// Waiting futures, oldest first.
#[derive(Debug, Default)]
pub(crate) struct WaiterList {
    /// One entry per waiting future; an entry leaves only when its future
    /// takes it out (it finished, or it was dropped), never when it is woken.
    entries: VecDeque<Entry>,
    /// The id the next entry gets.
    next_id: u64,
}

#[derive(Debug)]
struct Entry {
    id: WaiterId,
    /// The waker of the last poll.
    waker: Waker,
    /// Whether this entry was chosen and woken: it has been handed a
    /// wake-up (the lock, a permit, a notification) it has not used yet.
    woken: bool,
}
// ANCHOR_END: entry

impl WaiterList {
    /// Joins the back of the line.
    pub(crate) fn push(&mut self, waker: &Waker) -> WaiterId {
        let id = WaiterId(self.next_id);
        self.next_id += 1;
        self.entries.push_back(Entry {
            id,
            waker: waker.clone(),
            woken: false,
        });
        id
    }

    /// Whether `id` has been woken. `None` if it is not in the list.
    pub(crate) fn is_woken(&self, id: WaiterId) -> Option<bool> {
        self.entry(id).map(|e| e.woken)
    }

    /// Takes `id` out of the list, wherever it is, and says whether it had
    /// been woken (`None`: it was not in the list).
    pub(crate) fn remove(&mut self, id: WaiterId) -> Option<bool> {
        let at = self.position(id)?;
        let entry = match at {
            0 => self.entries.pop_front(),
            _ => self.entries.remove(at),
        };
        entry.map(|e| e.woken)
    }

    // ANCHOR: wake_one
    /// Wakes the oldest entry not woken yet, and says whether there was one.
    pub(crate) fn wake_one(&mut self) -> bool {
        match self.entries.iter_mut().find(|e| !e.woken) {
            Some(entry) => {
                entry.woken = true;
                entry.waker.wake_by_ref();
                true
            }
            None => false,
        }
    }
    // ANCHOR_END: wake_one
}
// ANCHOR_END: waiter_list

impl WaiterList {
    /// Keeps `id` waiting with the waker of its latest poll. A future that
    /// is polled without having been woken (a spurious wake, or its task
    /// moved) must not lose its place, only update how to reach it.
    pub(crate) fn update_waker(&mut self, id: WaiterId, waker: &Waker) {
        if let Some(entry) = self.position(id).map(|at| &mut self.entries[at]) {
            if !entry.waker.will_wake(waker) {
                entry.waker = waker.clone();
            }
        }
    }

    /// Puts a woken entry back to waiting, in its place (for primitives
    /// whose waiters re-check a condition after every wake).
    pub(crate) fn rearm(&mut self, id: WaiterId, waker: &Waker) {
        if let Some(entry) = self.position(id).map(|at| &mut self.entries[at]) {
            entry.woken = false;
            if !entry.waker.will_wake(waker) {
                entry.waker = waker.clone();
            }
        }
    }

    /// Wakes every entry not woken yet, oldest first (one pass: an
    /// `Event` with ten thousand waiters is set in ten thousand steps).
    pub(crate) fn wake_all(&mut self) {
        for entry in self.entries.iter_mut().filter(|e| !e.woken) {
            entry.woken = true;
            entry.waker.wake_by_ref();
        }
    }

    /// Whether the oldest entry exists and has been woken already.
    pub(crate) fn first_is_woken(&self) -> bool {
        self.entries.front().is_some_and(|e| e.woken)
    }

    /// Wakes the oldest entry if it is not woken yet; never looks further
    /// (asyncio's `Lock._wake_up_first`: one lock, one candidate at a time).
    pub(crate) fn wake_first(&mut self) {
        if !self.first_is_woken() && !self.entries.is_empty() {
            self.wake_one();
        }
    }

    /// How many futures are in the line, woken or not.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nobody is waiting (or holding an unused wake-up).
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn entry(&self, id: WaiterId) -> Option<&Entry> {
        self.position(id).map(|at| &self.entries[at])
    }

    /// Where `id` is in the list. Waiters mostly leave in the order they
    /// came, so the front is looked at before the rest is searched.
    fn position(&self, id: WaiterId) -> Option<usize> {
        if self.entries.front()?.id == id {
            return Some(0);
        }
        self.entries.iter().position(|e| e.id == id)
    }
}
