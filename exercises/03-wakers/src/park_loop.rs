//! Exercise 3.3: the park loop, with a time limit.
//!
//! Write `block_on_timeout`: poll the future; while it is `Pending`, sleep
//! until its waker is woken, then poll again; give up and return `None` once
//! `limit` has passed without the future finishing. It must never poll
//! without a wake (a spurious unpark is not a wake), never lose a wake that
//! arrives before it parks, and never sleep past the limit.
//!
//! Book: the section "Sleeping until woken",
//! `ch03-wakers.md#sleeping-until-woken`.
//!
//! Stuck? `cargo lab hint 3.3` shows one hint at a time.
//!
//! Check: `cargo lab check 3`, or `cargo test -p ex03-wakers --test
//! park_loop`.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::{Duration, Instant};

/// What the waker of [`block_on_timeout`] points at.
#[derive(Debug)]
struct Signal {
    /// A wake arrived that the loop has not yet answered with a poll.
    notified: AtomicBool,
    /// The thread blocked in `block_on_timeout`.
    thread: Thread,
}

impl Wake for Signal {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // TODO: record the wake in `notified`, then unpark `thread`.
        todo!()
    }
}

/// Runs `future` on this thread until it is ready or `limit` has passed.
///
/// Returns the output and the number of polls, or `None` if the future was
/// still pending when the time ran out.
pub fn block_on_timeout<F: Future>(future: F, limit: Duration) -> Option<(F::Output, u64)> {
    let deadline = Instant::now() + limit;
    let mut future = pin!(future);
    let signal = Arc::new(Signal {
        notified: AtomicBool::new(false),
        thread: thread::current(),
    });
    let waker = Waker::from(Arc::clone(&signal));
    let mut cx = Context::from_waker(&waker);

    // TODO: poll until `Ready`, counting the polls. After each `Pending`,
    // sleep until `signal.notified` says a wake came (clearing it), or
    // return `None` once `deadline` has passed.
    todo!()
}
