//! A loop kept in a thread-local is dropped when its thread exits, after
//! the thread's running-loop slot (`CURRENT`) may already be gone. Closing
//! it then must not touch that slot: a panic in a thread-local's destructor
//! aborts the whole process.

use std::future::pending;

use aio_executor::{EventLoop, spawn, yield_now};

thread_local! {
    static LOOP: EventLoop = EventLoop::new();
}

#[test]
fn a_loop_in_a_thread_local_with_a_live_task_closes_at_thread_exit() {
    // `LOOP` is set up before the loop first runs, so its destructor runs
    // after `CURRENT`'s (they run last-registered first).
    let joined = std::thread::spawn(|| {
        LOOP.with(|event_loop| {
            event_loop.run_until_complete(async {
                drop(spawn(pending::<()>()));
                yield_now().await;
            });
            assert_eq!(event_loop.task_count(), 1, "the pending task is live");
        });
    })
    .join();
    assert!(joined.is_ok(), "the thread's exit panicked");
}
