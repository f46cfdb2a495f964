//! What a caller can observe of a task's end matches asyncio: ports of
//! CPython's own tests (`Lib/test/test_asyncio/`), each naming the test it
//! mirrors. Cancellation stays Rust's (the future is dropped); these check
//! that `cancelled()`, `done()`, the error the awaiting side gets, and what
//! happens to what the task awaited come out as asyncio's do.

use std::cell::{Cell, RefCell};
use std::future::{Future, pending};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use aio_executor::trace::Outcome;
use aio_executor::{
    EventLoop, ExceptionContext, JoinError, JoinHandle, call_soon, is_running, run, spawn,
    yield_now,
};
use aio_futures::{Future as Placeholder, FutureError};
use aio_testkit::watchdog::within;

const LIMIT: Duration = Duration::from_secs(10);

/// Collects what a loop reports to its exception handler.
fn reports_of<D: aio_executor::Driver>(event_loop: &EventLoop<D>) -> Rc<RefCell<Vec<String>>> {
    let reports = Rc::new(RefCell::new(Vec::new()));
    let r = reports.clone();
    event_loop.set_exception_handler(move |context: &ExceptionContext| {
        r.borrow_mut()
            .push(format!("{}: {}", context.message, context.panic));
    });
    reports
}

/// Panics when dropped: a destructor that goes wrong.
struct PanicOnDrop(&'static str);

impl Drop for PanicOnDrop {
    fn drop(&mut self) {
        panic!("{}", self.0);
    }
}

// --- 1. the outcome survives taking the result --------------------------

// CPython: test_tasks.py, test_cancel — after `run_until_complete(t)` raised
// CancelledError, `t.done()` and `t.cancelled()` are still true.
#[test]
fn cancelled_stays_true_after_the_handle_returned_cancelled() {
    run(async {
        let mut task = spawn(pending::<()>());
        yield_now().await;
        assert!(task.cancel());
        let err = (&mut task).await.unwrap_err();
        assert!(err.is_cancelled());
        assert!(task.done());
        assert!(task.cancelled(), "the outcome was forgotten with the value");
        assert_eq!(task.outcome(), Some(Outcome::Cancelled));
        assert!(!task.cancel(), "a finished task cannot be cancelled again");
    });
}

#[test]
fn a_returned_or_panicked_task_keeps_its_outcome_after_the_take() {
    run(async {
        let mut ok = spawn(async { 1 });
        let mut bad = spawn(async { panic!("expected in this test") });
        assert_eq!((&mut ok).await.unwrap(), 1);
        assert!((&mut bad).await.unwrap_err().is_panic());
        assert_eq!(ok.outcome(), Some(Outcome::Returned));
        assert_eq!(bad.outcome(), Some(Outcome::Panicked));
        assert!(ok.done() && bad.done() && !ok.cancelled() && !bad.cancelled());
    });
}

// --- 2. run_once is a turn of a running loop ----------------------------

// CPython: test_utils.run_briefly / run_once, used throughout test_tasks.py,
// steps the loop through run_forever, so the callbacks it runs see a running
// loop (`get_running_loop()` works, `create_task` works).
#[test]
fn run_once_polls_tasks_inside_the_running_loop() {
    within(LIMIT, "run_once never finished the task", || {
        let event_loop = EventLoop::new();
        let scheduled = Rc::new(Cell::new(false));
        let s = scheduled.clone();
        let task = event_loop.spawn(async move {
            assert!(is_running(), "polled outside its running loop");
            call_soon(move || s.set(true));
            spawn(async { 20 }).await.unwrap() + 22
        });
        for _ in 0..10 {
            if task.done() {
                break;
            }
            event_loop.run_once();
        }
        assert!(task.done());
        assert!(scheduled.get());
        assert!(!is_running(), "run_once left the loop marked as running");
        assert_eq!(event_loop.run_until_complete(task).unwrap(), 42);
    });
}

// --- 3. "never retrieved" goes to the task's own loop -------------------

// CPython: test_futures.py, test_tb_logger_exception_unretrieved — the
// report goes through the future's own loop (`self._loop`'s exception
// handler), whatever loop runs when it is collected.
#[test]
fn a_panic_never_retrieved_is_reported_to_the_tasks_own_loop() {
    let first = EventLoop::new();
    let first_reports = reports_of(&first);
    let handle: JoinHandle<()> = first
        .run_until_complete(async {
            let failing = spawn(async { panic!("lost in the first loop") });
            yield_now().await;
            (failing,)
        })
        .0;
    assert!(handle.done());

    let second = EventLoop::new();
    let second_reports = reports_of(&second);
    second.run_until_complete(async move { drop(handle) });

    assert_eq!(
        *first_reports.borrow(),
        ["Task exception was never retrieved: lost in the first loop"]
    );
    assert!(second_reports.borrow().is_empty());
}

// --- 4. a destructor that panics ends its task, not the loop ------------

// asyncio: an exception raised while a coroutine handles its cancellation
// (in an `except CancelledError` or `finally` block) becomes the task's
// exception, and the loop goes on (Task.__step; test_tasks.py,
// test_cancel_traceback_for_future_exception is the nearest port). A
// destructor is our `finally`.
#[test]
fn a_destructor_that_panics_on_cancel_becomes_the_tasks_outcome() {
    let err = run(async {
        let task = spawn(async {
            let _cleanup = PanicOnDrop("cleanup failed while cancelling");
            pending::<()>().await;
        });
        yield_now().await;
        task.cancel();
        task.await.unwrap_err()
    });
    assert!(err.is_panic(), "{err:?}");
    assert_eq!(err.panic_message(), Some("cleanup failed while cancelling"));
}

/// Ready at once, and panics when dropped afterwards.
struct ReadyThenPanicOnDrop;

impl Future for ReadyThenPanicOnDrop {
    type Output = u32;
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<u32> {
        Poll::Ready(7)
    }
}

impl Drop for ReadyThenPanicOnDrop {
    fn drop(&mut self) {
        panic!("dropped badly after finishing");
    }
}

/// Runs `future` as a task that must fail, then a task after it, which
/// must still run (the loop is still there); gives the first one's error.
fn the_error_of<F>(future: F) -> JoinError
where
    F: Future + 'static,
    F::Output: std::fmt::Debug,
{
    let (err, after) = run(async {
        let err = spawn(future).await.unwrap_err();
        (err, spawn(async { "still running" }).await.unwrap())
    });
    assert_eq!(after, "still running");
    err
}

#[test]
fn a_destructor_that_panics_after_completion_becomes_the_tasks_outcome() {
    let err = the_error_of(ReadyThenPanicOnDrop);
    assert_eq!(err.panic_message(), Some("dropped badly after finishing"));
}

/// Panics when polled, and again when dropped afterwards (its fields are
/// not dropped by the first panic: `poll` only borrows them).
struct PanicsThenPanicsOnDrop;

impl Future for PanicsThenPanicsOnDrop {
    type Output = ();
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        panic!("the step failed");
    }
}

