//! Exercise 4.4: mini_loop, an executor of your own.
//!
//! Build the core of this chapter's event loop, without names, traces,
//! handles or drivers: a table of tasks, a FIFO queue of the ids of the
//! tasks that are ready, and wakers that put their task's id back in the
//! queue.
//!
//! - [`MiniLoop::spawn`] must **schedule** the task, not run it: store the
//!   future, put its id at the back of the queue, return the id. (A spawn
//!   that polled at once would let a new task run before its creator
//!   yields: exactly what asyncio's `create_task` does not do.)
//! - [`MiniLoop::run`] takes ids from the front of the queue and polls each
//!   task once, with a waker for that task. A task that returns `Ready` is
//!   removed. When the queue is empty but tasks remain, every one of them
//!   is waiting for a wake: park the thread until a waker unparks it. When
//!   no task is left, return.
//! - [`TaskWaker`]'s `wake` puts its id at the back of the queue and
//!   unparks the loop's thread. Wakers may be used from any thread, at any
//!   time, even after their task finished.
//!
//! Book: `ch04-executor.md#the-smallest-loop-that-runs-count`.
//!
//! Stuck? `cargo lab hint 4.4` shows one hint at a time.
//!
//! Check: `cargo lab check 4`, or `cargo test -p ex04-executor --test mini_loop`.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::Wake;
use std::thread::{self, Thread};

/// A spawned task: its future, boxed so tasks of different types fit in
/// one table, and pinned because `poll` needs it pinned.
type Task = Pin<Box<dyn Future<Output = ()>>>;

/// The ready queue, shared by the loop and every waker.
struct ReadyQueue {
    /// Ids of the tasks to poll, in the order they became ready.
    ids: Mutex<VecDeque<usize>>,
    /// The loop's thread, to unpark when an id is pushed.
    thread: Thread,
}

/// The waker of one task.
struct TaskWaker {
    id: usize,
    queue: Arc<ReadyQueue>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        // TODO: push `self.id` at the back of the queue, then unpark the
        // loop's thread.
        todo!()
    }
}

/// A single-threaded executor: spawn tasks, then `run` them all to the end.
pub struct MiniLoop {
    /// The tasks that have not finished, by id.
    tasks: HashMap<usize, Task>,
    /// The id the next spawned task gets.
    next_id: usize,
    queue: Arc<ReadyQueue>,
}

impl MiniLoop {
    /// An empty loop, run by the current thread.
    pub fn new() -> Self {
        MiniLoop {
            tasks: HashMap::new(),
            next_id: 0,
            queue: Arc::new(ReadyQueue {
                ids: Mutex::new(VecDeque::new()),
                thread: thread::current(),
            }),
        }
    }

    /// Schedules `future` as a task, without polling it; returns its id.
    pub fn spawn(&mut self, future: impl Future<Output = ()> + 'static) -> usize {
        // TODO: store the boxed future under a new id, queue the id.
        todo!()
    }

    /// Runs every task to completion, in FIFO order of readiness.
    pub fn run(&mut self) {
        // TODO: pop an id and poll its task; park when the queue is empty
        // and tasks remain; return when none remain.
        todo!()
    }
}

impl Default for MiniLoop {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for MiniLoop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MiniLoop")
            .field("tasks", &self.tasks.len())
            .finish_non_exhaustive()
    }
}
