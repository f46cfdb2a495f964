//! What the loop keeps for each task, and the waker that reschedules it.

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, RawWakerVTable, Wake, Waker};

use crate::driver::Unpark;
use crate::join::{JoinError, JoinSlot, Joinable, TaskStatus};
use crate::trace::Outcome;
use crate::{context, hint};

/// A task's place in its loop's task table, and the generation of that
/// place: the low 32 bits index the table, the high 32 count how many tasks
/// have used the place before. A place is reused once its task is gone, but
/// with the next generation, so a stale waker (one kept by a future after
/// its task finished) finds a different generation there and does nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaskId(pub(crate) u64);

impl TaskId {
    /// Names no task (its index is the table's `NO_PLACE`): the ready
    /// queue's marker for "a callback goes here".
    pub(crate) const CALLBACK: TaskId = TaskId(u64::MAX);

    fn new(index: u32, generation: u32) -> Self {
        TaskId(u64::from(generation) << 32 | u64::from(index))
    }
    pub(crate) fn index(self) -> usize {
        (self.0 & u64::from(u32::MAX)) as usize
    }
    fn generation(self) -> u32 {
        (self.0 >> 32) as u32
    }
}

// ANCHOR: task_future
/// What the loop can do with a task, whatever its output type.
pub(crate) trait TaskFuture {
    /// Polls the task once. When it finishes, its future is dropped and its
    /// slot completed; `record` hears how it ended just before the slot
    /// wakes whoever awaits it (so a trace shows the end before the wake).
    fn poll_task(&self, cx: &mut Context<'_>, record: &dyn Fn(Outcome)) -> Poll<()>;

    /// Drops the task's future without finishing it, and completes its
    /// slot: cancelled, or panicked if a destructor panicked on the way.
    /// `None` if the future was gone already (the task had ended).
    fn drop_future(&self) -> Option<Outcome>;

    /// The task's slot, seen whatever its output type.
    fn status(&self) -> &dyn TaskStatus;

    /// Takes the future out and forgets it, never polled and never
    /// dropped: for a task its loop refused.
    fn forget_future(&self);
}

/// The user's future and the slot its outcome goes to, in *one*
/// allocation: the loop's table and the task's handle each hold an `Rc`
/// to the same cell, as `Rc<dyn TaskFuture>` and `Rc<dyn Joinable<T>>`.
pub(crate) struct TaskCell<F: Future> {
    slot: JoinSlot<F::Output>,
    /// `None` once the task has ended: dropped in place, inside a catch.
    future: RefCell<Option<F>>,
}
// ANCHOR_END: task_future

impl<F: Future> TaskCell<F> {
    pub(crate) fn new(future: F, slot: JoinSlot<F::Output>) -> Self {
        TaskCell {
            slot,
            future: RefCell::new(Some(future)),
        }
    }
}

// ANCHOR: in_place
/// A task's cell, by what needs to know its future's type: polling the
/// future where it lies, dropping it there. What surrounds these (catching
/// panics, completing the slot) is written on `dyn InPlace<T>`: compiled
/// once per output type, not once per future (a test suite spawns
/// hundreds of different futures, and most of them return `()`).
trait InPlace<T> {
    fn slot(&self) -> &JoinSlot<T>;
    fn has_future(&self) -> bool;
    fn poll_in_place(&self, cx: &mut Context<'_>) -> Option<Poll<T>>;
    fn drop_in_place(&self);
}
// ANCHOR_END: in_place

impl<F: Future> InPlace<F::Output> for TaskCell<F> {
    fn slot(&self) -> &JoinSlot<F::Output> {
        &self.slot
    }

    fn has_future(&self) -> bool {
        self.future.borrow().is_some()
    }