impl Drop for PanicsThenPanicsOnDrop {
    fn drop(&mut self) {
        panic!("and so did its cleanup");
    }
}

// The cell drops a future whose poll panicked only after that panic was
// caught, and "the first panic wins" (task.rs, `poll_task`): the step's
// panic is the task's outcome, the destructor's is dropped. (asyncio
// differs: a `finally` that raises while an exception propagates replaces
// it.)
#[test]
fn when_the_step_and_then_the_destructor_panic_the_first_panic_is_the_outcome() {
    let err = the_error_of(PanicsThenPanicsOnDrop);
    assert_eq!(err.panic_message(), Some("the step failed"));
}

#[test]
fn a_destructor_that_panics_at_shutdown_is_reported_and_shutdown_ends() {
    let event_loop = EventLoop::new();
    let reports = reports_of(&event_loop);
    event_loop.run_until_complete(async {
        drop(spawn(async {
            let _cleanup = PanicOnDrop("cleanup failed at shutdown");
            pending::<()>().await;
        }));
        drop(spawn(pending::<()>()));
        yield_now().await;
    });
    assert_eq!(event_loop.task_count(), 2);
    drop(event_loop); // must not unwind
    assert_eq!(
        *reports.borrow(),
        ["Task exception was never retrieved: cleanup failed at shutdown"]
    );
}

