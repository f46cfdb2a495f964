//! `maxsize`: a full queue makes `put` wait until a `get` makes room.

use std::cell::RefCell;
use std::rc::Rc;

use aio_executor::spawn;
use aio_queues::Queue;

use crate::support::{run, settle};

// Ports the idea of test_queues.py's test_blocking_put_wait: a put on a
// full queue waits for a get.
#[test]
fn put_on_a_full_queue_waits_for_a_get() {
    let log = run(|| async {
        let log = Rc::new(RefCell::new(Vec::new()));
        let q = Queue::new(1);
        q.put(1).await.unwrap();
        let (q2, l2) = (q.clone(), log.clone());
        let putter = spawn(async move {
            l2.borrow_mut().push("put 2 starts");
            q2.put(2).await.unwrap();
            l2.borrow_mut().push("put 2 done");
        });
        settle().await;
        log.borrow_mut().push("main gets");
        assert_eq!(q.get().await, Ok(1));
        putter.await.unwrap();
        assert_eq!(q.get_nowait(), Ok(2));
        log.take()
    });
    assert_eq!(log, ["put 2 starts", "main gets", "put 2 done"]);
}

// Ports the idea of test_queues.py's test_get_with_waiting_putters.
#[test]
fn waiting_putters_go_in_in_the_order_they_came() {
    let out = run(|| async {
        let q = Queue::new(1);
        q.put_nowait(0).unwrap();
        let putters: Vec<_> = (1..=3)
            .map(|n| {
                let q = q.clone();
                spawn(async move { q.put(n).await.unwrap() })
            })
            .collect();
        settle().await;
        let mut out = Vec::new();
        for _ in 0..4 {
            out.push(q.get().await.unwrap());
        }
        for p in putters {
            p.await.unwrap();
        }
        out
    });
    assert_eq!(out, [0, 1, 2, 3]);
}

#[test]
fn an_unbounded_queue_is_never_full() {
    let q = Queue::new(0);
    for n in 0..10_000 {
        q.put_nowait(n).unwrap();
    }
    assert!(!q.full());
    assert_eq!(q.qsize(), 10_000);
}

// Ports the idea of test_queues.py's test_maxsize.
#[test]
fn a_producer_never_gets_more_than_maxsize_ahead() {
    let most = run(|| async {
        let q = Queue::new(3);
        let most = Rc::new(std::cell::Cell::new(0));
        let (qp, m) = (q.clone(), most.clone());
        let producer = spawn(async move {
            for n in 0..50 {
                qp.put(n).await.unwrap();
                m.set(m.get().max(qp.qsize()));
            }
        });
        for n in 0..50 {
            assert_eq!(q.get().await, Ok(n));
            aio_executor::yield_now().await;
        }
        producer.await.unwrap();
        most.get()
    });
    assert_eq!(most, 3);
}
