//! Exercise 1.4: round_robin, the scheduler's loop.
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

use aio_generators::Generator;

/// Runs `tasks` round-robin until all have returned; their results, in the
/// order of `tasks`.
pub fn gather<Y, R>(tasks: Vec<Box<dyn Generator<Yield = Y, Return = R>>>) -> Vec<R> {
    // TODO: the loop described above.
    todo!()
}
