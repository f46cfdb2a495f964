//! `to_thread`'s pool: asyncio's default executor is a ThreadPoolExecutor
//! of `min(32, cores + 4)` threads; ours has the same bound.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use asyncio::prelude::*;

/// Many more calls than threads: all finish, with their own results, and
/// never more than the pool's bound run at once.
#[test]
fn to_thread_runs_many_calls_on_a_bounded_pool() {
    let running = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let calls = 4 * aio_reactor::max_threads();
    let results = asyncio::run({
        let (running, most) = (running.clone(), most.clone());
        async move {
            gather((0..calls).map(|n| {
                let (running, most) = (running.clone(), most.clone());
                to_thread(move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(5));
                    running.fetch_sub(1, Ordering::SeqCst);
                    n * 2
                })
            }))
            .await
            .unwrap()
        }
    });
    assert_eq!(results, (0..calls).map(|n| n * 2).collect::<Vec<_>>());
    let most = most.load(Ordering::SeqCst);
    assert!(
        most <= aio_reactor::max_threads(),
        "{most} calls ran at once; the pool allows {}",
        aio_reactor::max_threads()
    );
    assert!(aio_reactor::live_threads() <= aio_reactor::max_threads());
}

/// A panic in the thread's call reaches the awaiting task, as asyncio
/// re-raises the function's exception; the pool goes on serving.
#[test]
fn a_panic_in_to_thread_reaches_the_awaiting_task_and_the_pool_survives() {
    asyncio::run(async {
        let failed = create_task(to_thread(|| -> u32 { panic!("disk on fire") }));
        let err = failed.await.unwrap_err();
        assert_eq!(err.panic_message(), Some("disk on fire"));
        assert_eq!(
            to_thread(|| 5).await,
            5,
            "the pool should serve the next call"
        );
    });
}
