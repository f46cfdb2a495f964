//! Tasks: `current_task`, `all_tasks`, done-callbacks, `result()` and
//! `exception()`, each against what asyncio does.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use asyncio::prelude::*;

/// asyncio: `current_task()` is the task being run — the main task in
/// `run`'s coroutine, the child inside a child — and `None` in a callback.
#[test]
fn current_task_is_the_task_being_polled() {
    Runner::with_virtual_clock().run(async {
        let main = current_task().expect("run's future is a task");
        assert_eq!(main.name(), "Task-1");
        let child = create_task_named("child", async {
            let me = current_task().expect("a child is a task");
            me.name().to_owned()
        });
        let child_ref = child.task_ref();
        assert_eq!(child.await.unwrap(), "child");
        assert!(child_ref.done());
        // Inside gather's children too: they are tasks.
        let names = gather((0..2).map(|_| async { current_task().unwrap().name().to_owned() }))
            .await
            .unwrap();
        assert_eq!(names, ["Task-3", "Task-4"]);
        let in_callback = Rc::new(RefCell::new(Some(String::new())));
        {
            let in_callback = in_callback.clone();
            call_soon(move || {
                *in_callback.borrow_mut() = current_task().map(|t| t.name().to_owned());
            });
        }
        sleep(Duration::ZERO).await;
        assert_eq!(
            *in_callback.borrow(),
            None,
            "a callback runs outside any task"
        );
        assert_eq!(
            current_task().unwrap(),
            main,
            "current_task() should be the same task"
        );
    });
}

/// asyncio: `all_tasks()` is the set of the loop's tasks not yet done.
#[test]
fn all_tasks_lists_the_tasks_not_done() {
    Runner::with_virtual_clock().run(async {
        let slow = create_task_named("slow", sleep(Duration::from_secs(5)));
        let quick = create_task_named("quick", sleep(Duration::from_secs(1)));
        let names = |tasks: Vec<TaskRef>| {
            tasks
                .iter()
                .map(|t| t.name().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(all_tasks()), ["Task-1", "slow", "quick"]);
        quick.await.unwrap();
        assert_eq!(
            names(all_tasks()),
            ["Task-1", "slow"],
            "a finished task is still listed"
        );
        slow.cancel();
        assert!(slow.await.unwrap_err().is_cancelled());
        assert_eq!(names(all_tasks()), ["Task-1"]);
    });
}

/// asyncio: done-callbacks are scheduled with `call_soon` when the task
/// ends, in the order they were added, before the awaiting task resumes if
/// they were added before it awaited; added to a task already done, a
/// callback is scheduled at once (it does not run inside
/// `add_done_callback`).
#[test]
fn done_callbacks_run_soon_in_order_and_late_ones_too() {
    let log = Rc::new(RefCell::new(Vec::<String>::new()));
    let say = {
        let log = log.clone();
        move |line: String| log.borrow_mut().push(line)
    };
    Runner::with_virtual_clock().run(async move {
        let mut task = create_task(async { 7 });
        for n in 1..=2 {
            let say = say.clone();
            task.add_done_callback(move |t| say(format!("callback {n}: done={}", t.done())));
        }
        let value = (&mut task).await.unwrap();
        say(format!("awaiter resumed with {value}"));
        let late = say.clone();
        task.add_done_callback(move |_| late("late callback".into()));
        say("late callback added".into());
        sleep(Duration::ZERO).await;
    });
    assert_eq!(
        *log.borrow(),
        [
            "callback 1: done=true",
            "callback 2: done=true",
            "awaiter resumed with 7",
            "late callback added",
            "late callback"
        ]
    );
}

/// asyncio: `result()` raises InvalidStateError before the task is done,
/// CancelledError if it was cancelled, re-raises its exception; and
/// `exception()` returns it (None after a normal return).
#[test]
fn result_and_exception_follow_asyncio() {
    Runner::with_virtual_clock().run(async {
        let mut running = create_task(sleep(Duration::from_secs(1)));
        assert_eq!(
            running.result(),
            Err(FutureError::InvalidState(InvalidStateError::RESULT_NOT_SET)),
            "result() of a running task should be InvalidStateError"
        );
        assert_eq!(
            running.exception(),
            Err(FutureError::InvalidState(
                InvalidStateError::EXCEPTION_NOT_SET
            )),
            "exception() of a running task should be InvalidStateError"
        );
        running.cancel();
        let (mut done, _) = wait(vec![running], ALL_COMPLETED, None).await;
        let mut cancelled = done.pop().unwrap();
        assert_eq!(cancelled.result(), Err(CancelledError));
        assert_eq!(cancelled.exception(), Err(CancelledError));

        let mut fine = create_task(async { "value" });
        sleep(Duration::ZERO).await;
        assert_eq!(fine.exception(), Ok(None));
        assert_eq!(fine.result(), Ok("value"));
        assert_eq!(
            fine.result(),
            Err(FutureError::InvalidState(InvalidStateError::RESULT_TAKEN)),
            "a Task owns its value: a second result() cannot give it again"
        );

        let mut failed = create_task(async {
            panic!("bad input");
        });
        sleep(Duration::ZERO).await;
        assert_eq!(failed.exception(), Ok(Some(Exception::new("bad input"))));
        assert_eq!(
            failed.result(),
            Err(FutureError::Exception(Exception::new("bad input"))),
            "result() of a panicked task gives its exception"
        );
    });
}

/// asyncio: `loop.create_future()` is a placeholder a task can await and a
/// callback can complete.
#[test]
fn create_future_gives_a_placeholder_tasks_can_await() {
    Runner::with_virtual_clock().run(async {
        let event_loop = get_running_loop();
        let future: asyncio::Future<u32> = event_loop.create_future();
        let waiter = create_task(future.clone());
        let setter = future.clone();
        event_loop.call_later(Duration::from_secs(1), move || {
            setter.set_result(42).unwrap();
        });
        assert_eq!(waiter.await.unwrap(), Ok(42));
        assert_eq!(event_loop.time(), Duration::from_secs(1));
    });
}

/// asyncio's `Runner`: `wait_for` and `timeout` give TimeoutError, and the
/// nowait queue calls QueueEmpty / QueueFull, under asyncio's names.
#[test]
fn errors_have_asyncios_names() {
    Runner::with_virtual_clock().run(async {
        let late = wait_for(sleep(Duration::from_secs(2)), Duration::from_secs(1)).await;
        assert_eq!(late, Err(TimeoutError));
        let queue = Queue::new(1);
        assert!(matches!(queue.get_nowait(), Err(QueueEmpty)));
        queue.put_nowait(1).unwrap();
        assert!(
            matches!(queue.put_nowait(2), Err(QueueFull(2))),
            "QueueFull gives the item back"
        );
    });
}