    // ANCHOR: pinned
    /// Polls the future where it lies.
    #[allow(unsafe_code)] // the crate's one `unsafe` that touches memory: see its proof
    fn poll_in_place(&self, cx: &mut Context<'_>) -> Option<Poll<F::Output>> {
        let mut future = self.future.borrow_mut();
        let future = future.as_mut()?;
        // SAFETY: `Pin` asks that the future stay at this address from now
        // until it is dropped. It lives inside this cell, and the cell
        // inside an `Rc` allocation, which never moves. Nothing moves the
        // future out of its `Option`: it leaves only by being dropped in
        // place (`*future = None`, in `drop_in_place` and in the cell's
        // `Drop`; never `take()`, but for a refused task's future, which is
        // never polled), and no code unwraps the `Rc` to move the cell. So
        // the future never moves again.
        let future = unsafe { Pin::new_unchecked(future) };
        Some(future.poll(cx))
    }
    // ANCHOR_END: pinned

    /// Drops the future in place (the `Option` is `None` afterwards, even
    /// if its destructor panics).
    fn drop_in_place(&self) {
        *self.future.borrow_mut() = None;
    }
}

impl<F: Future> Drop for TaskCell<F> {
    // The last `Rc` went with the future still in: the slot must say the
    // task is gone. (The table drops futures itself; see `TaskEntry`.)
    fn drop(&mut self) {
        let future = self.future.get_mut();
        if future.is_some() {
            *future = None; // in place: `take()` would move it first
            self.slot.complete(Err(JoinError::Cancelled));
        }
    }
}

/// Runs `f`, turning a panic into a `JoinError`. (A `dyn` closure, which
/// leaves any result where it captured a place for it: the catch is
/// compiled once.)
#[cfg_attr(not(debug_assertions), inline(always))] // see `dyn InPlace`
fn catching(f: &mut dyn FnMut()) -> Result<(), JoinError> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(JoinError::Panicked)
}

// ANCHOR: impl_in_place
impl<T> dyn InPlace<T> + '_ {
    // ANCHOR_END: impl_in_place
    // An optimized build (no `debug_assertions`) inlines these into each
    // cell's own methods all the same, where the vtable's calls fold into
    // direct ones: left to its own choice, it ran 4.8% more instructions
    // spawning 200,000 tasks (callgrind).

    /// One poll of the task: its future polled in place inside a catch,
    /// and dropped as soon as it is finished.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn poll_task(&self, cx: &mut Context<'_>, record: &dyn Fn(Outcome)) -> Poll<()> {
        let mut polled = None;
        let result = match catching(&mut || polled = self.poll_in_place(cx)) {
            Ok(()) => match polled {
                None => return Poll::Ready(()), // ended already
                Some(Poll::Pending) => return Poll::Pending,
                Some(Poll::Ready(value)) => Ok(value),
            },
            Err(panicked) => Err(panicked),
        };
        // The future is finished: drop it now, inside a catch too, so that
        // a destructor that panics becomes the task's outcome, not the
        // loop's end. (The first panic wins.)
        let result = match (result, self.end_future()) {
            (Ok(_), Err(panicked)) => Err(panicked),
            // Cancelled during its last step, it returned before any
            // suspension could drop it: asyncio still ends such a task
            // cancelled.
            (Ok(_), Ok(())) if self.slot().is_cancel_requested() => Err(JoinError::Cancelled),
            (result, _) => result,
        };
        record(match &result {
            Ok(_) => Outcome::Returned,
            Err(JoinError::Panicked(_)) => Outcome::Panicked,
            Err(JoinError::Cancelled) => Outcome::Cancelled,
        });
        self.slot().complete(result);
        Poll::Ready(())
    }

    /// Drops the future in place, turning a panic in its destructor into
    /// an error.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn end_future(&self) -> Result<(), JoinError> {
        catching(&mut || self.drop_in_place())
    }

    #[cfg_attr(not(debug_assertions), inline(always))]
    // ANCHOR: drop_future
    fn drop_future(&self) -> Option<Outcome> {
        if !self.has_future() {
            return None;
        }
        let (result, outcome) = match self.end_future() {
            Ok(()) => (Err(JoinError::Cancelled), Outcome::Cancelled),
            Err(panicked) => (Err(panicked), Outcome::Panicked),
        };
        self.slot().complete(result);
        Some(outcome)
    }
    // ANCHOR_END: drop_future
}

