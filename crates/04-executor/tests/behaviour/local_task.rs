//! `local_task`: a future that its task polls directly can keep the task's
//! id instead of a clone of its waker, and wake it by that id; the loop then
//! lends the task its spare waker at every poll instead of giving it one of
//! its own. The id names a task only during that task's poll (not while a
//! cancelled task is dropped, nor after a poll cut short by a panic).

use std::cell::Cell;
use std::future::poll_fn;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Poll, Wake, Waker};

use aio_executor::{EventLoop, JoinHandle, LocalTask, local_task, spawn, yield_now};

/// A waker that is no task's.
struct Elsewhere;

impl Wake for Elsewhere {
    fn wake(self: Arc<Self>) {}
}

#[test]
fn only_the_waker_of_the_poll_under_way_names_its_task() {
    let event_loop = EventLoop::new();
    let (direct, cloned, foreign, noop) = event_loop.run_until_complete(poll_fn(|cx| {
        let direct = local_task(cx.waker());
        // A clone is the same waker (same data, same vtable).
        let cloned = local_task(&cx.waker().clone());
        let foreign = local_task(&Waker::from(Arc::new(Elsewhere)));
        let noop = local_task(Waker::noop());
        Poll::Ready((direct, cloned, foreign, noop))
    }));
    assert!(
        direct.is_some(),
        "the task's own poll did not name its task"
    );
    // Under miri a clone's vtable has an address of its own (the compiler
    // may do that too; wakers compare by address only as a best effort):
    // there a clone names nobody, and the caller falls back to cloning.
    if !cfg!(miri) {
        assert_eq!(cloned, direct);
    }
    assert_eq!((foreign, noop), (None, None));
    // No loop running: nobody to name.
    assert_eq!(local_task(Waker::noop()), None);
}

#[test]
fn a_waker_from_another_poll_names_nobody() {
    // Task A keeps a clone of its waker; during task B's poll that waker is
    // not B's, though a task is being polled.
    let event_loop = EventLoop::new();
    let (a_waker_in_b, own_in_b) = event_loop.run_until_complete(async {
        let kept: Rc<Cell<Option<Waker>>> = Rc::default();
        let a = spawn({
            let kept = kept.clone();
            poll_fn(move |cx| {
                kept.set(Some(cx.waker().clone()));
                Poll::Ready(())
            })
        });
        a.await.unwrap();
        let a_waker = kept.take().expect("A ran");
        let b = spawn(poll_fn(move |cx| {
            Poll::Ready((local_task(&a_waker), local_task(cx.waker())))
        }));
        b.await.unwrap()
    });
    assert_eq!(a_waker_in_b, None, "task A's waker named task B");
    assert!(own_in_b.is_some());
}

#[test]
fn waking_a_local_task_schedules_it_once_and_a_stale_one_wakes_nobody() {
    let event_loop = EventLoop::new();
    let (polls_of_a, polls_of_b) = event_loop.run_until_complete(async {
        let kept: Rc<Cell<Option<LocalTask>>> = Rc::default();
        let polls_of_a = Rc::new(Cell::new(0));
        let a = spawn({
            let (kept, polls) = (kept.clone(), polls_of_a.clone());
            poll_fn(move |cx| {
                polls.set(polls.get() + 1);
                if polls.get() == 1 {
                    // Keeps the id, not the waker, and waits.
                    kept.set(local_task(cx.waker()));
                    Poll::Pending
                } else {
                    Poll::Ready(())
                }
            })
        });
        yield_now().await; // A takes its first step
        let task = kept.take().expect("A was polled directly");
        task.wake();
        task.wake(); // queued already: no second poll
        yield_now().await; // A takes its second step
        assert!(a.done(), "A was not polled again after its wakes");
        // A is gone and B takes its place in the table (a new generation):
        // A's id must not reach B.
        let polls_of_b = Rc::new(Cell::new(0));
        let b = spawn({
            let polls = polls_of_b.clone();
            poll_fn(move |_| {
                polls.set(polls.get() + 1);
                Poll::<()>::Pending
            })
        });
        yield_now().await; // B takes its first step
        task.wake();
        yield_now().await;
        yield_now().await;
        b.cancel();
        (polls_of_a.get(), polls_of_b.get())
    });
    assert_eq!(
        polls_of_a, 2,
        "A was not polled exactly once after its wakes"
    );
    assert_eq!(
        polls_of_b, 1,
        "a stale LocalTask woke the task in its place"
    );
}

/// Spawns a task that waits for ever, leaving a clone of its waker (from
/// its latest poll) in the cell it returns.
fn spawn_keeping_its_waker() -> (JoinHandle<()>, Rc<Cell<Option<Waker>>>) {
    let kept: Rc<Cell<Option<Waker>>> = Rc::default();
    let task = spawn({
        let kept = kept.clone();
        poll_fn(move |cx| {
            kept.set(Some(cx.waker().clone()));
            Poll::Pending
        })
    });
    (task, kept)
}

#[test]
fn a_task_gets_a_waker_of_its_own_only_when_a_poll_keeps_a_clone() {
    let event_loop = EventLoop::new();
    let handles = event_loop.run_until_complete(async {
        // Keeps only its id.
        let by_id = spawn(poll_fn(|cx| {
            let _ = local_task(cx.waker());
            Poll::<()>::Pending
        }));
        // Keeps a clone of its waker, as a channel or an event would.
        let (by_waker, _kept) = spawn_keeping_its_waker();
        yield_now().await;
        [by_id, by_waker]
    });
    assert_eq!(event_loop.own_waker_count(), 1);
    for handle in handles {
        handle.cancel();
    }
}

