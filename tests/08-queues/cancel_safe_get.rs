// Suite for exercise 8.1, a cancel-safe `get`. Written once, run against the
// stub (`ex08-queues`) and the solution (`sol08-queues`) through a wrapper
// that names the code under test `subject`. Everything runs on the virtual
// clock under a one-hour guard, so a lost wake-up fails instead of hanging.
//
// Cancelling a task here is asyncio's `task.cancel()`: the loop drops the
// task's future at its next turn, so the `Get` it was awaiting is dropped
// and its `Drop` runs.

use std::cell::RefCell;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use aio_executor::{JoinHandle, spawn, yield_now};
use subject::Queue;

// Chapter 8's shared helpers: `SECOND`, `run`, `settle`, `Log`, `Rng`.
include!("support/common.rs");

/// A task that waits for one item and returns it.
fn getter(queue: &Queue<u32>) -> JoinHandle<u32> {
    let queue = queue.clone();
    spawn(async move { queue.get().await })
}

#[test]
fn an_item_that_is_there_is_taken_without_waiting() {
    let queue = Queue::new();
    queue.put(7);
    let mut get = pin!(queue.get());
    let poll = get.as_mut().poll(&mut Context::from_waker(Waker::noop()));
    assert_eq!(
        poll,
        Poll::Ready(7),
        "get() waited although an item was in the queue"
    );
    assert!(queue.is_empty(), "the item was not taken out of the queue");
}

#[test]
fn a_getter_polled_twice_waits_in_line_once() {
    let queue = Queue::<u32>::new();
    let mut get = pin!(queue.get());
    let mut cx = Context::from_waker(Waker::noop());
    assert_eq!(
        get.as_mut().poll(&mut cx),
        Poll::Pending,
        "a getter polled on an empty queue must be Pending"
    );
    assert_eq!(
        queue.waiting_getters(),
        1,
        "a getter on an empty queue must put itself on the waiting list"
    );
    assert_eq!(
        get.as_mut().poll(&mut cx),
        Poll::Pending,
        "a getter polled again on an empty queue must still be Pending"
    );
    assert_eq!(
        queue.waiting_getters(),
        1,
        "a getter polled again while in line joined the line a second time: \
         keep its place and only refresh its waker"
    );
}

#[test]
fn getters_are_served_in_the_order_they_waited() {
    let got = run("a getter was never woken for its item", async {
        let queue = Queue::new();
        let getters: Vec<_> = (0..3).map(|_| getter(&queue)).collect();
        settle().await; // all three wait, first one first
        for item in [10, 20, 30] {
            queue.put(item);
        }
        let mut got = Vec::new();
        for handle in getters {
            got.push(handle.await.expect("a getter task failed"));
        }
        got
    });
    assert_eq!(
        got,
        [10, 20, 30],
        "getters were not served first come, first served: asyncio's getters \
         wait in a FIFO line (push at the back, put wakes the front)"
    );
}

#[test]
fn a_getter_waits_until_an_item_is_put() {
    let got = run("the getter was never woken by put", async {
        let queue = Queue::new();
        let waiting = getter(&queue);
        settle().await;
        assert!(!waiting.done(), "get() returned from an empty queue");
        queue.put(5);
        waiting.await.expect("the getter task failed")
    });
    assert_eq!(
        got, 5,
        "the waiting getter must get the item put after it started waiting"
    );
}

#[test]
fn a_getter_cancelled_while_waiting_leaves_the_line() {
    let (left, got) = run(
        "the item went to a cancelled getter and nobody else was woken: \
         take a cancelled getter off the waiting list in Drop",
        async {
            let queue = Queue::new();
            let cancelled = getter(&queue);
            settle().await;
            cancelled.cancel();
            settle().await;
            let left = queue.waiting_getters();
            let live = getter(&queue);
            settle().await;
            queue.put(1);
            (left, live.await.expect("the live getter failed"))
        },
    );
    assert_eq!(
        left, 0,
        "a cancelled getter is still on the waiting list: take it off in Drop"
    );
    assert_eq!(got, 1, "the getter left must get the one item put");
}

#[test]
fn a_woken_getter_cancelled_before_it_ran_passes_the_item_on() {
    let (got, first) = run(
        "an item was lost when a woken getter was cancelled: the second getter \
         still waits while the item sits in the queue. A getter that put woke \
         but that is dropped before it ran must pass the wake-up on in Drop",
        async {
            let queue = Queue::new();
            let first = getter(&queue);
            let second = getter(&queue);
            settle().await; // both wait, `first` at the front
            queue.put(42); // wakes `first` and takes it off the line...
            first.cancel(); // ...which is cancelled before it runs
            let got = second.await.expect("the second getter failed");
            (got, first.await)
        },
    );
    assert_eq!(
        got, 42,
        "the second getter must get the item the cancelled first getter was woken for"
    );
    assert!(
        first.is_err_and(|e| e.is_cancelled()),
        "the first getter was not cancelled"
    );
}

