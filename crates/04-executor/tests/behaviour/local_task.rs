//! `local_task`: a future that its task polls directly can keep the task's
//! id instead of a clone of its waker, and wake it by that id; the loop then
//! lends the task its spare waker at every poll instead of giving it one of
//! its own.

use std::cell::Cell;
use std::future::poll_fn;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Poll, Wake, Waker};

use aio_executor::{EventLoop, LocalTask, local_task, spawn, yield_now};

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
    assert_eq!(cloned, direct);
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
        let task = kept.get().expect("A was polled directly");
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
        let kept: Rc<Cell<Option<Waker>>> = Rc::default();
        let by_waker = spawn({
            let kept = kept.clone();
            poll_fn(move |cx| {
                kept.set(Some(cx.waker().clone()));
                Poll::<()>::Pending
            })
        });
        yield_now().await;
        [by_id, by_waker]
    });
    assert_eq!(event_loop.own_waker_count(), 1);
    for handle in handles {
        handle.cancel();
    }
}

/// A `LocalTask` taken in a poll of a loop that has stopped since.
fn local_task_of_a_stopped_loop(event_loop: &EventLoop) -> LocalTask {
    event_loop
        .run_until_complete(poll_fn(|cx| Poll::Ready(local_task(cx.waker()))))
        .expect("polled by its task")
}

#[test]
#[should_panic(expected = "a LocalTask was woken while its loop was not running")]
fn a_local_task_woken_with_no_loop_running_says_so() {
    let event_loop = EventLoop::new();
    local_task_of_a_stopped_loop(&event_loop).wake();
}

#[test]
#[should_panic(expected = "a LocalTask was woken while its loop was not running")]
fn a_local_task_woken_on_another_loop_says_so() {
    let first = EventLoop::new();
    let task = local_task_of_a_stopped_loop(&first);
    EventLoop::new().run_until_complete(async move { task.wake() });
}
