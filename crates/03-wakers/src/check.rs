//! A checking waker for tests: drive a future, and fail with a readable
//! message where a real executor would hang.
//!
//! A future that returns `Pending` promises that it has arranged for the
//! waker of that poll to be woken when polling again can make progress.
//! The usual way to break the promise is to forget the waker: return
//! `Pending` without cloning it or waking it. An executor then never polls
//! the future again, and the program (or the test) hangs without a word.
//!
//! The functions here drive a future with a [counting
//! waker](crate::raw_counting_waker) and, after every `Pending`, look at what
//! the future did with it:
//!
//! - it woke the waker (during the poll, or later from anywhere): poll again;
//! - it kept a clone: sleep until a wake arrives, up to a time limit;
//! - it kept nothing and woke nothing, or every copy it kept was dropped
//!   unwoken: nothing can ever poll it again, so fail now, and say why.
//!
//! Every loop is bounded, by a number of polls and by the wait limit, so a
//! test that uses them cannot hang.
//!
//! ```
//! use std::time::Duration;
//! use aio_wakers::{check, thread_sleep};
//!
//! // Stores its waker and is woken from a helper thread: passes.
//! check::drive(thread_sleep(Duration::from_millis(5)), 10);
//! ```
//!
//! ```should_panic
//! use std::future::Future;
//! use std::pin::Pin;
//! use std::task::{Context, Poll};
//!
//! /// Pending once, and then... nothing: it forgets the waker.
//! struct Forgetful(bool);
//!
//! impl Future for Forgetful {
//!     type Output = ();
//!     fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
//!         if self.0 { return Poll::Ready(()); }
//!         self.0 = true; // "someone will poll me again" -- nobody will
//!         Poll::Pending
//!     }
//! }
//!
//! // Panics: "the future returned Pending but kept no waker: ..."
//! aio_wakers::check::drive(Forgetful(false), 10);
//! ```

use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::{Pin, pin};
use std::task::{Context, Poll};
use std::thread;
use std::time::{Duration, Instant};

use crate::counter::{Counts, WakeCounter};
use crate::raw_waker::raw_counting_waker;

/// How long [`drive`] waits for a kept waker to be woken before it gives
/// up. Generous, because a slow CI machine (or
/// valgrind) can be a hundred times slower than a laptop.
pub const WAIT_LIMIT: Duration = Duration::from_secs(10);

// ANCHOR: stuck
/// Why a checked future could never finish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stuck {
    /// The future returned `Pending` having neither kept a clone of the
    /// waker nor woken it. The classic hang.
    NoWakerKept {
        /// Which poll (1 for the first) returned that `Pending`.
        poll: u64,
    },
    /// The future kept a clone of the waker, but every clone was dropped
    /// without being woken.
    WakersDroppedUnwoken {
        /// Which poll returned the `Pending` the clones belonged to.
        poll: u64,
    },
    /// The future kept a clone of the waker, and nobody woke it in time.
    NotWokenInTime {
        /// Which poll returned the `Pending` that was never answered.
        poll: u64,
        /// How long the checker waited.
        waited: Duration,
    },
    /// The future was woken again and again but never became `Ready`.
    TooManyPolls {
        /// The limit it reached.
        max_polls: u64,
    },
}
// ANCHOR_END: stuck

impl fmt::Display for Stuck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stuck::NoWakerKept { poll } => write!(
                f,
                "the future returned Pending but kept no waker: nothing will ever poll it \
                 again (poll {poll}: it neither cloned the waker of its Context nor woke it)"
            ),
            Stuck::WakersDroppedUnwoken { poll } => write!(
                f,
                "the future returned Pending and kept a waker, but every copy of it was \
                 dropped without a wake: nothing will ever poll it again (after poll {poll})"
            ),
            Stuck::NotWokenInTime { poll, waited } => write!(
                f,
                "the future returned Pending and kept its waker, but nobody woke it within \
                 {waited:?} (after poll {poll})"
            ),
            Stuck::TooManyPolls { max_polls } => write!(
                f,
                "the future was still Pending after {max_polls} polls: is it woken without \
                 ever making progress?"
            ),
        }
    }
}

impl Error for Stuck {}

