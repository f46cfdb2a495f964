// Suite for exercise 4.3, cancel. Written once, run against the stub
// (`ex04-executor`) and the solution (`sol04-executor`) through a wrapper
// that names the code under test `subject`.

use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use aio_executor::{create_task, run, yield_now};
use aio_wakers::{WakeCounter, check, raw_counting_waker};
use subject::{Outcome, cancellable};

/// Runs `f` under the test kit's watchdog, with a generous limit: a wrong answer can leave the executor parked forever.
fn within<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    aio_testkit::watchdog::within(
        Duration::from_secs(10),
        "the cancelled task was never polled again (does `cancel` wake the \
         waker the wrapper kept?)",
        f,
    )
}

/// Counts its own drops: stands for everything a suspended task holds.
struct DropCounter(Rc<Cell<u32>>);

impl Drop for DropCounter {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

/// A future that holds a guard, counts its polls, and never finishes.
fn stuck_forever(drops: &Rc<Cell<u32>>, polls: &Rc<Cell<u32>>) -> impl Future<Output = ()> + use<> {
    let guard = DropCounter(drops.clone());
    let polls = polls.clone();
    async move {
        let _guard = guard;
        std::future::poll_fn(|_| {
            polls.set(polls.get() + 1);
            Poll::<()>::Pending
        })
        .await;
    }
}

#[test]
fn an_uncancelled_future_finishes_with_its_value() {
    let (future, _handle) = cancellable(async { 5 });
    assert_eq!(
        check::drive(future, 1),
        Outcome::Finished(5),
        "a future nobody cancels must finish with its own value, Outcome::Finished"
    );
}

#[test]
fn a_pending_inner_future_keeps_the_waker() {
    let (drops, polls) = (Rc::default(), Rc::default());
    let (future, _handle) = cancellable(stuck_forever(&drops, &polls));
    let mut future = pin!(future);
    // `poll_once` panics if a Pending comes with no waker kept: `cancel`
    // would have nobody to wake.
    assert_eq!(
        check::poll_once(future.as_mut()),
        Poll::Pending,
        "a cancellable future must be Pending while its inner future is"
    );
    assert_eq!(
        polls.get(),
        1,
        "the first poll must poll the inner future exactly once"
    );
}

#[test]
fn cancel_wakes_the_task_and_the_next_poll_drops_the_inner_future() {
    let counter = WakeCounter::new();
    let waker = raw_counting_waker(&counter);
    let mut cx = Context::from_waker(&waker);
    let (drops, polls) = (Rc::default(), Rc::default());
    let (future, handle) = cancellable(stuck_forever(&drops, &polls));
    let mut future = pin!(future);

    assert!(
        future.as_mut().poll(&mut cx).is_pending(),
        "a cancellable future must be Pending while its inner future is"
    );
    assert!(
        handle.cancel(),
        "the future is still running: cancel accepts"
    );
    assert_eq!(
        counter.counts().total_wakes(),
        1,
        "cancel must wake the task, or a task waiting forever is never polled again"
    );
    assert_eq!(drops.get(), 0, "cancel only asks; the next poll acts");

    assert_eq!(
        future.as_mut().poll(&mut cx),
        Poll::Ready(Outcome::Cancelled),
        "the poll after cancel must drop the inner future and be Ready(Outcome::Cancelled)"
    );
    assert_eq!(
        drops.get(),
        1,
        "cancelling drops the inner future at once, not when the wrapper goes"
    );
    assert_eq!(polls.get(), 1, "a cancelled future is not polled again");
}

#[test]
fn cancel_before_the_first_poll_means_it_never_runs() {
    let ran = Rc::new(Cell::new(false));
    let drops = Rc::new(Cell::new(0));
    let guard = DropCounter(drops.clone());
    let flag = ran.clone();
    let (future, handle) = cancellable(async move {
        let _guard = guard;
        flag.set(true);
    });
    assert!(
        handle.cancel(),
        "cancel before the first poll must succeed (return true): nothing has finished yet"
    );
    let mut future = pin!(future);
    assert_eq!(
        check::poll_once(future.as_mut()),
        Poll::Ready(Outcome::Cancelled),
        "a future cancelled before its first poll must end with Outcome::Cancelled at that poll"
    );
    assert!(!ran.get(), "its body must never run");
    assert_eq!(
        drops.get(),
        1,
        "a future cancelled before its first poll must still be dropped, exactly once"
    );
}

#[test]
fn a_finished_future_cannot_be_cancelled() {
    let (future, handle) = cancellable(async { "done" });
    let mut future = pin!(future);
    assert_eq!(
        check::poll_once(future.as_mut()),
        Poll::Ready(Outcome::Finished("done")),
        "a future that finishes at once must be Ready with Outcome::Finished and its value"
    );
    assert!(
        !handle.cancel(),
        "nothing left to cancel: cancel says false"
    );
}

#[test]
fn a_cancelled_future_cannot_be_cancelled_again() {
    let (drops, polls) = (Rc::default(), Rc::default());
    let (future, handle) = cancellable(stuck_forever(&drops, &polls));
    let mut future = pin!(future);
    assert!(
        check::poll_once(future.as_mut()).is_pending(),
        "a cancellable future must be Pending while its inner future is"
    );
    assert!(
        handle.cancel(),
        "cancelling a waiting future must succeed (return true)"
    );
    assert_eq!(
        check::poll_once(future.as_mut()),
        Poll::Ready(Outcome::Cancelled),
        "the poll after cancel must be Ready(Outcome::Cancelled)"
    );
    assert!(!handle.cancel(), "it is over: cancel says false");
}

#[test]
fn under_the_executor_a_task_waiting_forever_is_cancelled() {
    let (outcome, drops, polls) = within(|| {
        let (drops, polls) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(0)));
        let future = stuck_forever(&drops, &polls);
        let outcome = run(async move {
            let (future, handle) = cancellable(future);
            let task = create_task(future);
            yield_now().await; // the task starts and waits, forever
            assert!(
                handle.cancel(),
                "cancelling a task that waits must succeed (return true)"
            );
            task.await.unwrap()
        });
        (outcome == Outcome::Cancelled, drops.get(), polls.get())
    });
    assert!(outcome, "the task must end with Outcome::Cancelled");
    assert_eq!(
        (drops, polls),
        (1, 1),
        "a cancelled task's inner future must be dropped once and polled only once, before the \
         cancel: (drops, polls)"
    );
}

#[test]
fn under_the_executor_a_task_that_finishes_first_is_not_cancelled() {
    let outcome = within(|| {
        run(async {
            let (future, handle) = cancellable(async {
                yield_now().await;
                42
            });
            let task = create_task(future);
            let outcome = task.await.unwrap();
            (outcome, handle.cancel())
        })
    });
    assert_eq!(
        outcome,
        (Outcome::Finished(42), false),
        "a finished task must give Outcome::Finished(42), and cancelling it afterwards must fail \
         (return false)"
    );
}
