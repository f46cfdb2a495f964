//! `Event`: a flag tasks can wait for (asyncio's `Event`).

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use crate::waiters::{WaiterId, WaiterList};

/// A flag, false at first: [`wait`](Event::wait) returns once it is set.
///
/// [`set`](Event::set) wakes every waiting task. A task woken by `set`
/// returns from `wait` even if the flag is cleared again before it runs, as
/// in asyncio (its future already has its result). A cheap-to-clone handle,
/// like the queues.
#[derive(Clone, Default)]
pub struct Event {
    inner: Rc<RefCell<EventState>>,
}

#[derive(Default)]
struct EventState {
    set: bool,
    waiters: WaiterList,
}

impl Event {
    /// A new event, not set.
    pub fn new() -> Self {
        Event::default()
    }

    /// Whether the flag is set.
    pub fn is_set(&self) -> bool {
        self.inner.borrow().set
    }

    /// Sets the flag and wakes every task waiting for it.
    pub fn set(&self) {
        let mut state = self.inner.borrow_mut();
        if !state.set {
            state.set = true;
            state.waiters.wake_all();
        }
    }

    /// Clears the flag: `wait` waits again.
    pub fn clear(&self) {
        self.inner.borrow_mut().set = false;
    }

    /// Waits until the flag is set (returns at once if it is).
    pub fn wait(&self) -> EventWait {
        EventWait {
            event: self.clone(),
            waiter: None,
        }
    }
}

impl fmt::Debug for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.inner.borrow();
        f.debug_struct("Event")
            .field("set", &state.set)
            .field("waiters", &state.waiters.len())
            .finish()
    }
}

/// The future of [`Event::wait`].
#[must_use = "futures do nothing unless awaited"]
pub struct EventWait {
    event: Event,
    waiter: Option<WaiterId>,
}

impl Future for EventWait {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        let mut state = this.event.inner.borrow_mut();
        match this.waiter {
            Some(id) if state.waiters.is_woken(id) == Some(true) => {
                state.waiters.remove(id);
                this.waiter = None;
                Poll::Ready(())
            }
            Some(id) => {
                state.waiters.update_waker(id, cx.waker());
                Poll::Pending
            }
            None if state.set => Poll::Ready(()),
            None => {
                this.waiter = Some(state.waiters.push(cx.waker()));
                Poll::Pending
            }
        }
    }
}

impl Drop for EventWait {
    /// Cancelled while waiting: leave the line. There is no wake-up to pass
    /// on, even if `set` had woken us: `set` wakes every waiter at once, so
    /// nobody else is waiting for ours.
    fn drop(&mut self) {
        if let Some(id) = self.waiter.take() {
            self.event.inner.borrow_mut().waiters.remove(id);
        }
    }
}

impl fmt::Debug for EventWait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventWait")
            .field("waiting", &self.waiter.is_some())
            .finish()
    }
}