// The loop's view of a cell, through `dyn InPlace` (see there why).
impl<F: Future> TaskFuture for TaskCell<F> {
    fn poll_task(&self, cx: &mut Context<'_>, record: &dyn Fn(Outcome)) -> Poll<()> {
        (self as &dyn InPlace<_>).poll_task(cx, record)
    }

    fn drop_future(&self) -> Option<Outcome> {
        (self as &dyn InPlace<_>).drop_future()
    }

    fn status(&self) -> &dyn TaskStatus {
        &self.slot
    }

    fn forget_future(&self) {
        // `take()` moves the future: allowed here, and only here, because
        // it was never polled, so never pinned (see `poll_in_place`).
        std::mem::forget(self.future.borrow_mut().take());
    }
}

impl<F: Future> Joinable<F::Output> for TaskCell<F>
where
    F: 'static,
{
    fn slot(&self) -> &JoinSlot<F::Output> {
        &self.slot
    }

    fn erased(self: Rc<Self>) -> Rc<dyn TaskFuture> {
        self
    }
}

// ANCHOR: entry
/// One live task, as the loop sees it.
pub(crate) struct TaskEntry {
    /// The task: its future and its slot, shared with its handle.
    pub(crate) task: Rc<dyn TaskFuture>,
    /// The task's own waker, once a poll left a clone of it somewhere (a
    /// socket, a queue, another task's handle); until then the loop lends
    /// each poll a spare one. Taken out while the task is polled.
    pub(crate) waker: Option<Waker>,
    /// The generation of the task's place in the table (see [`TaskId`]).
    generation: u32,
    /// Already in the ready queue: a second wake before the poll must not
    /// queue it twice.
    pub(crate) scheduled: bool,
    /// `cancel()` was called: the loop drops the future instead of polling
    /// it. (The slot knows too; this copy spares each poll a look through
    /// the `dyn` cell.)
    pub(crate) cancel_requested: bool,
}
// ANCHOR_END: entry

impl Drop for TaskEntry {
    /// The table lets go of a task whose future is still there (the loop
    /// itself is being dropped): the future goes now, whoever else holds
    /// the cell, and the handle hears the task was cancelled.
    fn drop(&mut self) {
        self.task.drop_future();
    }
}

/// How many places one page of the task table holds.
const PAGE: usize = 1024;

/// One place in the task table.
enum Slot {
    /// No task here. The next one to come gets this generation; `next_free`
    /// is the free place to use after this one (the free list runs through
    /// the vacant places themselves, so it costs no memory of its own).
    Vacant {
        generation: u32,
        next_free: u32,
    },
    Occupied(TaskEntry),
}

/// The end of the free list.
const NO_PLACE: u32 = u32::MAX;

/// The live tasks of one loop: a slab, whose free places are reused,
/// indexed by the low half of a [`TaskId`]. Finding a task is an index and
/// a generation check, not a hash. The places come in pages of [`PAGE`],
/// so the table grows a page at a time: it never copies its tasks to a
/// bigger vector, and never holds twice the room it needs.
pub(crate) struct TaskTable {
    pages: Vec<Page>,
    /// How many places were ever handed out: every page is full but the
    /// last, which holds only the places used so far.
    used: usize,
    /// The first place whose task is gone (`NO_PLACE` if none): freed
    /// places are reused last-freed first.
    free: u32,
    len: usize,
    /// The generation a brand-new place starts at: above the generation of
    /// every task that left a place `shrink_to` gave back, so that a stale
    /// waker for such a place cannot match the place made anew.
    fresh_generation: u32,
}

/// One page of the table: its places, filled in order as they are first
/// used (never written before a task needs them); how many of them hold a
/// task now, so that `shrink_to` finds the empty pages at the top without
/// reading their places; and the highest generation a task's removal left
/// in one of them, which `fresh_generation` must pass if the page is given
/// back. (Kept per page, not for the whole table: a `max` of generations
/// that wrap is stuck once one place has wrapped, and a busy place in a
/// page that stays must not decide the generations of pages made anew.)
struct Page {
    slots: Vec<Slot>,
    live: u16,
    retired: u32,
}

