//! `Condition`: wait, with a lock, until another task says something
//! changed (asyncio's `Condition`).

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use crate::lock::{Acquire, Lock, LockGuard};
use crate::waiters::{WaiterId, WaiterList};

/// A condition variable with its [`Lock`]: asyncio's `Condition`.
///
/// Hold the lock ([`acquire`](Condition::acquire)), look at the shared
/// state, and if it is not what you need, [`wait`](Condition::wait): that
/// releases the lock, sleeps until [`notify`](Condition::notify), and takes
/// the lock again before it returns. `wait` consumes the guard and gives a
/// new one back, so the compiler checks asyncio's rule "cannot wait on
/// un-acquired lock".
///
/// A dropped `wait` that had been notified passes the notification on to
/// the next waiter: CPython does so since 3.13 (gh-112202); 3.11 lost it.
#[derive(Clone)]
pub struct Condition {
    lock: Lock,
    waiters: Rc<RefCell<WaiterList>>,
}

impl Default for Condition {
    fn default() -> Self {
        Condition::with_lock(Lock::new())
    }
}

impl Condition {
    /// A condition with a lock of its own.
    pub fn new() -> Self {
        Condition::default()
    }

    /// A condition over an existing lock (asyncio's `Condition(lock)`).
    pub fn with_lock(lock: Lock) -> Self {
        Condition {
            lock,
            waiters: Rc::default(),
        }
    }

    /// The condition's lock.
    pub fn lock(&self) -> &Lock {
        &self.lock
    }

    /// Takes the condition's lock (`async with cond:`).
    pub fn acquire(&self) -> Acquire {
        self.lock.acquire()
    }

    /// Whether the condition's lock is held.
    pub fn locked(&self) -> bool {
        self.lock.locked()
    }

    /// Releases the lock held by `guard`, waits for a notification, and
    /// takes the lock again.
    ///
    /// # Panics
    ///
    /// When polled, if `guard` holds another lock than this condition's.
    pub fn wait(&self, guard: LockGuard) -> CondWait {
        CondWait {
            condition: self.clone(),
            step: Step::Start(guard),
        }
    }

    /// Waits until `predicate` is true, checking it with the lock held,
    /// first at once and then after every notification.
    pub async fn wait_for(
        &self,
        mut guard: LockGuard,
        mut predicate: impl FnMut() -> bool,
    ) -> LockGuard {
        while !predicate() {
            guard = self.wait(guard).await;
        }
        guard
    }

    /// Wakes up to `n` waiting tasks, oldest first.
    ///
    /// # Panics
    ///
    /// If the lock is not held, as asyncio raises
    /// `RuntimeError('cannot notify on un-acquired lock')`.
    pub fn notify(&self, n: usize) {
        assert!(self.locked(), "cannot notify on un-acquired lock");
        let mut waiters = self.waiters.borrow_mut();
        for _ in 0..n {
            if !waiters.wake_one() {
                break;
            }
        }
    }

    /// Wakes every waiting task.
    ///
    /// # Panics
    ///
    /// If the lock is not held, like [`notify`](Condition::notify).
    pub fn notify_all(&self) {
        self.notify(usize::MAX);
    }
}

impl fmt::Debug for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Condition")
            .field("lock", &self.lock)
            .field("waiters", &self.waiters.borrow().len())
            .finish()
    }
}

/// The future of [`Condition::wait`].
#[must_use = "futures do nothing unless awaited"]
pub struct CondWait {
    condition: Condition,
    step: Step,
}

enum Step {
    /// Not polled yet: still holding the lock.
    Start(LockGuard),
    /// Lock released, in line for a notification.
    Waiting(WaiterId),
    /// Notified; taking the lock again.
    Reacquiring(Acquire),
    /// Returned its guard.
    Done,
}

impl Future for CondWait {
    type Output = LockGuard;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<LockGuard> {
        let this = &mut *self;
        loop {
            match std::mem::replace(&mut this.step, Step::Done) {
                Step::Start(guard) => {
                    assert!(
                        guard.lock().same_as(&this.condition.lock),
                        "Condition::wait was given the guard of another lock"
                    );
                    let id = this.condition.waiters.borrow_mut().push(cx.waker());
                    this.step = Step::Waiting(id);
                    // Release only once we are in line: a notify that a
                    // woken lock waiter sends must find us there.
                    drop(guard);
                    return Poll::Pending;
                }
                Step::Waiting(id) => {
                    let mut waiters = this.condition.waiters.borrow_mut();
                    if waiters.is_woken(id) != Some(true) {
                        waiters.update_waker(id, cx.waker());
                        this.step = Step::Waiting(id);
                        return Poll::Pending;
                    }
                    waiters.remove(id);
                    drop(waiters);
                    this.step = Step::Reacquiring(this.condition.lock.acquire());
                }
                Step::Reacquiring(mut acquire) => {
                    return match Pin::new(&mut acquire).poll(cx) {
                        Poll::Ready(guard) => Poll::Ready(guard),
                        Poll::Pending => {
                            this.step = Step::Reacquiring(acquire);
                            Poll::Pending
                        }
                    };
                }
                Step::Done => panic!("a CondWait polled after it returned"),
            }
        }
    }
}

// ANCHOR: cond_wait_drop
impl Drop for CondWait {
    /// Cancelled before `wait` returned. If a `notify` had chosen us, it
    /// meant "one task should look at the state now"; dropped, we never
    /// will, so wake the next waiter instead (a wake it may find spurious,
    /// which condition-variable code must tolerate anyway). While we were
    /// retaking the lock, the `Acquire` we drop passes on the lock's
    /// wake-up itself.
    fn drop(&mut self) {
        let notified = match &self.step {
            Step::Waiting(id) => self.condition.waiters.borrow_mut().remove(*id) == Some(true),
            Step::Reacquiring(_) => true,
            Step::Start(_) | Step::Done => false,
        };
        if notified {
            self.condition.waiters.borrow_mut().wake_one();
        }
    }
}
// ANCHOR_END: cond_wait_drop

impl fmt::Debug for CondWait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let step = match self.step {
            Step::Start(_) => "start",
            Step::Waiting(_) => "waiting",
            Step::Reacquiring(_) => "reacquiring",
            Step::Done => "done",
        };
        f.debug_struct("CondWait").field("step", &step).finish()
    }
}
