//! What the loop keeps for each task, and the waker that reschedules it.

use std::collections::HashMap;
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
use crate::join::{JoinError, JoinSlot, TaskStatus};
use crate::trace::Outcome;

/// A task's number in its loop. Never reused, so a stale waker (one kept by
/// a future after its task finished) finds no task and does nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaskId(pub(crate) u64);

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
}
// ANCHOR_END: task_future

// ANCHOR: entry
/// One live task, as the loop sees it.
pub(crate) struct TaskEntry {
    /// `None` only while the loop is polling it (the future is taken out so
    /// that it can spawn tasks, which needs the table).
    pub(crate) future: Option<BoxedTask>,
    /// The task's name, for traces and error reports.
    pub(crate) name: Rc<str>,
    /// Already in the ready queue: a second wake before the poll must not
    /// queue it twice.
    pub(crate) scheduled: bool,
    /// Made once per task, cloned into every `Context` it is polled with.
    pub(crate) waker: Waker,
    /// The task's slot, seen whatever its output type: what
    /// `current_task()` and `all_tasks()` hand out as a `TaskRef`.
    pub(crate) status: Rc<dyn TaskStatus>,
}
// ANCHOR_END: entry

/// The live tasks of one loop.
#[derive(Default)]
pub(crate) struct TaskTable {
    entries: HashMap<TaskId, TaskEntry>,
    next_id: u64,
    /// How many entries the table's memory has room for: the most
    /// `entries.capacity()` said since the last shrink. (`capacity()` goes
    /// down as entries are removed, but the memory stays until a shrink.)
    room: usize,
}

impl TaskTable {
    pub(crate) fn next_id(&mut self) -> TaskId {
        self.next_id += 1;
        TaskId(self.next_id)
    }
    pub(crate) fn insert(&mut self, id: TaskId, entry: TaskEntry) {
        self.entries.insert(id, entry);
        self.room = self.room.max(self.entries.capacity());
    }
    pub(crate) fn get_mut(&mut self, id: TaskId) -> Option<&mut TaskEntry> {
        self.entries.get_mut(&id)
    }
    pub(crate) fn get(&self, id: TaskId) -> Option<&TaskEntry> {
        self.entries.get(&id)
    }
    /// Every entry, oldest first.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (TaskId, &TaskEntry)> {
        let mut all: Vec<_> = self.entries.iter().map(|(id, e)| (*id, e)).collect();
        all.sort_by_key(|(id, _)| *id);
        all.into_iter()
    }
    pub(crate) fn remove(&mut self, id: TaskId) -> Option<TaskEntry> {
        self.entries.remove(&id)
    }
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
    pub(crate) fn capacity(&self) -> usize {
        self.room
    }
    pub(crate) fn shrink_to(&mut self, min_capacity: usize) {
        self.entries.shrink_to(min_capacity);
        self.room = self.entries.capacity();
    }
    pub(crate) fn drain(&mut self) -> Vec<(TaskId, TaskEntry)> {
        let mut all: Vec<_> = self.entries.drain().collect();
        // Oldest first, so shutdown is deterministic.
        all.sort_by_key(|(id, _)| *id);
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

    /// Takes the tasks other threads woke, clearing each one's `queued`
    /// flag: a wake from now on queues it again.
    pub(crate) fn take_remote(&self) -> Vec<TaskId> {
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
        // Then interrupt the park so the loop picks it up.
        self.shared.unparker.unpark();
    }
}
// ANCHOR_END: waker