/// A `LocalTask` kept by a task that waits, taken in a loop that has
/// stopped since, and the task's handle.
fn waiting_task_of_a_stopped_loop(event_loop: &EventLoop) -> (LocalTask, JoinHandle<()>) {
    event_loop.run_until_complete(async {
        let kept: Rc<Cell<Option<LocalTask>>> = Rc::default();
        let mut woken = false;
        let task = spawn({
            let kept = kept.clone();
            poll_fn(move |cx| {
                if woken {
                    return Poll::Ready(());
                }
                woken = true;
                kept.set(local_task(cx.waker()));
                Poll::Pending
            })
        });
        yield_now().await; // the task keeps its LocalTask and waits
        (kept.take().expect("polled by its task"), task)
    })
}

#[test]
fn a_local_task_woken_while_its_loop_is_stopped_runs_when_the_loop_runs_again() {
    // As a waker would: through the loop's remote queue.
    let event_loop = EventLoop::new();
    let (task, handle) = waiting_task_of_a_stopped_loop(&event_loop);
    task.wake();
    let done = event_loop.run_until_complete(async move {
        yield_now().await;
        handle.done()
    });
    assert!(done, "the wake of a stopped loop's task was lost");
}

#[test]
fn a_local_task_woken_on_another_loop_wakes_its_own_task_not_the_other_loops() {
    // Another loop may hold a task with the very same id (place and
    // generation): it must not be the one woken.
    let first = EventLoop::new();
    let (task, handle) = waiting_task_of_a_stopped_loop(&first);
    let second = EventLoop::new();
    let (_, other) = waiting_task_of_a_stopped_loop(&second);
    second.run_until_complete(async move {
        task.wake();
        yield_now().await;
        yield_now().await;
        assert!(
            !other.done(),
            "the other loop's task with the same id was woken"
        );
        other.cancel();
    });
    let done = first.run_until_complete(async move {
        yield_now().await;
        handle.done()
    });
    assert!(done, "the task was not woken on its own loop");
}

#[test]
fn a_prefetch_is_only_a_hint_and_wakes_nobody_wherever_it_is_given() {
    // On the task's own loop, while that loop runs; on another loop; with
    // the loop stopped; from another thread: the task stays asleep until
    // it is woken.
    let event_loop = EventLoop::new();
    let (task, handle) = waiting_task_of_a_stopped_loop(&event_loop);
    task.prefetch();
    EventLoop::new().run_until_complete({
        let task = task.clone();
        async move { task.prefetch() }
    });
    std::thread::scope(|scope| {
        scope.spawn(|| task.clone().prefetch());
    });
    let (before, after) = event_loop.run_until_complete(async move {
        task.prefetch();
        yield_now().await;
        yield_now().await;
        let before = handle.done();
        task.wake();
        yield_now().await;
        (before, handle.done())
    });
    assert!(!before, "a prefetch woke the task");
    assert!(after, "the wake after the prefetches was lost");
}

/// Runs `probe` when dropped.
struct OnDrop<F: FnMut()>(F);

impl<F: FnMut()> Drop for OnDrop<F> {
    fn drop(&mut self) {
        (self.0)();
    }
}

#[test]
fn a_cancelled_task_being_dropped_is_named_by_no_waker() {
    let event_loop = EventLoop::new();
    let named: Rc<Cell<Option<Option<LocalTask>>>> = Rc::default();
    event_loop.run_until_complete({
        let named = named.clone();
        async move {
            // X keeps a clone of its waker at every poll.
            let (x, x_waker) = spawn_keeping_its_waker();
            // Y waits for ever; dropping it asks whom X's waker names.
            let y = spawn({
                let (x_waker, named) = (x_waker.clone(), named.clone());
                let probe = OnDrop(move || {
                    let waker = x_waker.take();
                    named.set(Some(waker.as_ref().and_then(local_task)));
                    x_waker.set(waker);
                });
                async move {
                    let _probe = probe;
                    std::future::pending::<()>().await;
                }
            });
            yield_now().await; // both take a first step
            // X is polled, then, right after, Y is dropped (cancelled).
            x_waker.take().expect("X ran").wake();
            y.cancel();
            yield_now().await;
            x.cancel();
        }
    });
    assert_eq!(
        named.take(),
        Some(None),
        "while a cancelled task was dropped, the waker of the poll before named a task"
    );
}

#[test]
fn after_a_slow_poll_handler_panics_a_callback_runs_in_no_task() {
    // A panic out of `run_task` (here from the slow-poll handler, which
    // runs after the poll) must still end "the task being polled": else the
    // next run's callbacks run "inside" that task (`current_task()` names
    // it, where asyncio gives None) and `local_task` compares with a waker
    // taken from a poll long over.
    let event_loop = EventLoop::new();
    event_loop.set_slow_poll_threshold(Some(std::time::Duration::ZERO));
    event_loop.set_slow_poll_handler(|_| panic!("the slow-poll handler fails"));
    let in_callback: Rc<Cell<Option<bool>>> = Rc::default();
    let first = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let in_callback = in_callback.clone();
        event_loop.run_until_complete(async move {
            aio_executor::call_soon(move || {
                in_callback.set(Some(aio_executor::current_task().is_some()));
            });
            // Slow for certain: over a zero threshold.
            std::thread::sleep(std::time::Duration::from_millis(1));
        });
    }));
    assert!(first.is_err(), "the slow-poll handler did not panic");
    event_loop.set_slow_poll_threshold(None);
    event_loop.run_until_complete(async {});
    assert_eq!(
        in_callback.get(),
        Some(false),
        "a callback ran as if inside the task whose poll a panic cut short"
    );
}