/// Polls `future` once with a checking waker.
///
/// Returns what the poll returned. A `Pending` is accepted only if the
/// future kept a clone of the waker or woke it; otherwise this panics with
/// [`Stuck::NoWakerKept`]'s message. Use it to step a future by hand in a
/// test: pin it with [`std::pin::pin!`], call this, act, call it again.
///
/// # Panics
///
/// When the future returns `Pending` and kept no waker.
// ANCHOR: poll_once
#[track_caller]
pub fn poll_once<F: Future + ?Sized>(future: Pin<&mut F>) -> Poll<F::Output> {
    let counter = WakeCounter::watched_by(thread::current());
    let waker = raw_counting_waker(&counter);
    let poll = future.poll(&mut Context::from_waker(&waker));
    if poll.is_pending() {
        let after = counter.counts();
        if after.total_wakes() == 0 && !kept_a_clone(&after) {
            panic!("{}", Stuck::NoWakerKept { poll: 1 });
        }
    }
    poll
}
// ANCHOR_END: poll_once

/// Drives `future` to completion with a checking waker, and returns its
/// output; at most `max_polls` polls, and at most [`WAIT_LIMIT`] of waiting
/// for each wake.
///
/// # Panics
///
/// With the message of a [`Stuck`], whenever [`try_drive`] would return one:
/// the future kept no waker, dropped every waker unwoken, was not woken in
/// time, or needed more than `max_polls` polls.
#[track_caller]
pub fn drive<F: Future>(future: F, max_polls: u64) -> F::Output {
    match try_drive(future, max_polls, WAIT_LIMIT) {
        Ok(output) => output,
        Err(stuck) => panic!("{stuck}"),
    }
}

/// Drives `future` to completion with a checking waker, or says why it
/// never could.
///
/// Polls at most `max_polls` times. After each `Pending`, polls again at
/// once if the waker was woken; sleeps until a wake if the future kept a
/// clone, for at most `wait_limit`; and stops with an error if nothing
/// could ever wake it.
// ANCHOR: try_drive
pub fn try_drive<F: Future>(
    future: F,
    max_polls: u64,
    wait_limit: Duration,
) -> Result<F::Output, Stuck> {
    let mut future = pin!(future);
    // The counter unparks this thread on every wake and every drop, so the
    // wait below sleeps instead of spinning.
    let counter = WakeCounter::watched_by(thread::current());
    let waker = raw_counting_waker(&counter);
    let mut cx = Context::from_waker(&waker);

    for poll in 1..=max_polls {
        // Wakes counted from here on answer this poll's `Pending`; a wake
        // that lands during the poll itself counts too.
        let wakes_before = counter.counts().total_wakes();
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return Ok(output);
        }
        wait_for_wake(&counter, wakes_before, poll, wait_limit)?;
    }
    Err(Stuck::TooManyPolls { max_polls })
}
// ANCHOR_END: try_drive

// ANCHOR: wait
/// Returns once the waker was woken after `wakes_before`, or the reason it
/// never will be.
fn wait_for_wake(
    counter: &WakeCounter,
    wakes_before: u64,
    poll: u64,
    wait_limit: Duration,
) -> Result<(), Stuck> {
    let deadline = Instant::now() + wait_limit;
    let mut first_look = true;
    loop {
        let counts = counter.counts();
        if counts.total_wakes() > wakes_before {
            return Ok(());
        }
        if !kept_a_clone(&counts) {
            // A clone may have been woken and then dropped between our reads
            // of the two counters: look at the wakes once more before
            // blaming the future.
            if counter.counts().total_wakes() > wakes_before {
                return Ok(());
            }
            return Err(if first_look {
                Stuck::NoWakerKept { poll }
            } else {
                Stuck::WakersDroppedUnwoken { poll }
            });
        }
        first_look = false;
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Stuck::NotWokenInTime {
                poll,
                waited: wait_limit,
            });
        }
        // Unparked by every wake and drop of our wakers (and perhaps by
        // something else: the loop re-reads the counters either way).
        thread::park_timeout(left);
    }
}

/// Whether a clone of the checker's own waker is still alive somewhere.
/// (The checker's own waker is the one `created`; it stays alive while the
/// checker runs, so any live waker beyond it is a clone the future kept.)
fn kept_a_clone(counts: &Counts) -> bool {
    counts.alive() > counts.created
}
// ANCHOR_END: wait
