//! `put_nowait` and `get_nowait`: no waiting, an error instead.

use aio_executor::spawn;
use aio_queues::{GetNowaitError, PutNowaitError, Queue};

use crate::support::{run, settle};

// Ports test_queues.py's test_nonblocking_put_exception.
#[test]
fn put_nowait_on_a_full_queue_hands_the_item_back_as_queue_full() {
    let q = Queue::new(1);
    q.put_nowait("a").unwrap();
    match q.put_nowait("b") {
        Err(PutNowaitError::QueueFull(item)) => assert_eq!(item, "b"),
        other => panic!("expected QueueFull, got {other:?}"),
    }
    assert_eq!(q.qsize(), 1);
}

// Ports test_queues.py's test_nonblocking_get_exception.
#[test]
fn get_nowait_on_an_empty_queue_is_queue_empty() {
    let q = Queue::<u8>::new(0);
    assert_eq!(q.get_nowait(), Err(GetNowaitError::QueueEmpty));
}

// In the spirit of test_queues.py's test_get_with_putters (an older
// CPython's): get_nowait makes room and lets a waiting put in.
#[test]
fn get_nowait_lets_a_waiting_put_in() {
    let q_after = run(|| async {
        let q = Queue::new(1);
        q.put_nowait(1).unwrap();
        let q2 = q.clone();
        let putter = spawn(async move { q2.put(2).await.unwrap() });
        settle().await;
        assert_eq!(q.get_nowait(), Ok(1));
        putter.await.unwrap();
        q.get_nowait().unwrap()
    });
    assert_eq!(q_after, 2);
}

#[test]
fn put_nowait_wakes_a_waiting_get() {
    let got = run(|| async {
        let q = Queue::new(0);
        let q2 = q.clone();
        let getter = spawn(async move { q2.get().await.unwrap() });
        settle().await;
        q.put_nowait("hi").unwrap();
        getter.await.unwrap()
    });
    assert_eq!(got, "hi");
}

/// CPython 3.11 checked by hand (`asyncio.Queue`): a `put_nowait` wakes the
/// first getter, `get_nowait` takes the item before that getter runs, and
/// the getter, finding the queue empty, waits again *behind* the second
/// getter. So items 2 and 3 go to b and then a. Our queue does the same.
#[test]
fn get_nowait_may_take_an_item_from_under_a_woken_getter_as_in_cpython() {
    let order = run(|| async {
        let q = Queue::new(0);
        let order = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let tasks: Vec<_> = ["a", "b"]
            .into_iter()
            .map(|name| {
                let (q, order) = (q.clone(), order.clone());
                spawn(async move {
                    let item = q.get().await.unwrap();
                    order.borrow_mut().push((name, item));
                })
            })
            .collect();
        settle().await;
        q.put_nowait(1).unwrap(); // wakes a
        let taken = q.get_nowait().unwrap(); // before a runs
        order.borrow_mut().push(("main", taken));
        aio_executor::yield_now().await; // a runs, finds nothing, waits again
        q.put_nowait(2).unwrap();
        q.put_nowait(3).unwrap();
        for t in tasks {
            t.await.unwrap();
        }
        order.take()
    });
    assert_eq!(order, [("main", 1), ("b", 2), ("a", 3)]);
}