// --- 5. cancelling a task cancels what it awaits ------------------------

// CPython: test_tasks.py, test_cancel_awaited_task (bpo-34872) — a task
// cancels itself, then awaits a nested task that awaits a future: the task,
// the nested task and the future all end cancelled.
#[test]
fn cancelling_a_task_cancels_the_task_and_the_placeholder_it_awaits() {
    within(LIMIT, "a cancelled await left something waiting", || {
        run(async {
            let fut: Placeholder<u32> = Placeholder::new();
            let inner_fut = fut.clone();
            let nested = spawn(inner_fut);
            let me: Rc<RefCell<Option<JoinHandle<()>>>> = Rc::default();
            let me_inside = me.clone();
            let nested_seen = Rc::new(RefCell::new(None));
            let n = nested_seen.clone();
            let outer = spawn(async move {
                yield_now().await; // the nested task is running now
                me_inside.borrow().as_ref().unwrap().cancel();
                let mut nested = nested;
                let result = (&mut nested).await;
                n.replace(Some(nested));
                result.unwrap().unwrap();
            });
            me.replace(Some(outer));
            for _ in 0..4 {
                yield_now().await;
            }
            let outer = me.borrow_mut().take().unwrap();
            assert!(outer.cancelled());
            assert!(fut.cancelled(), "the placeholder was left pending");
            assert!(nested_seen.borrow().is_none());
        });
    });
}

#[test]
fn a_placeholder_awaited_by_a_cancelled_task_is_cancelled_and_its_callbacks_run() {
    run(async {
        let fut: Placeholder<&str> = Placeholder::new();
        let called = Rc::new(Cell::new(false));
        let c = called.clone();
        fut.add_done_callback(move |f| c.set(f.cancelled()));
        let waiter = fut.clone();
        let task = spawn(waiter);
        yield_now().await;
        task.cancel();
        assert!(task.await.unwrap_err().is_cancelled());
        assert!(fut.cancelled());
        assert!(called.get());
        // Another awaiter hears it too.
        assert!(matches!(fut.clone().await, Err(FutureError::Cancelled)));
    });
}

#[test]
fn a_placeholder_never_awaited_or_already_set_is_left_alone_by_a_drop() {
    run(async {
        let fut: Placeholder<u8> = Placeholder::new();
        drop(fut.clone()); // never awaited
        assert!(!fut.done());
        let done: Placeholder<u8> = Placeholder::new();
        done.set_result(3).unwrap();
        let waiter = done.clone();
        assert_eq!(spawn(waiter).await.unwrap(), Ok(3));
        assert_eq!(done.result(), Ok(3));
    });
}

// CPython: test_tasks.py, test_cancel_inner_future — the other direction.
// There, cancelling the future raises CancelledError in the task awaiting
// it, and a task that lets it propagate ends cancelled. In Rust the error
// is a value: the task gets `Err(Cancelled)` from its await and ends
// however it chooses to; returning the error is an ordinary return. The
// book shows this difference.
#[test]
fn a_cancelled_placeholder_gives_its_awaiting_task_an_error_value() {
    run(async {
        let fut: Placeholder<u32> = Placeholder::new();
        let waiter = fut.clone();
        let mut task = spawn(waiter);
        yield_now().await;
        fut.cancel();
        let got = (&mut task).await.unwrap();
        assert!(matches!(got, Err(FutureError::Cancelled)));
        assert!(!task.cancelled(), "asyncio's task would be cancelled here");
    });
}

