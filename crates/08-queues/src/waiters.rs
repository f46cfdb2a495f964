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
    /// How many entries are not woken yet. Most calls to wake someone find
    /// every waiter woken already (a queue's one getter, woken by the
    /// first of a hundred puts before it ran): then no entry is looked at.
    unwoken: usize,
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
        self.unwoken += 1;
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
        }?;
        if !entry.woken {
            self.unwoken -= 1;
        }
        Some(entry.woken)
    }

    // ANCHOR: wake_one
    /// Wakes the oldest entry not woken yet, and says whether there was one.
    pub(crate) fn wake_one(&mut self) -> bool {
        if self.unwoken == 0 {
            return false;
        }
        let entry = self.entries.iter_mut().find(|e| !e.woken);
        let entry = entry.expect("an entry not woken, as counted");
        entry.woken = true;
        self.unwoken -= 1;
        entry.waker.wake_by_ref();
        true
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
            if entry.woken {
                entry.woken = false;
                self.unwoken += 1;
            }
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
            self.unwoken -= 1; // before the wake: a waker may panic
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The count of entries not woken, recounted the slow way.
    fn recount(list: &WaiterList) -> usize {
        list.entries.iter().filter(|e| !e.woken).count()
    }

    #[test]
    fn the_count_of_waiters_not_woken_stays_true_through_every_operation() {
        let waker = Waker::noop();
        let mut list = WaiterList::default();
        let mut ids = Vec::new();
        // A fixed pseudo-random walk (xorshift) through every operation.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for step in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let pick = |n: usize| (state >> 32) as usize % n.max(1);
            match state % 6 {
                0 | 1 => ids.push(list.push(waker)),
                2 => {
                    let expected = recount(&list) > 0;
                    assert_eq!(list.wake_one(), expected, "wake_one at step {step}");
                }
                3 if !ids.is_empty() => {
                    let id = ids.swap_remove(pick(ids.len()));
                    assert!(list.remove(id).is_some());
                }
                4 if !ids.is_empty() => list.rearm(ids[pick(ids.len())], waker),
                5 if state % 7 == 0 => list.wake_all(),
                _ => {}
            }
            assert_eq!(list.unwoken, recount(&list), "after step {step}");
        }
    }
}
