//! Which item comes out next: FIFO, LIFO, smallest first.

use aio_queues::{LifoQueue, PriorityQueue, Queue};

// Ports test_queues.py's test_order (of QueueBasicTests, LifoQueueTests and
// PriorityQueueTests), one test each.
#[test]
fn queue_hands_items_out_first_in_first_out() {
    let q = Queue::new(0);
    for n in [1, 3, 2] {
        q.put_nowait(n).unwrap();
    }
    let out: Vec<_> = (0..3).map(|_| q.get_nowait().unwrap()).collect();
    assert_eq!(out, [1, 3, 2]);
}

#[test]
fn lifo_queue_hands_out_the_last_item_put() {
    let q = LifoQueue::new(0);
    for n in [1, 3, 2] {
        q.put_nowait(n).unwrap();
    }
    let out: Vec<_> = (0..3).map(|_| q.get_nowait().unwrap()).collect();
    assert_eq!(out, [2, 3, 1]);
}

#[test]
fn priority_queue_hands_out_the_smallest_item_like_heapq() {
    let q = PriorityQueue::new(0);
    for item in [(3, "c"), (1, "a"), (2, "b"), (1, "0")] {
        q.put_nowait(item).unwrap();
    }
    let out: Vec<_> = (0..4).map(|_| q.get_nowait().unwrap()).collect();
    assert_eq!(out, [(1, "0"), (1, "a"), (2, "b"), (3, "c")]);
}

#[test]
fn waiting_getters_are_served_in_the_order_they_came() {
    let got = crate::support::run(|| async {
        let q = Queue::new(0);
        let getters: Vec<_> = (0..3)
            .map(|i| {
                let q = q.clone();
                aio_executor::spawn(async move { (i, q.get().await.unwrap()) })
            })
            .collect();
        crate::support::settle().await;
        for item in ["a", "b", "c"] {
            q.put_nowait(item).unwrap();
        }
        let mut got = Vec::new();
        for g in getters {
            got.push(g.await.unwrap());
        }
        got
    });
    assert_eq!(got, [(0, "a"), (1, "b"), (2, "c")]);
}

#[test]
fn size_queries_follow_the_items() {
    let q = Queue::new(2);
    assert!(q.empty() && !q.full());
    assert_eq!((q.qsize(), q.maxsize()), (0, 2));
    q.put_nowait('x').unwrap();
    q.put_nowait('y').unwrap();
    assert!(!q.empty() && q.full());
    assert_eq!(q.qsize(), 2);
}

#[test]
fn handles_are_one_queue() {
    let q = Queue::new(0);
    let other = q.clone();
    q.put_nowait(7).unwrap();
    assert_eq!(other.get_nowait(), Ok(7));
}
