//! Many generators taking turns on one thread: the scheduler asyncio grew
//! out of.

use std::collections::VecDeque;
use std::fmt;

use crate::generator::{Generator, GeneratorState};
use crate::trace::Trace;

// ANCHOR: task
/// A generator the scheduler owns, and the name it reports it under.
///
/// The generator is boxed so that tasks of different types (each
/// hand-written machine is its own type) can wait in the same queue; all
/// the queue needs to know is that each one can be resumed.
struct Task<Y, R> {
    name: String,
    generator: Box<dyn Generator<Yield = Y, Return = R>>,
}
// ANCHOR_END: task

/// A round-robin scheduler of generators.
///
/// Spawned tasks wait in a FIFO queue. [`run`](RoundRobin::run) resumes the
/// task at the front; if it yields, it goes to the back of the queue; if it
/// returns, its result goes into the trace and the task is dropped. That is
/// the whole of cooperative multitasking: a task runs until it *chooses* to
/// pause, and pausing is what lets the others run. A task that never yields
/// keeps everyone else waiting, exactly as a blocking call does in asyncio.
pub struct RoundRobin<Y, R> {
    /// Tasks that are ready to run, in the order they will run.
    ready: VecDeque<Task<Y, R>>,
}

// ANCHOR: impl_round_robin
impl<Y, R> RoundRobin<Y, R> {
    // ANCHOR_END: impl_round_robin
    /// A scheduler with no tasks.
    pub fn new() -> Self {
        RoundRobin {
            ready: VecDeque::new(),
        }
    }

    // ANCHOR: spawn
    /// Adds `generator` to the back of the queue, under `name`.
    ///
    /// Nothing runs yet, as nothing runs when asyncio's `create_task`
    /// returns: the task gets its first turn once the scheduler runs and
    /// every task spawned before it has had one.
    pub fn spawn<G>(&mut self, name: impl Into<String>, generator: G)
    where
        G: Generator<Yield = Y, Return = R> + 'static,
    {
        self.ready.push_back(Task {
            name: name.into(),
            generator: Box::new(generator),
        });
    }
    // ANCHOR_END: spawn

    /// Resumes the tasks in turn until every one of them has returned, and
    /// returns the trace of who ran when.
    ///
    /// A task that never returns keeps this running forever. That is one
    /// difference from `asyncio.run`, which waits only for the coroutine it
    /// was given and cancels every task still pending when that returns:
    /// this scheduler waits for all of them, as `gather` does.
    // ANCHOR: run
    pub fn run(mut self) -> Trace<Y, R> {
        let mut trace = Trace::new();
        while let Some(mut task) = self.ready.pop_front() {
            let outcome = task.generator.resume(());
            let paused = matches!(outcome, GeneratorState::Yielded(_));
            trace.record(&task.name, outcome);
            if paused {
                self.ready.push_back(task);
            }
            // A finished task is not put back: it is dropped here, and its
            // frame with it, before the next task runs.
        }
        trace
    }
    // ANCHOR_END: run
}

impl<Y, R> Default for RoundRobin<Y, R> {
    fn default() -> Self {
        RoundRobin::new()
    }
}

/// Lists the waiting tasks by name, front of the queue first (the
/// generators themselves are trait objects and cannot be shown).
impl<Y, R> fmt::Debug for RoundRobin<Y, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RoundRobin")
            .field(
                "ready",
                &self.ready.iter().map(|task| &task.name).collect::<Vec<_>>(),
            )
            .finish()
    }
}
