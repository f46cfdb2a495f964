//! A loop gives back the memory a burst of tasks made its task table and
//! ready queue keep (the queue's at the end of any turn, the table's once
//! it goes idle), and keeps what a steady load uses.

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
fn a_loop_kept_busy_after_a_burst_still_gives_the_queue_room_back() {
    // One task that yields for ever keeps something ready at every turn,
    // so the loop is never idle; the burst's room in the queue still goes.
    let event_loop = EventLoop::new();
    let handles = event_loop.run_until_complete(async {
        drop(spawn(async {
            loop {
                yield_now().await;
            }
        }));
        let handles = spawn_waiting(BURST).await;
        yield_now().await;
        handles
    });
    assert_eq!(event_loop.task_count(), BURST + 1);
    let queue = event_loop.ready_queue_capacity();
    assert!(
        queue < BURST / 10,
        "{BURST} tasks were ready once and only one is now, but the busy loop \
         still has room for {queue} ready items"
    );
    drop(handles);
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

#[test]
#[cfg_attr(miri, ignore = "a hundred thousand tasks: minutes under miri")]
fn a_waker_kept_from_a_place_given_back_does_not_wake_the_next_task_there() {
    a_waker_from_a_place_given_back_wakes_nothing(&EventLoop::new());
}

#[test]
#[cfg_attr(miri, ignore = "a hundred thousand tasks: minutes under miri")]
fn after_one_place_wrapped_a_waker_from_a_place_given_back_still_wakes_nothing() {
    let event_loop = EventLoop::new();
    // One busy place: each task ends before the next is spawned, so they
    // all take the same place. Moved to just short of the wrap, eight more
    // tasks take its generation round, through u32::MAX to 0. A loop that
    // runs one short task at a time gets there after four billion tasks;
    // that place must not decide the generations of places made anew.
    event_loop.run_until_complete(async {
        spawn(async {}).await.expect("an empty task");
    });
    event_loop.skip_task_generations(u32::MAX - 4);
    event_loop.run_until_complete(async {
        for _ in 0..8 {
            spawn(async {}).await.expect("an empty task");
        }
    });
    a_waker_from_a_place_given_back_wakes_nothing(&event_loop);
}

/// A burst, the last of which keeps its waker; the loop goes idle and the
/// table gives its pages back; a second burst fills the places again. The
/// kept waker must wake none of the second burst.
fn a_waker_from_a_place_given_back_wakes_nothing(event_loop: &EventLoop) {
    use std::cell::Cell;
    use std::rc::Rc;
    use std::task::{Poll, Waker};

    // The last of a burst sits in the table's highest place; keep its waker.
    let stale: Waker = event_loop.run_until_complete(async {
        let handles = spawn_waiting(BURST - 1).await;
        let last = spawn(std::future::poll_fn(|cx| Poll::Ready(cx.waker().clone())));
        let waker = last.await.expect("the last task returned its waker");
        for handle in handles {
            handle.cancel();
        }
        yield_now().await;
        waker
    });
    // Idle now: the table gave its pages back.
    assert!(
        event_loop.task_table_capacity() < BURST / 10,
        "the table should have shrunk after the burst, it holds {}",
        event_loop.task_table_capacity()
    );
    // A new burst fills the places again, the stale waker's among them.
    let polls = Rc::new(Cell::new(0_usize));
    event_loop.run_until_complete({
        let polls = polls.clone();
        async move {
            let handles: Vec<_> = (0..BURST)
                .map(|_| {
                    let polls = polls.clone();
                    spawn(std::future::poll_fn(move |_| {
                        polls.set(polls.get() + 1);
                        Poll::<()>::Pending
                    }))
                })
                .collect();
            yield_now().await;
            let first = polls.get();
            stale.wake_by_ref();
            yield_now().await;
            assert_eq!(
                polls.get(),
                first,
                "a waker kept from a task that ended woke a task that came later to its place"
            );
            for handle in handles {
                handle.cancel();
            }
        }
    });
}
