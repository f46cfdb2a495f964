//! Spurious wakes are harmless (DESIGN §10): polling a waiting future again
//! without its turn having come changes nothing, neither its place in line
//! nor anyone else's.

use std::task::Poll;

use aio_queues::{Event, Lock, Queue, Semaphore};
use aio_testkit::wake::{counting_waker, poll_with};

#[test]
fn a_getter_polled_again_and_again_keeps_its_place() {
    let q = Queue::new(0);
    let (_, waker) = counting_waker();
    let mut first = q.get();
    let mut second = q.get();
    for _ in 0..5 {
        assert!(poll_with(&mut first, &waker).is_pending());
        assert!(poll_with(&mut second, &waker).is_pending());
    }
    q.put_nowait(1).unwrap();
    // The second one, polled without having been woken, must not take it.
    assert!(poll_with(&mut second, &waker).is_pending());
    assert_eq!(poll_with(&mut first, &waker), Poll::Ready(Ok(1)));
}

#[test]
fn a_waiting_acquire_polled_spuriously_does_not_take_the_lock() {
    let lock = Lock::new();
    let (wakes, waker) = counting_waker();
    let Poll::Ready(held) = poll_with(&mut lock.acquire(), &waker) else {
        panic!("free lock");
    };
    let mut first = lock.acquire();
    let mut second = lock.acquire();
    assert!(poll_with(&mut first, &waker).is_pending());
    assert!(poll_with(&mut second, &waker).is_pending());
    drop(held);
    assert_eq!(wakes.wakes(), 1, "one release wakes one waiter");
    for _ in 0..3 {
        assert!(poll_with(&mut second, &waker).is_pending());
    }
    assert!(poll_with(&mut first, &waker).is_ready());
}

#[test]
fn the_newest_waker_is_the_one_woken() {
    let sem = Semaphore::new(0);
    let (old_count, old) = counting_waker();
    let (new_count, new) = counting_waker();
    let mut acquire = sem.acquire();
    assert!(poll_with(&mut acquire, &old).is_pending());
    assert!(poll_with(&mut acquire, &new).is_pending());
    sem.release();
    assert_eq!((old_count.wakes(), new_count.wakes()), (0, 1));
    assert!(poll_with(&mut acquire, &new).is_ready());
}

#[test]
fn an_event_wait_polled_before_set_stays_pending_and_is_woken_once() {
    let event = Event::new();
    let (wakes, waker) = counting_waker();
    let mut wait = event.wait();
    for _ in 0..3 {
        assert!(poll_with(&mut wait, &waker).is_pending());
    }
    event.set();
    event.set();
    assert_eq!(wakes.wakes(), 1);
    assert!(poll_with(&mut wait, &waker).is_ready());
}
