//! A loop gives back the memory a burst of tasks made its task table and
//! ready queue keep, once it goes idle, and keeps what a steady load uses.

use std::future::pending;

use aio_executor::{EventLoop, JoinHandle, spawn, yield_now};

/// Big enough that its table and queue dwarf what an idle loop keeps.
/// (These tests check a sizing policy, not unsafe code or races: miri, a
/// thousand times slower, has nothing to add to them, so it skips them.)
const BURST: usize = 100_000;

/// Spawns `n` tasks that wait for ever, and lets each take its first step.
async fn spawn_waiting(n: usize) -> Vec<JoinHandle<()>> {
    let handles: Vec<_> = (0..n).map(|_| spawn(pending::<()>())).collect();
    yield_now().await;
    handles
}

#[test]
#[cfg_attr(miri, ignore = "a sizing policy, and minutes under miri")]
fn the_table_and_queue_shrink_when_the_loop_goes_idle_after_a_burst() {
    let event_loop = EventLoop::new();
    event_loop.run_until_complete(async {
        for handle in spawn_waiting(BURST).await {
            handle.cancel();
        }
        yield_now().await; // the loop drops the cancelled tasks
    });
    assert_eq!(event_loop.task_count(), 0);
    let (table, queue) = (
        event_loop.task_table_capacity(),
        event_loop.ready_queue_capacity(),
    );
    assert!(
        table < BURST / 10 && queue < BURST / 10,
        "after {BURST} tasks came and went, the idle loop still has room for \
         {table} tasks and {queue} ready items"
    );
}

#[test]
#[cfg_attr(miri, ignore = "a sizing policy, and minutes under miri")]
fn a_loop_that_still_uses_most_of_its_table_keeps_it() {
    // Shrinking only what is far too big (hysteresis) means a load that
    // goes down a little does not make the loop reallocate.
    let event_loop = EventLoop::new();
    let handles = event_loop.run_until_complete(spawn_waiting(BURST));
    let table = event_loop.task_table_capacity();
    assert!(table >= BURST);
    event_loop.run_until_complete(async move {
        for handle in &handles[..BURST / 4] {
            handle.cancel();
        }
        yield_now().await;
        handles
    });
    assert_eq!(event_loop.task_count(), BURST - BURST / 4);
    assert_eq!(event_loop.task_table_capacity(), table);
}
