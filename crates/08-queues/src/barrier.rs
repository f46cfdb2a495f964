//! `Barrier`: tasks wait until a fixed number of them have arrived
//! (asyncio 3.11's `Barrier`).

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use crate::errors::BrokenBarrierError;
use crate::waiters::{WaiterId, WaiterList};

/// A meeting point for `parties` tasks: each [`wait`](Barrier::wait)s, and
/// when the last one arrives they all go on, each with its arrival index
/// (`0` to `parties - 1`). Then the barrier fills again for the next round.
///
/// [`abort`](Barrier::abort) breaks it: every waiter, and every later
/// `wait`, fails with [`BrokenBarrierError`] until [`reset`](Barrier::reset).
/// `reset` also fails the current waiters, and makes the barrier usable
/// again once they have left.
///
/// asyncio's `abort` and `reset` are coroutines (they take the barrier's
/// internal lock); ours need no lock, so they are plain methods.
#[derive(Clone)]
pub struct Barrier {
    inner: Rc<RefCell<BarrierState>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Collecting arrivals.
    Filling,
    /// Tripped: the parties are leaving; newcomers wait until all have.
    Draining,
    /// Reset while tasks waited: they are leaving with an error.
    Resetting,
    /// Aborted.
    Broken,
}

struct BarrierState {
    parties: usize,
    phase: Phase,
    /// Tasks inside the barrier: arrived and not yet left.
    count: usize,
    /// Every waiting task, arrived or held at the door; all are woken on
    /// every change of phase and each checks what it means for it.
    waiters: WaiterList,
}

impl BarrierState {
    /// One task leaves the barrier; the last one out ends a drain or reset.
    fn leave(&mut self) {
        self.count -= 1;
        if self.count == 0 {
            if matches!(self.phase, Phase::Draining | Phase::Resetting) {
                self.phase = Phase::Filling;
            }
            self.waiters.wake_all();
        }
    }
}

impl Barrier {
    /// A barrier for `parties` tasks.
    ///
    /// # Panics
    ///
    /// If `parties` is 0 (asyncio: `ValueError('parties must be > 0')`).
    pub fn new(parties: usize) -> Self {
        assert!(parties > 0, "parties must be > 0");
        Barrier {
            inner: Rc::new(RefCell::new(BarrierState {
                parties,
                phase: Phase::Filling,
                count: 0,
                waiters: WaiterList::default(),
            })),
        }
    }

    /// Waits until `parties` tasks are waiting, and returns this task's
    /// arrival index.
    pub fn wait(&self) -> BarrierWait {
        BarrierWait {
            barrier: self.clone(),
            step: WaitStep::AtTheDoor,
            waiter: None,
        }
    }

    /// Fails the tasks waiting now with [`BrokenBarrierError`], and makes
    /// the barrier fill afresh once they have left (at once if none waits).
    pub fn reset(&self) {
        let mut state = self.inner.borrow_mut();
        if state.count > 0 {
            state.phase = Phase::Resetting;
        } else {
            state.phase = Phase::Filling;
        }
        state.waiters.wake_all();
    }

    /// Breaks the barrier: waiting tasks and later `wait`s fail with
    /// [`BrokenBarrierError`] until [`reset`](Barrier::reset).
    pub fn abort(&self) {
        let mut state = self.inner.borrow_mut();
        state.phase = Phase::Broken;
        state.waiters.wake_all();
    }

    /// How many tasks it takes to trip the barrier.
    pub fn parties(&self) -> usize {
        self.inner.borrow().parties
    }

    /// How many tasks are waiting for the barrier to trip.
    pub fn n_waiting(&self) -> usize {
        let state = self.inner.borrow();
        if state.phase == Phase::Filling {
            state.count
        } else {
            0
        }
    }

    /// Whether the barrier is broken (aborted and not reset).
    pub fn broken(&self) -> bool {
        self.inner.borrow().phase == Phase::Broken
    }
}

impl fmt::Debug for Barrier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.inner.borrow();
        f.debug_struct("Barrier")
            .field("parties", &state.parties)
            .field("phase", &state.phase)
            .field("count", &state.count)
            .finish()
    }
}

/// The future of [`Barrier::wait`].
#[must_use = "futures do nothing unless awaited"]
pub struct BarrierWait {
    barrier: Barrier,
    step: WaitStep,
    /// Our entry in the waiters, while we wait.
    waiter: Option<WaiterId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WaitStep {
    /// Not inside yet: held while the barrier drains or resets.
    AtTheDoor,
    /// Inside, with this arrival index, waiting for the trip.
    Inside(usize),
    /// Returned.
    Left,
}

impl BarrierWait {
    /// Sleeps until the next change of phase, keeping our entry.
    fn sleep(
        &mut self,
        state: &mut BarrierState,
        cx: &Context<'_>,
    ) -> Poll<<Self as Future>::Output> {
        match self.waiter {
            Some(id) => state.waiters.rearm(id, cx.waker()),
            None => self.waiter = Some(state.waiters.push(cx.waker())),
        }
        Poll::Pending
    }

    fn leave_line(&mut self, state: &mut BarrierState) {
        if let Some(id) = self.waiter.take() {
            state.waiters.remove(id);
        }
    }
}

impl Future for BarrierWait {
    type Output = Result<usize, BrokenBarrierError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let barrier = self.barrier.clone();
        let mut state = barrier.inner.borrow_mut();
        loop {
            match self.step {
                WaitStep::AtTheDoor => {
                    if matches!(state.phase, Phase::Draining | Phase::Resetting) {
                        return self.sleep(&mut state, cx);
                    }
                    if state.phase == Phase::Broken {
                        self.leave_line(&mut state);
                        self.step = WaitStep::Left;
                        return Poll::Ready(Err(BrokenBarrierError));
                    }
                    let index = state.count;
                    state.count += 1;
                    if index + 1 == state.parties {
                        // The last arrival trips the barrier for everyone.
                        state.phase = Phase::Draining;
                        state.waiters.wake_all();
                        self.leave_line(&mut state);
                        self.step = WaitStep::Left;
                        state.leave();
                        return Poll::Ready(Ok(index));
                    }
                    self.step = WaitStep::Inside(index);
                }
                WaitStep::Inside(index) => {
                    if state.phase == Phase::Filling {
                        return self.sleep(&mut state, cx);
                    }
                    self.leave_line(&mut state);
                    self.step = WaitStep::Left;
                    let outcome = match state.phase {
                        Phase::Draining => Ok(index),
                        _ => Err(BrokenBarrierError),
                    };
                    state.leave();
                    return Poll::Ready(outcome);
                }
                WaitStep::Left => panic!("a BarrierWait polled after it returned"),
            }
        }
    }
}

impl Drop for BarrierWait {
    /// Cancelled while waiting. Inside the barrier, we counted as one of
    /// the parties: leave, so the count stays true (the barrier now needs
    /// one more arrival to trip, as in asyncio), and if we were the last
    /// one a drain or reset waited for, let the newcomers in.
    fn drop(&mut self) {
        let barrier = self.barrier.clone();
        let mut state = barrier.inner.borrow_mut();
        self.leave_line(&mut state);
        if let WaitStep::Inside(_) = self.step {
            state.leave();
        }
    }
}

impl fmt::Debug for BarrierWait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BarrierWait")
            .field("step", &self.step)
            .finish()
    }
}