impl Default for TaskTable {
    fn default() -> Self {
        TaskTable {
            pages: Vec::new(),
            used: 0,
            free: NO_PLACE,
            len: 0,
            fresh_generation: 0,
        }
    }
}

fn page_and_offset(index: usize) -> (usize, usize) {
    (index / PAGE, index % PAGE)
}

impl TaskTable {
    fn slot(&self, index: usize) -> Option<&Slot> {
        let (page, offset) = page_and_offset(index);
        self.pages.get(page)?.slots.get(offset)
    }

    /// Starts loading the place of `id` into the cache (see [`hint`]).
    ///
    /// [`hint`]: crate::hint
    pub(crate) fn prefetch(&self, id: TaskId) {
        if let Some(slot) = self.slot(id.index()) {
            hint::prefetch(slot);
        }
    }

    fn slot_mut(&mut self, index: usize) -> Option<&mut Slot> {
        let (page, offset) = page_and_offset(index);
        self.pages.get_mut(page)?.slots.get_mut(offset)
    }

    /// The place the next [`insert`](TaskTable::insert) will use: the
    /// head of the free list, or the first place never used.
    pub(crate) fn next_place(&self) -> u32 {
        let place = match self.free {
            NO_PLACE => self.used,
            place => place as usize,
        };
        u32::try_from(place)
            .ok()
            .filter(|&place| place != NO_PLACE)
            .expect("more than 2^32 - 1 live tasks")
    }

    /// Inserts a task at the place [`next_place`](TaskTable::next_place)
    /// just gave, without a waker of its own, and returns its id.
    pub(crate) fn insert(
        &mut self,
        place: u32,
        task: Rc<dyn TaskFuture>,
        scheduled: bool,
    ) -> TaskId {
        debug_assert_eq!(place, self.next_place());
        let index = place as usize;
        let reused = self.free != NO_PLACE;
        let generation = if reused {
            let Some(&Slot::Vacant {
                generation,
                next_free,
            }) = self.slot(index)
            else {
                unreachable!("a free place is vacant")
            };
            self.free = next_free;
            generation
        } else {
            self.fresh_generation
        };
        let entry = Slot::Occupied(TaskEntry {
            task,
            waker: None,
            generation,
            scheduled,
            cancel_requested: false,
        });
        if reused {
            *self.slot_mut(index).expect("a free place exists") = entry;
        } else {
            // A place never used: the next one of the last page, or the
            // first of a new page.
            if self.used == self.pages.len() * PAGE {
                self.pages.push(Page {
                    slots: Vec::with_capacity(PAGE),
                    live: 0,
                    retired: 0,
                });
            }
            self.used += 1;
            let page = self.pages.last_mut().expect("a page with room");
            page.slots.push(entry);
        }
        self.pages[index / PAGE].live += 1;
        self.len += 1;
        TaskId::new(place, generation)
    }

    pub(crate) fn get_mut(&mut self, id: TaskId) -> Option<&mut TaskEntry> {
        match self.slot_mut(id.index())? {
            // A stale id (its task gone, the place reused) finds another
            // generation.
            Slot::Occupied(entry) if entry.generation == id.generation() => Some(entry),
            _ => None,
        }
    }

    /// The task in place `place`, whatever its generation, with its id.
    pub(crate) fn at_mut(&mut self, place: u32) -> Option<(TaskId, &mut TaskEntry)> {
        match self.slot_mut(place as usize)? {
            Slot::Occupied(entry) => Some((TaskId::new(place, entry.generation), entry)),
            Slot::Vacant { .. } => None,
        }
    }

    pub(crate) fn get(&self, id: TaskId) -> Option<&TaskEntry> {
        match self.slot(id.index())? {
            Slot::Occupied(entry) if entry.generation == id.generation() => Some(entry),
            _ => None,
        }
    }

