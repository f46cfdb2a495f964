//! A future that is completed, and woken, by another thread.
//!
//! It is the smallest future that needs a real waker: its result does not
//! come from polling it harder, but from a helper thread that finishes a
//! `std::thread::sleep` and then wakes whoever is waiting. (Stage 6 replaces
//! the helper thread with a timer heap inside the loop.)

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

/// Returns a future that completes `duration` after its first poll.
///
/// The first poll starts a helper thread, which sleeps for `duration`,
/// marks the future done, and wakes the waker of the latest poll.
pub fn thread_sleep(duration: Duration) -> ThreadSleep {
    ThreadSleep {
        duration,
        started: false,
        shared: Arc::new(Mutex::new(Shared::default())),
    }
}

// ANCHOR: state
/// The future of [`thread_sleep`].
#[derive(Debug)]
#[must_use = "futures do nothing unless they are polled"]
pub struct ThreadSleep {
    /// How long the helper thread sleeps.
    duration: Duration,
    /// Whether the helper thread has been started (by the first poll).
    started: bool,
    /// What the future and the helper thread share.
    shared: Arc<Mutex<Shared>>,
}

#[derive(Debug, Default)]
struct Shared {
    /// Set by the helper thread when the time is up; never unset.
    done: bool,
    /// The waker of the latest poll, for the helper thread to wake. Only
    /// the latest counts: a future may be polled with a different waker
    /// each time, and must wake the one it was given last.
    waker: Option<Waker>,
}
// ANCHOR_END: state

// ANCHOR: poll
impl Future for ThreadSleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        {
            let mut shared = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
            if shared.done {
                return Poll::Ready(());
            }
            // Store the waker *before* returning Pending, under the same
            // lock the helper thread takes to set `done`: then either it set
            // `done` before we looked (and we returned Ready above), or it
            // will find this waker. Forgetting this step is the classic hang.
            match &shared.waker {
                // Polled again by the same task: the stored one will do, and
                // `will_wake` lets us skip a clone.
                Some(stored) if stored.will_wake(cx.waker()) => {}
                _ => shared.waker = Some(cx.waker().clone()),
            }
        }
        if !self.started {
            self.started = true;
            let shared = Arc::clone(&self.shared);
            let duration = self.duration;
            thread::spawn(move || {
                thread::sleep(duration);
                let waker = {
                    let mut shared = shared.lock().unwrap_or_else(PoisonError::into_inner);
                    shared.done = true;
                    shared.waker.take()
                };
                // Wake after the lock is released: the woken task may be
                // polled at once, on another thread, and its poll takes
                // this lock.
                if let Some(waker) = waker {
                    waker.wake();
                }
            });
        }
        Poll::Pending
    }
}
// ANCHOR_END: poll
