//! The smallest event loop that runs `count`: a table of tasks, a FIFO of
//! ready ids, a `Wake` waker, and a thread that sleeps when nothing is
//! ready. The chapter grows it into the real `EventLoop`.
//!
//! Three `count_to_two()` tasks run on it: every "One" comes before any
//! "Two", and the three waits overlap. Each task is polled twice, once to
//! start and once after its wake.
//!
//! Run: cargo lab demo 4 tiny_loop

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::io::{self, Write};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::task::{Context, Wake, Waker};
use std::time::Instant;

use aio_executor::thread_sleep;

// The tiny loop keeps no trace: of the demos' support it needs only the unit.
#[allow(dead_code)]
mod support;
use support::{UNIT, units};

// ANCHOR: tiny_loop
type Task = Pin<Box<dyn Future<Output = ()>>>;

/// A task's waker: sends its id back to the loop.
struct TaskWaker {
    id: usize,
    ready: Sender<usize>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        // If the loop is gone, nobody is left to poll: ignore the error.
        let _ = self.ready.send(self.id);
    }
}

struct TinyLoop {
    tasks: HashMap<usize, Task>,
    next_id: usize,
    /// The sending end, cloned into every waker.
    ready: Sender<usize>,
    /// The receiving end: the FIFO of ids to poll.
    queue: Receiver<usize>,
    polls: usize,
}

impl TinyLoop {
    fn new() -> Self {
        let (ready, queue) = channel();
        let (tasks, next_id, polls) = (HashMap::new(), 0, 0);
        TinyLoop {
            tasks,
            next_id,
            ready,
            queue,
            polls,
        }
    }

    /// Schedules `future`: it runs when the loop reaches its id.
    fn spawn(&mut self, future: impl Future<Output = ()> + 'static) {
        let id = self.next_id;
        self.next_id += 1;
        self.tasks.insert(id, Box::pin(future));
        self.ready.send(id).unwrap();
    }

    /// Runs until every task has finished.
    fn run(&mut self) {
        while !self.tasks.is_empty() {
            // `recv` puts the thread to sleep until some waker sends an id.
            let id = self.queue.recv().unwrap();
            // A late wake, for a task that has finished: nothing to do.
            let Some(task) = self.tasks.get_mut(&id) else {
                continue;
            };
            let ready = self.ready.clone();
            let waker = Waker::from(Arc::new(TaskWaker { id, ready }));
            self.polls += 1;
            if task
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_ready()
            {
                self.tasks.remove(&id);
            }
        }
    }
}
// ANCHOR_END: tiny_loop

thread_local! {
    /// What the tasks say, in the order they say it.
    static SAID: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// Writes a line, as `count`'s `note` does on the real loop.
fn say(line: &'static str) {
    SAID.with(|said| said.borrow_mut().push(line));
}

// ANCHOR: count
async fn count_to_two() {
    say("One");
    thread_sleep(UNIT).await;
    say("Two");
}

fn count() -> usize {
    let mut tiny = TinyLoop::new();
    for _ in 0..3 {
        tiny.spawn(count_to_two());
    }
    tiny.run();
    tiny.polls
}
// ANCHOR_END: count

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    SAID.with(|said| said.borrow_mut().clear());
    let start = Instant::now();
    let polls = count();
    let elapsed = units(start.elapsed());
    for line in SAID.with(|said| said.take()) {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "three tasks, {polls} polls, finished after {elapsed}")
}

fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}
