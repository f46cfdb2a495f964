//! What the loop keeps for each task, and the waker that reschedules it.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Wake, Waker};

use crate::context;
use crate::driver::Unpark;

/// A task's number in its loop. Never reused, so a stale waker (one kept by
/// a future after its task finished) finds no task and does nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaskId(pub(crate) u64);

/// The type-erased future the loop polls: the user's future, wrapped so it
/// delivers its output (or its panic) to the task's handle.
pub(crate) type BoxedTask = Pin<Box<dyn Future<Output = ()>>>;

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
    /// `cancel()` was called: drop the future instead of polling it.
    pub(crate) cancel_requested: bool,
    /// Made once per task, cloned into every `Context` it is polled with.
    pub(crate) waker: Waker,
}
// ANCHOR_END: entry

/// The live tasks of one loop.
#[derive(Default)]
pub(crate) struct TaskTable {
    entries: HashMap<TaskId, TaskEntry>,
    next_id: u64,
}

impl TaskTable {
    pub(crate) fn next_id(&mut self) -> TaskId {
        self.next_id += 1;
        TaskId(self.next_id)
    }
    pub(crate) fn insert(&mut self, id: TaskId, entry: TaskEntry) {
        self.entries.insert(id, entry);
    }
    pub(crate) fn get_mut(&mut self, id: TaskId) -> Option<&mut TaskEntry> {
        self.entries.get_mut(&id)
    }
    pub(crate) fn remove(&mut self, id: TaskId) -> Option<TaskEntry> {
        self.entries.remove(&id)
    }
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
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
    /// queue by the loop's own thread.
    pub(crate) remote: Mutex<Vec<TaskId>>,
    /// Interrupts the driver's park, so a remote wake is seen at once.
    pub(crate) unparker: Arc<dyn Unpark>,
}
// ANCHOR_END: shared

// ANCHOR: waker
/// The waker of one task: its id, and the way back to its loop.
pub(crate) struct TaskWaker {
    pub(crate) id: TaskId,
    pub(crate) shared: Arc<Shared>,
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
        // Anywhere else: through the mutex-protected remote queue, then
        // interrupt the park so the loop picks it up.
        self.shared
            .remote
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(self.id);
        self.shared.unparker.unpark();
    }
}
// ANCHOR_END: waker