    /// Every entry, oldest first.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (TaskId, &TaskEntry)> {
        let mut all: Vec<_> = self
            .pages
            .iter()
            .flat_map(|page| page.slots.iter())
            .enumerate()
            .filter_map(|(index, slot)| match slot {
                Slot::Occupied(entry) => Some((TaskId::new(index as u32, entry.generation), entry)),
                Slot::Vacant { .. } => None,
            })
            .collect();
        all.sort_by_key(|(_, entry)| entry.task.status().name().number());
        all.into_iter()
    }

    /// Takes the task `id` out of the table. The caller drops the entry
    /// after its borrow of the table ends: dropping it may run the task's
    /// destructors, which may spawn.
    #[must_use = "drop the entry after the table's borrow ends"]
    pub(crate) fn remove(&mut self, id: TaskId) -> Option<TaskEntry> {
        let free = self.free;
        let slot = self.slot_mut(id.index())?;
        match slot {
            Slot::Occupied(entry) if entry.generation == id.generation() => {}
            _ => return None,
        }
        let next = Slot::Vacant {
            generation: id.generation().wrapping_add(1),
            next_free: free,
        };
        let Slot::Occupied(entry) = std::mem::replace(slot, next) else {
            unreachable!("matched Occupied just above")
        };
        self.free = id.index() as u32;
        let page = &mut self.pages[id.index() / PAGE];
        page.live -= 1;
        page.retired = page.retired.max(id.generation().wrapping_add(1));
        self.len -= 1;
        Some(entry)
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// How many tasks the table has room for.
    pub(crate) fn capacity(&self) -> usize {
        self.pages.len() * PAGE
    }

    /// Gives back the pages above the last live task, down to
    /// `min_capacity`. (A live task high up keeps the pages below it: a
    /// slab cannot move its tasks, their ids say where they are.)
    pub(crate) fn shrink_to(&mut self, min_capacity: usize) {
        // The pages up to the last one that holds a task stay.
        let keep = self.pages.iter().rposition(|page| page.live > 0);
        let keep_pages = keep
            .map_or(0, |page| page + 1)
            .max(min_capacity.div_ceil(PAGE));
        if keep_pages >= self.pages.len() {
            return;
        }
        // A place made anew starts past every generation a task left in
        // the places given back.
        for page in self.pages.drain(keep_pages..) {
            self.fresh_generation = self.fresh_generation.max(page.retired.wrapping_add(1));
        }
        self.pages.shrink_to_fit();
        self.used = self.used.min(keep_pages * PAGE);
        // The free list again, without the places given back: lowest
        // first, so the next tasks fill the table from the bottom.
        self.free = NO_PLACE;
        for index in (0..self.used).rev() {
            let free = self.free;
            if let Some(Slot::Vacant { next_free, .. }) = self.slot_mut(index) {
                *next_free = free;
                self.free = index as u32;
            }
        }
    }

    /// Test support: moves every vacant place, and the places made anew,
    /// `by` generations on (wrapping), as if that many tasks had come and
    /// gone there; lets a test reach a generation's wrap without four
    /// billion tasks.
    pub(crate) fn skip_generations(&mut self, by: u32) {
        self.fresh_generation = self.fresh_generation.wrapping_add(by);
        for page in &mut self.pages {
            for slot in &mut page.slots {
                if let Slot::Vacant { generation, .. } = slot {
                    *generation = generation.wrapping_add(by);
                    page.retired = page.retired.max(*generation);
                }
            }
        }
    }

    /// Takes every task out, oldest first (so shutdown is deterministic).
    pub(crate) fn drain(&mut self) -> Vec<(TaskId, TaskEntry)> {
        let ids: Vec<_> = (0..self.used)
            .filter_map(|index| match self.slot(index)? {
                Slot::Occupied(entry) => Some(TaskId::new(index as u32, entry.generation)),
                Slot::Vacant { .. } => None,
            })
            .collect();
        let mut all: Vec<_> = ids
            .into_iter()
            .filter_map(|id| self.remove(id).map(|entry| (id, entry)))
            .collect();
        all.sort_by_key(|(_, entry)| entry.task.status().name().number());
        all
    }
}