#[test]
fn a_cancelled_getter_that_was_not_woken_wakes_nobody() {
    let hang = "a getter was never woken for its item: is the cancelled getter \
                still on the waiting list, taking the wake-ups meant for others?";
    let got = run(hang, async {
        let queue = Queue::new();
        let a = getter(&queue);
        let b = getter(&queue);
        let c = getter(&queue);
        settle().await;
        b.cancel(); // in line, never woken: it only leaves the line
        settle().await;
        queue.put(1);
        queue.put(2);
        let a = a.await.expect("getter a failed");
        let c = c.await.expect("getter c failed");
        (a, c)
    });
    assert_eq!(
        got,
        (1, 2),
        "after cancelling b, which put had not woken, a (first in line) and c \
         did not get 1 and 2 in that order. If getters are served in order \
         otherwise, the cancelled getter woke someone: pass a wake-up on only \
         if this getter was woken (it is off the list) and an item is waiting"
    );
}

#[test]
fn a_woken_getter_whose_item_was_taken_passes_nothing_on() {
    let got = run("a getter was never woken for its item", async {
        let queue = Queue::new();
        let a = getter(&queue);
        let b = getter(&queue);
        let c = getter(&queue);
        settle().await;
        queue.put(1); // wakes a
        assert_eq!(
            queue.get_nowait(),
            Some(1),
            "get_nowait must take the item put, even though a getter was woken for it"
        ); // but we take the item first
        a.cancel(); // a was woken, yet no item waits for anyone
        settle().await;
        queue.put(2);
        queue.put(3);
        let b = b.await.expect("getter b failed");
        let c = c.await.expect("getter c failed");
        (b, c)
    });
    assert_eq!(
        got,
        (2, 3),
        "a woken getter cancelled when the queue was empty woke the next \
         getter for nothing, and that getter lost its place in line: pass the \
         wake-up on only if an item is waiting (CPython: `if not self.empty()`)"
    );
}

/// What one random run did.
#[derive(Default)]
struct Tally {
    put: u32,
    cancels: u32,
}

/// Getters come and go, items are put, getters are cancelled at random
/// moments (also right after a put woke them); returns what happened.
/// Fails if an item is lost, duplicated, or left in the queue while a
/// getter waits.
fn random_run(seed: u64) -> Tally {
    run(
        "the random run did not finish (it never waits on a getter)",
        async move {
            let mut rng = Rng(seed);
            let queue = Queue::new();
            let received = Rc::new(RefCell::new(Vec::new()));
            let mut live: Vec<JoinHandle<()>> = Vec::new();
            let mut tally = Tally::default();
            for step in 0..300 {
                match rng.below(10) {
                    0..=2 => {
                        let (queue, received) = (queue.clone(), received.clone());
                        live.push(spawn(async move {
                            let item = queue.get().await;
                            received.borrow_mut().push(item);
                        }));
                    }
                    3..=5 => {
                        queue.put(tally.put);
                        tally.put += 1;
                    }
                    // A random getter, or the oldest one: the front of the
                    // line, which a put has often just woken.
                    6..=7 if live.iter().any(|handle| !handle.done()) => {
                        live.retain(|handle| !handle.done());
                        let victim = if rng.below(2) == 0 {
                            rng.below(live.len() as u64) as usize
                        } else {
                            0
                        };
                        if live.remove(victim).cancel() {
                            tally.cancels += 1;
                        }
                    }
                    _ => yield_now().await,
                }
                if step % 25 == 24 {
                    settle().await;
                    live.retain(|handle| !handle.done());
                    assert!(
                        queue.is_empty() || queue.waiting_getters() == 0,
                        "seed {seed}, step {step}: {} item(s) sit in the queue \
                         while {} getter(s) wait: a wake-up was lost (a woken \
                         getter was cancelled and did not pass it on?)",
                        queue.len(),
                        queue.waiting_getters()
                    );
                }
            }
            for handle in &live {
                handle.cancel();
            }
            settle().await;
            assert_eq!(
                queue.waiting_getters(),
                0,
                "seed {seed}: cancelled getters are still on the waiting list"
            );
            assert!(
                tally.put == 0 || !received.borrow().is_empty(),
                "seed {seed}: {} items were put, and no getter received one",
                tally.put
            );
            let mut seen = received.borrow().clone();
            while let Some(item) = queue.get_nowait() {
                seen.push(item);
            }
            seen.sort_unstable();
            let expected: Vec<u32> = (0..tally.put).collect();
            assert_eq!(
                seen, expected,
                "seed {seed}: the items received plus those left in the queue \
                 are not the items put, each once: an item was lost or duplicated"
            );
            tally
        },
    )
}

#[test]
fn random_getters_puts_and_cancellations_lose_and_duplicate_nothing() {
    let mut total = Tally::default();
    for seed in 1..=200u64 {
        let tally = random_run(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        total.put += tally.put;
        total.cancels += tally.cancels;
    }
    // The runs did real work (a guard against a generator that got stuck).
    assert!(
        total.put > 10_000 && total.cancels > 3_000,
        "the random runs did too little work ({} items put, {} cancels): the suite's generator is \
         stuck, not your code",
        total.put,
        total.cancels
    );
}
