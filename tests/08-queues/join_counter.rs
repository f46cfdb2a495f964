// Suite for exercise 8.3, task_done and join. Written once, run against the
// stub (`ex08-queues`) and the solution (`sol08-queues`) through a wrapper
// that names the code under test `subject`. Everything runs on the virtual
// clock under a one-hour guard, so a joiner that is never woken fails
// instead of hanging.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use aio_executor::{JoinHandle, spawn};
use aio_timers::{now, sleep};
use subject::{TaskDoneError, WorkQueue};

// Chapter 8's shared helpers: `SECOND`, `run`, `settle`, `Log`, `Rng`.
include!("support/common.rs");

/// Calls `task_done`, turning a panic into a failure that says what to do.
fn task_done(queue: &WorkQueue<u32>) -> Result<(), TaskDoneError> {
    catch_unwind(AssertUnwindSafe(|| queue.task_done())).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        if message.contains("overflow") {
            panic!(
                "task_done() panicked with {message:?}: with nothing unfinished, \
                 `unfinished - 1` overflows. Check the count first and return \
                 Err(TaskDoneError), as asyncio raises ValueError"
            )
        }
        resume_unwind(payload)
    })
}

/// A task that joins the queue and returns the time it came back.
fn joiner(queue: &WorkQueue<u32>) -> JoinHandle<Duration> {
    let queue = queue.clone();
    spawn(async move {
        queue.join().await;
        now()
    })
}

/// A consumer that takes each item, works on it for a second, and marks it
/// done.
fn consumer(queue: &WorkQueue<u32>) -> JoinHandle<()> {
    let queue = queue.clone();
    spawn(async move {
        while queue.get_nowait().is_some() {
            sleep(SECOND).await;
            queue.task_done().expect("one task_done per item taken");
        }
    })
}

#[test]
fn task_done_counts_one_item_down() {
    let queue = WorkQueue::new();
    queue.put(1);
    queue.put(2);
    assert_eq!(
        task_done(&queue),
        Ok(()),
        "task_done() on a queue with unfinished items must succeed"
    );
    assert_eq!(
        queue.unfinished(),
        1,
        "task_done() did not count one item down"
    );
}

#[test]
fn task_done_more_times_than_items_is_an_error() {
    let queue = WorkQueue::new();
    assert_eq!(
        task_done(&queue),
        Err(TaskDoneError),
        "task_done() on a queue with nothing unfinished must fail: asyncio \
         raises ValueError('task_done() called too many times')"
    );
    queue.put(1);
    assert_eq!(
        task_done(&queue),
        Ok(()),
        "task_done() after a put must succeed"
    );
    assert_eq!(
        task_done(&queue),
        Err(TaskDoneError),
        "task_done() was called more times than items were put, and it \
         succeeded: asyncio raises ValueError('task_done() called too many times')"
    );
    assert_eq!(
        queue.unfinished(),
        0,
        "a refused task_done() changed the count"
    );
    assert_eq!(
        TaskDoneError.to_string(),
        "task_done() called too many times",
        "TaskDoneError must say what asyncio's ValueError says"
    );
}

#[test]
fn join_returns_at_once_when_nothing_is_unfinished() {
    let queue = WorkQueue::<u32>::new();
    let mut cx = Context::from_waker(Waker::noop());
    assert_eq!(
        pin!(queue.join()).poll(&mut cx),
        Poll::Ready(()),
        "join() waited on a queue that never had an item: with nothing \
         unfinished, asyncio's join returns at once"
    );
    queue.put(1);
    queue.get_nowait();
    task_done(&queue).unwrap();
    assert_eq!(
        pin!(queue.join()).poll(&mut cx),
        Poll::Ready(()),
        "join() waited although every item was done: with the count at 0, \
         join returns at once"
    );
}

#[test]
fn join_waits_while_an_item_taken_is_not_done() {
    let queue = WorkQueue::new();
    queue.put(1);
    queue.get_nowait();
    let mut cx = Context::from_waker(Waker::noop());
    assert_eq!(
        pin!(queue.join()).poll(&mut cx),
        Poll::Pending,
        "join() returned while an item was unfinished (taking an item does \
         not finish it: task_done does)"
    );
}

#[test]
fn join_returns_when_the_last_item_is_done_not_before() {
    let returned_at = run(
        "join() never returned: when task_done() brings the count to zero, \
         wake the joiners",
        async {
            let queue = WorkQueue::new();
            for item in 0..3 {
                queue.put(item);
            }
            let waiting = joiner(&queue);
            let work = consumer(&queue);
            work.await.expect("the consumer failed");
            waiting.await.expect("the joiner failed")
        },
    );
    assert_eq!(
        returned_at,
        3 * SECOND,
        "join() returned before every item was done (three items, one second \
         each): a joiner returns only once the count has reached zero"
    );
}

#[test]
fn every_joiner_is_woken() {
    let times = run(
        "a joiner never returned: when the count reaches zero, wake every \
         task waiting in join(), not just one",
        async {
            let queue = WorkQueue::new();
            queue.put(1);
            queue.put(2);
            let joiners: Vec<_> = (0..3).map(|_| joiner(&queue)).collect();
            let work = consumer(&queue);
            work.await.expect("the consumer failed");
            let mut times = Vec::new();
            for handle in joiners {
                times.push(handle.await.expect("a joiner failed"));
            }
            times
        },
    );
    assert_eq!(
        times,
        [2 * SECOND; 3],
        "the joiners did not all return when the last of two items was done \
         (at 2 s): wake them when the count reaches zero, not before"
    );
}

#[test]
fn a_joiner_returns_when_the_count_reached_zero_even_if_new_work_came_before_it_ran() {
    let returned_at = run(
        "join() missed the moment the count reached zero: a put() came before \
         the woken joiner ran, and it went on waiting. asyncio's join returns \
         once the count has reached zero (its event was set), whatever came \
         after; note the round it started waiting in",
        async {
            let queue = WorkQueue::new();
            queue.put(1);
            let waiting = joiner(&queue);
            sleep(SECOND).await; // the joiner waits
            queue.get_nowait();
            queue.task_done().unwrap(); // zero: the joiner is woken...
            queue.put(2); // ...and new work arrives before it runs
            waiting.await.expect("the joiner failed")
        },
    );
    assert_eq!(
        returned_at, SECOND,
        "the joiner must return at 1 s, when the count reached zero, even though new work came \
         before it ran"
    );
}

#[test]
fn join_can_be_awaited_again_for_the_next_batch() {
    let times = run(
        "the second join() never returned: each batch's last task_done must \
         wake the joiners waiting then",
        async {
            let queue = WorkQueue::new();
            queue.put(1);
            let _first = consumer(&queue);
            queue.join().await;
            let first = now();
            queue.put(2);
            queue.put(3);
            let _second = consumer(&queue);
            queue.join().await;
            (first, now())
        },
    );
    assert_eq!(
        times,
        (SECOND, 3 * SECOND),
        "the second join() did not return when its batch was done (at 3 s)"
    );
}
