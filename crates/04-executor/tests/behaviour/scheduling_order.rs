//! asyncio's scheduling rules: a new task waits for its creator to yield,
//! and ready work runs first-in, first-out.

use std::cell::RefCell;
use std::rc::Rc;

use aio_executor::{EventLoop, call_soon, run, spawn, yield_now};

type Log = Rc<RefCell<Vec<String>>>;

fn log() -> Log {
    Rc::default()
}

fn push(log: &Log, line: impl Into<String>) {
    log.borrow_mut().push(line.into());
}

#[test]
fn a_created_task_does_not_run_until_its_creator_yields() {
    let lines = log();
    let l = lines.clone();
    run(async move {
        let child_log = l.clone();
        let child = spawn(async move { push(&child_log, "child") });
        push(&l, "parent after spawn");
        push(&l, "parent still running");
        child.await.unwrap();
        push(&l, "parent after await");
    });
    assert_eq!(
        *lines.borrow(),
        [
            "parent after spawn",
            "parent still running",
            "child",
            "parent after await"
        ]
    );
}

#[test]
fn ready_tasks_run_in_the_order_they_became_ready() {
    let lines = log();
    let l = lines.clone();
    run(async move {
        let handles: Vec<_> = (1..=3)
            .map(|n| {
                let l = l.clone();
                spawn(async move {
                    push(&l, format!("task {n} step 1"));
                    yield_now().await;
                    push(&l, format!("task {n} step 2"));
                })
            })
            .collect();
        for handle in handles {
            handle.await.unwrap();
        }
    });
    assert_eq!(
        *lines.borrow(),
        [
            "task 1 step 1",
            "task 2 step 1",
            "task 3 step 1",
            "task 1 step 2",
            "task 2 step 2",
            "task 3 step 2",
        ]
    );
}

#[test]
fn call_soon_callbacks_share_the_fifo_with_tasks() {
    let lines = log();
    let l = lines.clone();
    run(async move {
        let (a, b) = (l.clone(), l.clone());
        let task = spawn(async move { push(&a, "task") });
        call_soon(move || push(&b, "callback"));
        push(&l, "main");
        task.await.unwrap();
    });
    assert_eq!(*lines.borrow(), ["main", "task", "callback"]);
}

#[test]
fn a_cancelled_callback_does_not_run() {
    let lines = log();
    let l = lines.clone();
    run(async move {
        let b = l.clone();
        let handle = call_soon(move || push(&b, "callback"));
        handle.cancel();
        yield_now().await;
        assert!(handle.is_spent());
    });
    assert!(lines.borrow().is_empty());
}

#[test]
fn run_until_complete_keeps_unfinished_tasks_for_the_next_call() {
    let event_loop = EventLoop::new();
    let lines = log();
    let l = lines.clone();
    // The first call returns while the background task is still pending:
    // the handle comes out in a tuple, unawaited on purpose.
    let (background,) = event_loop.run_until_complete(async move {
        let handle = spawn(async move {
            yield_now().await;
            yield_now().await;
            push(&l, "background finished");
        });
        (handle,)
    });
    assert!(!background.done());
    assert_eq!(event_loop.task_count(), 1);
    // A task made on the loop before it runs again (asyncio's
    // `loop.create_task` outside the loop) runs on the next call.
    let l = lines.clone();
    let early = event_loop.create_task(async move { push(&l, "created between runs") });
    assert!(!early.done());
    event_loop.run_until_complete(background).unwrap();
    assert!(early.done());
    assert_eq!(
        *lines.borrow(),
        ["created between runs", "background finished"]
    );
}