// ANCHOR: shared
/// The part of a loop that other threads may touch: wakers are `Send +
/// Sync`, so a waker fired on another thread reaches the loop only through
/// here.
pub(crate) struct Shared {
    /// Tasks woken from other threads, waiting to be moved into the ready
    /// queue by the loop's own thread. `None` once the loop is gone: a wake
    /// then has nowhere to go.
    pub(crate) remote: Mutex<Option<Vec<Arc<TaskWaker>>>>,
    /// Set after a wake is pushed into `remote`: the loop looks at the
    /// mutex only when it is set (see `take_remote`).
    pub(crate) remote_pending: AtomicBool,
    /// Interrupts the driver's park, so a remote wake is seen at once.
    pub(crate) unparker: Arc<dyn Unpark>,
    /// Callbacks other threads scheduled with `call_soon_threadsafe`, in
    /// order; `None` once the loop is gone.
    pub(crate) callbacks: Mutex<Option<Vec<RemoteCallback>>>,
    /// Set when `callbacks` may be non-empty, so the loop's turn need not
    /// lock the mutex when no other thread scheduled anything.
    pub(crate) has_callbacks: AtomicBool,
}

/// A callback from another thread, to run on the loop's.
pub(crate) type RemoteCallback = Box<dyn FnOnce() + Send>;
// ANCHOR_END: shared

impl Shared {
    fn remote(&self) -> MutexGuard<'_, Option<Vec<Arc<TaskWaker>>>> {
        self.remote
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether a remote wake or a callback from another thread may be
    /// waiting: plain loads, for the loop's every turn; `take_remote` and
    /// `take_callbacks` decide for sure.
    #[inline]
    pub(crate) fn has_remote(&self) -> bool {
        self.remote_pending.load(Ordering::Relaxed) || self.has_callbacks.load(Ordering::Relaxed)
    }

    /// Takes the tasks other threads woke, clearing each one's `queued`
    /// flag: a wake from now on queues it again.
    pub(crate) fn take_remote(&self) -> Vec<TaskId> {
        // Nobody woke anything from another thread since the last look: no
        // lock. A waker pushes, then sets the flag, then unparks; so a wake
        // whose flag comes after this swap is seen at the next look, which
        // the unpark makes come soon.
        if !self.remote_pending.swap(false, Ordering::Acquire) {
            return Vec::new();
        }
        let woken = self.remote().as_mut().map(std::mem::take);
        let woken = woken.unwrap_or_default();
        woken
            .into_iter()
            .map(|waker| {
                // A swap, not a store: reading the flag with `Acquire` makes
                // what a skipped wake's thread wrote visible to the next poll.
                waker.queued.swap(false, Ordering::Acquire);
                waker.id
            })
            .collect()
    }

    /// The loop is gone: wakes from now on stop at once, and the ones
    /// queued are let go (each holds this `Shared`, which would otherwise
    /// never be freed).
    pub(crate) fn close(&self) {
        let queued = self.remote().take();
        drop(queued);
        let callbacks = self.callbacks().take();
        drop(callbacks);
    }

    fn callbacks(&self) -> MutexGuard<'_, Option<Vec<RemoteCallback>>> {
        self.callbacks
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Queues `callback` for the loop's thread and interrupts its park;
    /// gives the callback back if the loop is gone.
    pub(crate) fn push_callback(&self, callback: RemoteCallback) -> Result<(), RemoteCallback> {
        match self.callbacks().as_mut() {
            Some(queue) => queue.push(callback),
            None => return Err(callback),
        }
        self.has_callbacks.store(true, Ordering::Release);
        self.unparker.unpark();
        Ok(())
    }

    /// Takes the callbacks other threads scheduled, oldest first.
    pub(crate) fn take_callbacks(&self) -> Vec<RemoteCallback> {
        if !self.has_callbacks.swap(false, Ordering::Acquire) {
            return Vec::new();
        }
        self.callbacks()
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// How many wakes wait in the remote queue.
    pub(crate) fn remote_len(&self) -> usize {
        self.remote().as_ref().map_or(0, Vec::len)
    }
}

// ANCHOR: waker
/// The waker of one task: its id, and the way back to its loop.
pub(crate) struct TaskWaker {
    pub(crate) id: TaskId,
    pub(crate) shared: Arc<Shared>,
    /// In the remote queue already: another remote wake adds nothing.
    queued: AtomicBool,
}

impl TaskWaker {
    pub(crate) fn new(id: TaskId, shared: Arc<Shared>) -> Self {
        TaskWaker {
            id,
            shared,
            queued: AtomicBool::new(false),
        }
    }

