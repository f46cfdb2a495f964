//! What the loop keeps for each task, and the waker that reschedules it.

use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Wake, Waker};

use pin_project_lite::pin_project;

use crate::context;
use crate::driver::Unpark;
use crate::join::{JoinError, JoinSlot, TaskName, TaskStatus};
use crate::trace::Outcome;

/// A task's place in its loop's task table, and the generation of that
/// place: the low 32 bits index the table, the high 32 count how many tasks
/// have used the place before. A place is reused once its task is gone, but
/// with the next generation, so a stale waker (one kept by a future after
/// its task finished) finds a different generation there and does nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaskId(pub(crate) u64);

impl TaskId {
    fn new(index: u32, generation: u32) -> Self {
        TaskId(u64::from(generation) << 32 | u64::from(index))
    }
    fn index(self) -> usize {
        (self.0 & u64::from(u32::MAX)) as usize
    }
    fn generation(self) -> u32 {
        (self.0 >> 32) as u32
    }
}

/// The type-erased task the loop polls: the user's future, wrapped so it
/// delivers its output (or its panic) to the task's handle.
pub(crate) type BoxedTask = Pin<Box<dyn TaskFuture>>;

// ANCHOR: task_future
/// What the loop can do with a task, whatever its output type.
pub(crate) trait TaskFuture {
    /// Polls the task once. When it finishes, its future is dropped and its
    /// slot completed; `record` hears how it ended just before the slot
    /// wakes whoever awaits it (so a trace shows the end before the wake).
    fn poll_task(self: Pin<&mut Self>, cx: &mut Context<'_>, record: &dyn Fn(Outcome)) -> Poll<()>;

    /// Drops the task's future without finishing it, and completes its
    /// slot: cancelled, or panicked if a destructor panicked on the way.
    fn cancel(self: Pin<&mut Self>) -> Outcome;

    /// Whether `cancel()` was called on the task's handle.
    fn cancel_requested(&self) -> bool;

    /// The task's name, for traces and error reports.
    fn name(&self) -> &TaskName;
}

pin_project! {
    /// The user's future and the slot its outcome goes to.
    pub(crate) struct TaskCell<F: Future> {
        // `None` once the task has ended: dropped in place, inside a catch.
        #[pin]
        future: Option<F>,
        slot: Rc<JoinSlot<F::Output>>,
    }

    impl<F: Future> PinnedDrop for TaskCell<F> {
        // Dropped without `cancel` (only if a loop's task table is dropped
        // whole): the awaiting side must still hear that the task is gone.
        fn drop(this: Pin<&mut Self>) {
            let mut this = this.project();
            if this.future.is_some() {
                this.future.set(None);
                this.slot.complete(Err(JoinError::Cancelled));
            }
        }
    }
}

impl<F: Future> TaskCell<F> {
    pub(crate) fn new(future: F, slot: Rc<JoinSlot<F::Output>>) -> Self {
        TaskCell {
            future: Some(future),
            slot,
        }
    }
}

/// Runs `f`, turning a panic into a `JoinError`.
fn catching<R>(f: impl FnOnce() -> R) -> Result<R, JoinError> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(JoinError::Panicked)
}

impl<F: Future> TaskFuture for TaskCell<F> {
    fn poll_task(self: Pin<&mut Self>, cx: &mut Context<'_>, record: &dyn Fn(Outcome)) -> Poll<()> {
        let mut this = self.project();
        let Some(future) = this.future.as_mut().as_pin_mut() else {
            return Poll::Ready(()); // ended already
        };
        let mut result = match catching(|| future.poll(cx)) {
            Ok(Poll::Pending) => return Poll::Pending,
            Ok(Poll::Ready(value)) => Ok(value),
            Err(panicked) => Err(panicked),
        };
        // The future is finished: drop it now, inside a catch too, so that a
        // destructor that panics becomes the task's outcome, not the loop's
        // end. (The first panic wins; a second is dropped with the first's
        // future.)
        if let Err(panicked) = catching(|| this.future.set(None)) {
            if result.is_ok() {
                result = Err(panicked);
            }
        }
        // Cancelled during its last step, it returned before any suspension
        // could drop it: asyncio still ends such a task cancelled.
        if result.is_ok() && this.slot.is_cancel_requested() {
            result = Err(JoinError::Cancelled);
        }
        record(match &result {
            Ok(_) => Outcome::Returned,
            Err(JoinError::Panicked(_)) => Outcome::Panicked,
            Err(JoinError::Cancelled) => Outcome::Cancelled,
        });
        this.slot.complete(result);
        Poll::Ready(())
    }

    fn cancel(self: Pin<&mut Self>) -> Outcome {
        let mut this = self.project();
        let (result, outcome) = match catching(|| this.future.set(None)) {
            Ok(()) => (Err(JoinError::Cancelled), Outcome::Cancelled),
            Err(panicked) => (Err(panicked), Outcome::Panicked),
        };
        this.slot.complete(result);
        outcome
    }

    fn cancel_requested(&self) -> bool {
        self.slot.is_cancel_requested()
    }