// --- 6. cancelled during its last step ----------------------------------

// CPython: test_tasks.py, test_cancel_at_end — a task that cancels itself
// and then returns without awaiting ends cancelled, not with its value.
#[test]
fn a_task_that_cancels_itself_and_returns_ends_cancelled() {
    run(async {
        let me: Rc<RefCell<Option<JoinHandle<u32>>>> = Rc::default();
        let me_inside = me.clone();
        let task = spawn(async move {
            assert!(me_inside.borrow().as_ref().unwrap().cancel());
            12
        });
        me.replace(Some(task));
        yield_now().await;
        let task = me.borrow_mut().take().unwrap();
        assert!(task.done());
        assert!(task.cancelled());
        assert!(task.await.unwrap_err().is_cancelled());
    });
}

/// Cancels its own task during its one step and returns; panics when
/// dropped afterwards.
struct CancelsItselfThenPanicsOnDrop(Rc<RefCell<Option<JoinHandle<u32>>>>);

impl Future for CancelsItselfThenPanicsOnDrop {
    type Output = u32;
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<u32> {
        assert!(self.0.borrow().as_ref().unwrap().cancel());
        Poll::Ready(12)
    }
}

impl Drop for CancelsItselfThenPanicsOnDrop {
    fn drop(&mut self) {
        panic!("cleanup failed after the last step");
    }
}

// asyncio: Task.__step ends a task cancelled at its end only when the
// coroutine *returned* (StopIteration with `_must_cancel` set); an
// exception from it, a `finally` block's included, becomes the task's
// exception. Ours: the destructor's panic wins over the cancel request.
#[test]
fn a_destructor_that_panics_after_a_cancelled_last_step_is_the_outcome() {
    run(async {
        let me: Rc<RefCell<Option<JoinHandle<u32>>>> = Rc::default();
        let task = spawn(CancelsItselfThenPanicsOnDrop(me.clone()));
        me.replace(Some(task));
        yield_now().await;
        let task = me.borrow_mut().take().unwrap();
        assert!(task.done());
        assert!(!task.cancelled());
        assert_eq!(task.outcome(), Some(Outcome::Panicked));
        let err = task.await.unwrap_err();
        assert_eq!(
            err.panic_message(),
            Some("cleanup failed after the last step")
        );
    });
}

// --- 8. shutdown ends ---------------------------------------------------

/// A destructor that spawns a copy of its own task.
struct Respawn(Rc<Cell<u32>>);

impl Drop for Respawn {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
        let copy = Respawn(self.0.clone());
        drop(spawn(async move {
            let _copy = copy;
            pending::<()>().await;
        }));
    }
}

// asyncio: `asyncio.run` cancels what is left once, then closes the loop;
// a task created after that is refused with "Event loop is closed"
// (test_runners.py, test_asyncio_run_closes_gens_after_hanging_tasks_errors
// and base_events._check_closed).
#[test]
#[cfg_attr(
    miri,
    ignore = "the refused copy's future is leaked on purpose (dropping it would spawn again, for ever): CI runs it alone under miri, with the leak check off"
)]
fn shutdown_ends_when_a_destructor_spawns_a_copy_of_its_task() {
    let (reports, drops) = within(LIMIT, "shutdown looped for ever", || {
        let drops = Rc::new(Cell::new(0));
        let d = drops.clone();
        let event_loop = EventLoop::new();
        let reports = reports_of(&event_loop);
        event_loop.run_until_complete(async move {
            let first = Respawn(d);
            drop(spawn(async move {
                let _first = first;
                pending::<()>().await;
            }));
            yield_now().await;
        });
        drop(event_loop);
        let reports = reports.borrow().clone();
        (reports, drops.get())
    });
    // Dropped a few times, then the next copy is refused and never runs.
    assert!(drops >= 2, "{drops}");
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert!(
        reports[0].starts_with("Event loop is closed"),
        "{reports:?}"
    );
}
