//! Solution to exercise 1.4: round_robin, the scheduler's loop.
//!
//! Write [`gather`]: run the tasks round-robin until every one has
//! returned, and give back their return values **in the order the tasks
//! were given**, whatever order they finished in. (That is what asyncio's
//! `gather` promises too.)
//!
//! Round-robin means: a FIFO queue of tasks; take the one at the front and
//! resume it once; if it yielded, it goes to the back of the queue; if it
//! returned, keep its result and drop the task at once, so that its frame
//! is freed before anyone else runs. What tasks yield is ignored here.
//!
//! Book: `ch01-generators.md#a-scheduler-asyncios-ancestor`.
//!
//! Stuck? `cargo lab hint 1.4` shows one hint at a time.
//!
//! Check: `cargo lab check 1`, or `cargo test -p ex01-generators --test round_robin`.

use std::collections::VecDeque;

use aio_generators::{Generator, GeneratorState};

/// Runs `tasks` round-robin until all have returned; their results, in the
/// order of `tasks`.
pub fn gather<Y, R>(tasks: Vec<Box<dyn Generator<Yield = Y, Return = R>>>) -> Vec<R> {
    // Each task waits with its position in `tasks`, which says where its
    // result goes; the queue order alone says nothing once tasks finish at
    // different times.
    let mut ready: VecDeque<_> = tasks.into_iter().enumerate().collect();
    let mut results: Vec<Option<R>> = ready.iter().map(|_| None).collect();

    while let Some((index, mut task)) = ready.pop_front() {
        match task.resume(()) {
            // It paused: everyone else gets a turn before it runs again.
            GeneratorState::Yielded(_) => ready.push_back((index, task)),
            // It returned: keep the result. `task` is not put back, so it
            // is dropped at the end of this iteration, before the next
            // task runs.
            GeneratorState::Complete(result) => results[index] = Some(result),
        }
    }

    // The queue is empty only once every task has returned, so every slot
    // is filled.
    results
        .into_iter()
        .map(|result| result.expect("every task returned before the queue emptied"))
        .collect()
}
