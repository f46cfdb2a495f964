//! `task_done` and `join`: waiting until every item was processed.

use std::cell::RefCell;
use std::rc::Rc;

use aio_executor::{spawn, yield_now};
use aio_queues::{Queue, TaskDoneError};

use crate::support::{run, settle};

// Ports test_queues.py's test_join_empty_queue: nothing unfinished, join
// returns at once (here: on its first poll).
#[test]
fn join_returns_at_once_when_nothing_is_unfinished() {
    let q = Queue::<u8>::new(0);
    let (counter, waker) = aio_testkit::wake::counting_waker();
    let mut join = q.join();
    assert!(aio_testkit::wake::poll_with(&mut join, &waker).is_ready());
    assert_eq!(counter.wakes(), 0);

    // Also after items came and were all marked done.
    q.put_nowait(1).unwrap();
    q.get_nowait().unwrap();
    q.task_done().unwrap();
    let mut join = q.join();
    assert!(aio_testkit::wake::poll_with(&mut join, &waker).is_ready());
}

// Ports test_queues.py's test_task_done_underflow.
#[test]
fn task_done_more_often_than_items_were_put_is_an_error() {
    let q = Queue::new(0);
    assert_eq!(q.task_done(), Err(TaskDoneError));
    q.put_nowait(1).unwrap();
    assert_eq!(q.task_done(), Ok(()));
    assert_eq!(q.task_done(), Err(TaskDoneError));
    assert_eq!(
        TaskDoneError.to_string(),
        "task_done() called too many times"
    );
}

/// Claim C44: `await q.join()` waits for the consumers too. Emptying the
/// queue is not enough: join returns only after the last `task_done`, so a
/// consumer still working on its item holds it up.
// Ports test_queues.py's test_task_done (join waits for every task_done).
#[test]
fn join_waits_for_the_consumers_task_done_not_just_an_empty_queue() {
    let log = run(|| async {
        let q = Queue::new(0);
        let log = Rc::new(RefCell::new(Vec::new()));
        for n in 0..3 {
            q.put_nowait(n).unwrap();
        }
        let (qc, lc) = (q.clone(), log.clone());
        let consumer = spawn(async move {
            loop {
                let n = qc.get().await.unwrap();
                yield_now().await; // working on it
                yield_now().await;
                lc.borrow_mut()
                    .push(format!("done {n} (queue empty: {})", qc.empty()));
                qc.task_done().unwrap();
            }
        });
        q.join().await;
        log.borrow_mut().push("join returned".to_owned());
        consumer.cancel();
        log.take()
    });
    assert_eq!(
        log,
        [
            "done 0 (queue empty: false)",
            "done 1 (queue empty: false)",
            "done 2 (queue empty: true)",
            "join returned"
        ]
    );
}

#[test]
fn every_joiner_is_released_by_the_last_task_done() {
    let released = run(|| async {
        let q = Queue::new(0);
        q.put_nowait(()).unwrap();
        let joiners: Vec<_> = (0..3)
            .map(|_| {
                let q = q.clone();
                spawn(async move { q.join().await })
            })
            .collect();
        settle().await;
        assert!(joiners.iter().all(|j| !j.done()));
        q.get_nowait().unwrap();
        q.task_done().unwrap();
        let mut released = 0;
        for j in joiners {
            j.await.unwrap();
            released += 1;
        }
        released
    });
    assert_eq!(released, 3);
}

#[test]
fn a_put_after_join_started_keeps_it_waiting_for_that_item_too() {
    let order = run(|| async {
        let q = Queue::new(0);
        let order = Rc::new(RefCell::new(Vec::new()));
        q.put_nowait(1).unwrap();
        let (qj, oj) = (q.clone(), order.clone());
        let joiner = spawn(async move {
            qj.join().await;
            oj.borrow_mut().push("joined");
        });
        settle().await;
        q.put_nowait(2).unwrap();
        for _ in 0..2 {
            q.get_nowait().unwrap();
            settle().await;
            order.borrow_mut().push("task_done");
            q.task_done().unwrap();
        }
        joiner.await.unwrap();
        order.take()
    });
    assert_eq!(order, ["task_done", "task_done", "joined"]);
}
