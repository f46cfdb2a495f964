//! Review of `local_task`: where a task id is known but no poll is under
//! way. The loop sets `current_id` when it drops a cancelled task's future
//! too, without a waker; a waker that the previous poll was given must not
//! name the task being dropped.

use std::cell::Cell;
use std::future::poll_fn;
use std::rc::Rc;
use std::task::{Poll, Waker};

use aio_executor::{EventLoop, LocalTask, local_task, spawn, yield_now};

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
            let x_waker: Rc<Cell<Option<Waker>>> = Rc::default();
            let x = spawn({
                let x_waker = x_waker.clone();
                poll_fn(move |cx| {
                    x_waker.set(Some(cx.waker().clone()));
                    Poll::<()>::Pending
                })
            });
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
        named.get(),
        Some(None),
        "while a cancelled task was dropped, the waker of the poll before named a task"
    );
}

#[test]
fn after_a_slow_poll_handler_panics_a_callback_runs_in_no_task() {
    // A panic that leaves `run_task` (here from the slow-poll handler, which
    // runs after the poll) skips the end of `run_task`, where `current_id`
    // and `current_waker` are cleared. The next run's callbacks then run
    // "inside" the task of that poll: `current_task()` names it (asyncio
    // gives None in a callback), and `local_task` compares with a waker key
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
