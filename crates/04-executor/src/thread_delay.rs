//! A delay served by a helper thread: a stand-in for real timers until
//! chapter 6 builds them.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

// ANCHOR: thread_delay
/// A future that is ready `duration` after it is first polled.
///
/// The first poll starts a thread that sleeps, then wakes the task. That
/// shows the cross-thread wake path at work (the waker is fired on another
/// thread and must reach the loop through its remote queue), but it costs a
/// thread per delay: chapter 6 replaces it with a timer heap in the loop.
pub fn sleep_on_thread(duration: Duration) -> ThreadDelay {
    ThreadDelay {
        duration,
        state: None,
    }
}

/// The future of [`sleep_on_thread`].
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct ThreadDelay {
    duration: Duration,
    /// Shared with the helper thread once started.
    state: Option<Arc<Mutex<DelayState>>>,
}

#[derive(Debug)]
struct DelayState {
    elapsed: bool,
    waker: Waker,
}

impl Future for ThreadDelay {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if let Some(state) = &self.state {
            let mut state = state.lock().unwrap_or_else(|p| p.into_inner());
            if state.elapsed {
                return Poll::Ready(());
            }
            // Polled again early (a spurious wake): keep the newest waker.
            state.waker.clone_from(cx.waker());
            return Poll::Pending;
        }
        let state = Arc::new(Mutex::new(DelayState {
            elapsed: false,
            waker: cx.waker().clone(),
        }));
        let shared = state.clone();
        let duration = self.duration;
        thread::spawn(move || {
            thread::sleep(duration);
            let waker = {
                let mut state = shared.lock().unwrap_or_else(|p| p.into_inner());
                state.elapsed = true;
                state.waker.clone()
            };
            waker.wake();
        });
        self.state = Some(state);
        Poll::Pending
    }
}
// ANCHOR_END: thread_delay
