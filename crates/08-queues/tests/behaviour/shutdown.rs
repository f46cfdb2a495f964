//! `shutdown`, asyncio 3.13's: puts fail, gets drain then fail, waiters are
//! woken with the error. (Checked against CPython 3.13's Lib/asyncio/queues.py.)

use aio_executor::spawn;
use aio_queues::{GetNowaitError, PutNowaitError, Queue, QueueShutDown};

use crate::support::{run, settle};

// Ports the idea of test_queues.py's _QueueShutdownTestMixin.test_shutdown_empty
// and test_shutdown_nonempty.
#[test]
fn after_shutdown_puts_fail_and_gets_drain_what_is_left_then_fail() {
    let outcome = run(|| async {
        let q = Queue::new(0);
        q.put_nowait(1).unwrap();
        q.put_nowait(2).unwrap();
        q.shutdown(false);
        let put = q.put(3).await;
        let put_nowait = q.put_nowait(4);
        let got = (q.get().await, q.get_nowait(), q.get().await);
        (
            put.map_err(|QueueShutDown(item)| item),
            matches!(put_nowait, Err(PutNowaitError::QueueShutDown(4))),
            got,
            q.get_nowait(),
        )
    });
    assert_eq!(outcome.0, Err(3));
    assert!(outcome.1);
    assert_eq!(outcome.2, (Ok(1), Ok(2), Err(QueueShutDown(()))));
    assert_eq!(outcome.3, Err(GetNowaitError::QueueShutDown));
}

#[test]
fn shutdown_wakes_blocked_getters_and_putters_with_the_error() {
    let (getter, putter) = run(|| async {
        let empty = Queue::<u8>::new(0);
        let full = Queue::new(1);
        full.put_nowait(0).unwrap();
        let (e, f) = (empty.clone(), full.clone());
        let getter = spawn(async move { e.get().await });
        let putter = spawn(async move { f.put(1).await.map_err(|QueueShutDown(n)| n) });
        settle().await;
        empty.shutdown(false);
        full.shutdown(false);
        (getter.await.unwrap(), putter.await.unwrap())
    });
    assert_eq!(getter, Err(QueueShutDown(())));
    assert_eq!(putter, Err(1));
}

// Ports the idea of test_queues.py's _QueueShutdownTestMixin.test_shutdown_immediate.
#[test]
fn immediate_shutdown_drops_the_items_and_counts_them_done_for_join() {
    let (qsize, get) = run(|| async {
        let q = Queue::new(0);
        for n in 0..3 {
            q.put_nowait(n).unwrap();
        }
        let q2 = q.clone();
        let joiner = spawn(async move { q2.join().await });
        settle().await;
        q.shutdown(true);
        joiner.await.unwrap(); // nothing unfinished: the three were counted done
        (q.qsize(), q.get().await)
    });
    assert_eq!(qsize, 0);
    assert_eq!(get, Err(QueueShutDown(())));
}

// Ports the idea of test_queues.py's test_shutdown_immediate_with_unfinished.
#[test]
fn immediate_shutdown_leaves_join_waiting_for_items_already_got() {
    let joined_early = run(|| async {
        let q = Queue::new(0);
        q.put_nowait(1).unwrap();
        q.put_nowait(2).unwrap();
        q.get_nowait().unwrap(); // got, not yet done
        let q2 = q.clone();
        let joiner = spawn(async move { q2.join().await });
        q.shutdown(true);
        settle().await;
        let early = joiner.done();
        q.task_done().unwrap();
        joiner.await.unwrap();
        early
    });
    assert!(!joined_early);
}

#[test]
fn a_waker_that_panics_during_shutdown_leaves_the_other_getters_droppable() {
    use std::future::Future;
    use std::panic::{AssertUnwindSafe, catch_unwind};
    use std::sync::Arc;
    use std::task::{Context, Wake, Waker};

    use aio_queues::Queue;

    struct Panicky;
    impl Wake for Panicky {
        fn wake(self: Arc<Self>) {
            panic!("this waker panics");
        }
    }

    let queue: Queue<u32> = Queue::new(0);
    let panicky = Waker::from(Arc::new(Panicky));
    let mut gets: Vec<_> = (0..4).map(|_| Box::pin(queue.get())).collect();
    for (n, get) in gets.iter_mut().enumerate() {
        let waker = if n == 2 { &panicky } else { Waker::noop() };
        let poll = get.as_mut().poll(&mut Context::from_waker(waker));
        assert!(poll.is_pending());
    }
    queue.put_nowait(1).expect("room for one"); // wakes getter 0
    // Shutdown wakes getter 1, then getter 2's waker panics before 3.
    assert!(catch_unwind(AssertUnwindSafe(|| queue.shutdown(false))).is_err());
    // Dropped, getters 0 and 1 pass on the wake-ups they were handed; the
    // waiter list must still know who is left to wake.
    let mut panicked = Vec::new();
    for (n, get) in gets.into_iter().enumerate() {
        if catch_unwind(AssertUnwindSafe(move || drop(get))).is_err() {
            panicked.push(n);
        }
    }
    assert_eq!(
        panicked,
        Vec::<usize>::new(),
        "dropping these getters panicked"
    );
}