    fn name(&self) -> &TaskName {
        &self.slot.name
    }
}
// ANCHOR_END: task_future

// ANCHOR: entry
/// One live task, as the loop sees it.
pub(crate) struct TaskEntry {
    /// `None` only while the loop is polling it (the future is taken out so
    /// that it can spawn tasks, which needs the table).
    pub(crate) future: Option<BoxedTask>,
    /// Already in the ready queue: a second wake before the poll must not
    /// queue it twice.
    pub(crate) scheduled: bool,
    /// The task's own waker, once a poll left a clone of it somewhere (a
    /// timer, a socket, another task's handle); until then the loop lends
    /// each poll a spare one. Taken out with the future while it is polled.
    pub(crate) waker: Option<Waker>,
    /// The task's slot, seen whatever its output type: what
    /// `current_task()` and `all_tasks()` hand out as a `TaskRef`.
    pub(crate) status: Rc<dyn TaskStatus>,
}
// ANCHOR_END: entry

/// The live tasks of one loop: a slab, a vector whose free places are
/// reused, indexed by the low half of a [`TaskId`]. Finding a task is an
/// index and a generation check, not a hash.
#[derive(Default)]
pub(crate) struct TaskTable {
    slots: Vec<Slot>,
    /// The places whose task is gone, reused last-freed first.
    free: Vec<u32>,
    len: usize,
}

#[derive(Default)]
struct Slot {
    /// Bumped each time the place is freed (wrapping after 2^32 tasks have
    /// used this one place: a waker stale for that long could be fooled).
    generation: u32,
    entry: Option<TaskEntry>,
}

impl TaskTable {
    /// The id the next [`insert`](TaskTable::insert) will use.
    pub(crate) fn next_id(&self) -> TaskId {
        match self.free.last() {
            Some(&index) => TaskId::new(index, self.slots[index as usize].generation),
            None => {
                let index = u32::try_from(self.slots.len()).expect("more than 2^32 live tasks");
                TaskId::new(index, 0)
            }
        }
    }
    /// Inserts the entry of the task `id`, which [`next_id`](TaskTable::next_id)
    /// just gave.
    pub(crate) fn insert(&mut self, id: TaskId, entry: TaskEntry) {
        debug_assert_eq!(id, self.next_id());
        if self.free.pop().is_none() {
            self.slots.push(Slot::default());
        }
        self.slots[id.index()].entry = Some(entry);
        self.len += 1;
    }
    pub(crate) fn get_mut(&mut self, id: TaskId) -> Option<&mut TaskEntry> {
        let slot = self.slots.get_mut(id.index())?;
        if slot.generation != id.generation() {
            return None; // a stale id: its task is gone, the place reused
        }
        slot.entry.as_mut()
    }
    pub(crate) fn get(&self, id: TaskId) -> Option<&TaskEntry> {
        let slot = self.slots.get(id.index())?;
        if slot.generation != id.generation() {
            return None;
        }
        slot.entry.as_ref()
    }
    /// Every entry, oldest first.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (TaskId, &TaskEntry)> {
        let mut all: Vec<_> = self
            .slots
            .iter()
            .enumerate()
            .filter_map(|(index, slot)| {
                let entry = slot.entry.as_ref()?;
                Some((TaskId::new(index as u32, slot.generation), entry))
            })
            .collect();
        all.sort_by_key(|(_, entry)| entry.status.name().number());
        all.into_iter()
    }
    pub(crate) fn remove(&mut self, id: TaskId) -> Option<TaskEntry> {
        let slot = self.slots.get_mut(id.index())?;
        if slot.generation != id.generation() {
            return None;
        }
        let entry = slot.entry.take()?;
        slot.generation = slot.generation.wrapping_add(1);
        self.free.push(id.index() as u32);
        self.len -= 1;
        Some(entry)
    }
    pub(crate) fn len(&self) -> usize {
        self.len
    }
    /// How many tasks the table has room for.
    pub(crate) fn capacity(&self) -> usize {
        self.slots.capacity()
    }
    /// Gives back the room above the last live task, down to
    /// `min_capacity`. (A live task high up keeps the room below it: a slab
    /// cannot move its tasks, their ids say where they are.)
    pub(crate) fn shrink_to(&mut self, min_capacity: usize) {
        let last_live = self.slots.iter().rposition(|slot| slot.entry.is_some());
        let keep = last_live.map_or(0, |index| index + 1);
        if keep < self.slots.len() {
            self.slots.truncate(keep);
            self.free.retain(|&index| (index as usize) < keep);
        }
        self.slots.shrink_to(min_capacity);
        self.free.shrink_to(min_capacity);
    }
    /// Takes every task out, oldest first (so shutdown is deterministic).
    pub(crate) fn drain(&mut self) -> Vec<(TaskId, TaskEntry)> {
        let mut all: Vec<_> = (0..self.slots.len())
            .filter_map(|index| {
                let id = TaskId::new(index as u32, self.slots[index].generation);
                self.remove(id).map(|entry| (id, entry))
            })
            .collect();
        all.sort_by_key(|(_, entry)| entry.future.as_ref().map(|task| task.name().number()));
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
