//! The helper threads behind `to_thread`: a small pool, as asyncio's
//! default executor is a `ThreadPoolExecutor`.
//!
//! Threads are started on demand, up to [`MAX_THREADS`]; a job that finds
//! them all busy waits its turn in the queue (as in asyncio, where a
//! `to_thread` call past the pool's size waits for a free worker). A thread
//! that has had nothing to do for [`IDLE_EXIT`] ends, so an idle program
//! keeps no helpers.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock};
use std::thread;
use std::time::Duration;

/// A job for a helper thread. It must not panic: `to_thread` catches the
/// user's panic inside the job.
pub(crate) type Job = Box<dyn FnOnce() + Send>;

/// How long an idle helper thread waits for work before it ends.
pub const IDLE_EXIT: Duration = Duration::from_secs(10);

/// The most helper threads at once: asyncio's default,
/// `min(32, os.cpu_count() + 4)`, computed from the cores this process may
/// use.
pub fn max_threads() -> usize {
    let cores = thread::available_parallelism().map_or(1, usize::from);
    (cores + 4).min(32)
}

/// The pool's bookkeeping, under one lock.
#[derive(Default)]
struct State {
    /// Jobs no thread has taken yet, oldest first.
    queue: VecDeque<Job>,
    /// Threads alive.
    threads: usize,
    /// Threads waiting for a job (part of `threads`).
    idle: usize,
}

struct Pool {
    state: Mutex<State>,
    /// Signalled when a job is queued.
    work: Condvar,
}

fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| Pool {
        state: Mutex::new(State::default()),
        work: Condvar::new(),
    })
}

impl Pool {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A job never runs under the lock, so no panic can poison it; take
        // the state back all the same rather than lose every later job.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

// ANCHOR: execute
/// Runs `job` on a helper thread: an idle one if there is one, a new one
/// if the pool is not full, otherwise the first to come free.
pub(crate) fn execute(job: Job) {
    let pool = pool();
    let mut state = pool.lock();
    state.queue.push_back(job);
    // Every idle thread will take one queued job; start a thread for the
    // rest, while there is room.
    let start = state.queue.len() > state.idle && state.threads < max_threads();
    if start {
        state.threads += 1;
    }
    drop(state);
    pool.work.notify_one();
    if start {
        let spawned = thread::Builder::new()
            .name("aio-to-thread".into())
            .spawn(|| worker(pool));
        if spawned.is_err() {
            let mut state = pool.lock();
            state.threads -= 1;
            if state.threads == 0 {
                // No thread at all, and the OS refuses one: run what is
                // queued here rather than leave it waiting for ever. It
                // blocks the loop, which is better than never finishing.
                let jobs: Vec<Job> = state.queue.drain(..).collect();
                drop(state);
                jobs.into_iter().for_each(|job| job());
            }
            // Otherwise the threads there are take the job in turn.
        }
    }
}
// ANCHOR_END: execute

/// A helper thread: takes jobs until it has been idle for `IDLE_EXIT`.
fn worker(pool: &'static Pool) {
    let mut state = pool.lock();
    loop {
        if let Some(job) = state.queue.pop_front() {
            drop(state);
            job();
            state = pool.lock();
            continue;
        }
        state.idle += 1;
        let (next, waited) = pool
            .work
            .wait_timeout(state, IDLE_EXIT)
            .unwrap_or_else(|p| p.into_inner());
        state = next;
        state.idle -= 1;
        if waited.timed_out() && state.queue.is_empty() {
            state.threads -= 1;
            return;
        }
    }
}

/// How many helper threads are alive now (for tests).
#[doc(hidden)]
pub fn live_threads() -> usize {
    pool().lock().threads
}