    /// Points a waker nobody else holds at another task.
    pub(crate) fn reset(&mut self, id: TaskId) {
        self.id = id;
        *self.queued.get_mut() = false;
    }
}

/// A task, by its id and its loop: what a kept waker is for, without the
/// waker's allocation. [`local_task`](crate::local_task) gives one to a
/// future that its task polls directly, so that what the loop fires itself
/// (chapter 6's timers) can keep this instead of a clone of the waker: a
/// clone makes the loop give the task a waker of its own, one more
/// allocation per task.
#[derive(Clone)]
pub struct LocalTask {
    id: TaskId,
    shared: Arc<Shared>,
}

impl LocalTask {
    pub(crate) fn new(id: TaskId, shared: Arc<Shared>) -> Self {
        LocalTask { id, shared }
    }

    /// Wakes the task, as its waker would: on its loop's thread while the
    /// loop runs, straight into the ready queue; from anywhere else,
    /// through the loop's remote queue (making a waker for it then). Once
    /// at most until the task runs; nothing if the task has ended.
    pub fn wake(&self) {
        if context::schedule_local(&self.shared, self.id) {
            return;
        }
        Waker::from(Arc::new(TaskWaker::new(self.id, self.shared.clone()))).wake();
    }

    /// Tells the processor that the task will be woken soon: its place in
    /// its loop's table starts on its way to the cache (see [`hint`]). A
    /// hint, and nothing at all off the task's loop. The timers call it
    /// for the next task they will wake by id while they wake this one.
    ///
    /// [`hint`]: crate::hint
    pub fn prefetch(&self) {
        context::prefetch_local(&self.shared, self.id);
    }
}

impl PartialEq for LocalTask {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && Arc::ptr_eq(&self.shared, &other.shared)
    }
}

impl Eq for LocalTask {}

impl fmt::Debug for LocalTask {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LocalTask").field(&self.id).finish()
    }
}

/// What tells two wakers apart, as `Waker::will_wake` compares them: the
/// data pointer and the vtable. Only compared, never followed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WakerKey {
    data: *const (),
    vtable: *const RawWakerVTable,
}

impl WakerKey {
    pub(crate) fn of(waker: &Waker) -> Self {
        WakerKey {
            data: waker.data(),
            vtable: waker.vtable(),
        }
    }

    /// Whether `waker` is (a clone of) the waker this key was taken from.
    pub(crate) fn is(self, waker: &Waker) -> bool {
        std::ptr::eq(self.data, waker.data()) && std::ptr::eq(self.vtable, waker.vtable())
    }
}

/// The waker a poll runs with: the task's own, or the loop's spare one,
/// lent (with the `Arc` it was made from, to see afterwards whether the
/// poll kept a clone).
pub(crate) enum PollWaker {
    Own(Waker),
    Lent(Waker, Arc<TaskWaker>),
}

impl PollWaker {
    pub(crate) fn get(&self) -> &Waker {
        match self {
            PollWaker::Own(waker) | PollWaker::Lent(waker, _) => waker,
        }
    }
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // On the loop's own thread, while it runs: straight into the ready
        // queue, no lock.
        if context::schedule_local(&self.shared, self.id) {
            return;
        }
        // Anywhere else: through the mutex-protected remote queue, once
        // until the loop takes it in (it polls the task after that).
        if self.queued.swap(true, Ordering::AcqRel) {
            return;
        }
        match self.shared.remote().as_mut() {
            Some(queue) => queue.push(Arc::clone(self)),
            None => return, // the loop is gone: nothing to do, ever
        }
        self.shared.remote_pending.store(true, Ordering::Release);
        // Then interrupt the park so the loop picks it up.
        self.shared.unparker.unpark();
    }
}
// ANCHOR_END: waker
