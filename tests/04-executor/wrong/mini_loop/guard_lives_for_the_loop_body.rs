// A wrong answer to exercise 4.4 (mini_loop), kept so `cargo lab verify`
// proves the suite catches it: `run` pops with
// `while let Some(id) = queue.lock().unwrap().pop_front()`, so the guard
// lives for the whole loop body and a task that wakes itself while polled
// waits forever for the lock.
//
// expect: the guard lives for the whole loop body

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Wake, Waker};
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
        // Push first, unpark second: if the loop looks at the queue between
        // the two, it finds the id; if it parks before the unpark, the
        // unpark wakes it; if the unpark comes before the park, the park's
        // token makes the park return at once. No order loses the wake.
        self.queue
            .ids
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push_back(self.id);
        self.queue.thread.unpark();
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
        let id = self.next_id;
        self.next_id += 1;
        self.tasks.insert(id, Box::pin(future));
        // Scheduled, not run: the task waits behind everything already
        // queued, and its first poll happens in `run`.
        self.queue
            .ids
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push_back(id);
        id
    }

    /// Runs every task to completion, in FIFO order of readiness.
    pub fn run(&mut self) {
        loop {
            while let Some(id) = self.queue.ids.lock().unwrap().pop_front() {
                let Some(task) = self.tasks.get_mut(&id) else {
                    continue;
                };
                let waker = Waker::from(Arc::new(TaskWaker {
                    id,
                    queue: self.queue.clone(),
                }));
                if task
                    .as_mut()
                    .poll(&mut Context::from_waker(&waker))
                    .is_ready()
                {
                    self.tasks.remove(&id);
                }
            }
            if self.tasks.is_empty() {
                return;
            }
            thread::park();
        }
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
