//! The claims of the book's appendix "asyncio → ours" that are not a
//! plain re-export: each test checks one row.

use std::sync::mpsc;
use std::time::Duration;

use asyncio::prelude::*;

/// `asyncio.run_coroutine_threadsafe` has no single call here; the
/// appendix composes it from `call_soon_threadsafe`, `create_task` and a
/// channel. This is that composition, working.
#[test]
fn run_coroutine_threadsafe_is_call_soon_threadsafe_plus_create_task() {
    let answer = asyncio::run(async {
        let handle = get_running_loop().handle();
        let (tx, rx) = mpsc::channel();
        let helper = std::thread::spawn(move || {
            handle
                .call_soon_threadsafe(move || {
                    // On the loop's thread, in a callback: a task may be
                    // created here, and its value sent back.
                    let _task = create_task(async move {
                        asyncio::sleep(Duration::from_millis(1)).await;
                        tx.send(6 * 7).expect("the helper waits for the answer");
                    });
                })
                .expect("the loop is running");
        });
        // The loop must go on running for the callback and the task to run:
        // wait for the answer without blocking it.
        let answer = wait_for(
            async move {
                loop {
                    if let Ok(answer) = rx.try_recv() {
                        return answer;
                    }
                    asyncio::sleep(Duration::from_millis(1)).await;
                }
            },
            Duration::from_secs(20),
        )
        .await;
        helper.join().expect("the helper thread");
        answer
    });
    assert_eq!(answer, Ok(42), "the task created from another thread ran");
}

/// `asyncio.current_task()` is `None` in a callback, as in asyncio, and
/// the running task's own `TaskRef` in a task.
#[test]
fn current_task_is_none_in_a_callback_and_the_task_in_a_task() {
    let (in_callback, in_task) = asyncio::run(async {
        let (tx, rx) = std::sync::mpsc::channel();
        call_soon(move || tx.send(current_task().is_none()).unwrap());
        let task = create_task_named("worker", async {
            current_task().map(|task| task.name().to_owned())
        });
        let in_task = task.await.unwrap();
        (rx.recv().unwrap(), in_task)
    });
    assert!(in_callback, "current_task() in a callback should be None");
    assert_eq!(in_task.as_deref(), Some("worker"));
}

/// `Task.cancel()` returns `false` once the task has ended, `true` while it
/// can still be cancelled, as asyncio's.
#[test]
fn cancel_says_whether_the_request_was_made() {
    Runner::with_virtual_clock().run(async {
        let quick = create_task(async { 1 });
        let slow = create_task(asyncio::sleep(Duration::from_secs(60)));
        asyncio::sleep(Duration::from_secs(1)).await;
        assert!(quick.done());
        assert!(!quick.cancel(), "an ended task cannot be cancelled");
        assert!(slow.cancel(), "a sleeping task can");
        assert!(slow.await.unwrap_err().is_cancelled());
    });
}
