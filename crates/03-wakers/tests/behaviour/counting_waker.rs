//! The hand-made waker: every vtable call is counted, and every waker gives
//! back exactly the strong count it took. Run under valgrind by `.ci/valgrind`.

use std::sync::Arc;
use std::thread;

use aio_wakers::{Counts, WakeCounter, raw_counting_waker};

#[test]
fn a_new_waker_holds_one_count_and_has_seen_no_call() {
    let counter = WakeCounter::new();
    let waker = raw_counting_waker(&counter);
    assert_eq!(Arc::strong_count(&counter), 2);
    assert_eq!(
        counter.counts(),
        Counts {
            created: 1,
            ..Counts::default()
        }
    );
    drop(waker);
    assert_eq!(Arc::strong_count(&counter), 1);
    assert_eq!(counter.counts().drops, 1);
}

#[test]
fn clone_adds_a_count_that_the_clone_gives_back() {
    let counter = WakeCounter::new();
    let waker = raw_counting_waker(&counter);
    let copy = waker.clone();
    let copy_of_copy = copy.clone();
    assert_eq!(counter.counts().clones, 2);
    assert_eq!(Arc::strong_count(&counter), 4);
    assert_eq!(counter.counts().alive(), 3);

    drop(copy);
    drop(copy_of_copy);
    assert_eq!(Arc::strong_count(&counter), 2);
    drop(waker);
    assert_eq!(counter.counts().alive(), 0);
    assert_eq!(Arc::strong_count(&counter), 1);
}

#[test]
fn wake_by_value_counts_a_wake_and_ends_the_waker() {
    let counter = WakeCounter::new();
    let waker = raw_counting_waker(&counter);
    let copy = waker.clone();
    copy.wake();
    let counts = counter.counts();
    assert_eq!((counts.wakes, counts.drops), (1, 0), "wake is not a drop");
    assert_eq!(Arc::strong_count(&counter), 2, "the woken clone let go");
    drop(waker);
    assert_eq!(Arc::strong_count(&counter), 1);
}

#[test]
fn wake_by_ref_counts_a_wake_and_keeps_the_waker() {
    let counter = WakeCounter::new();
    let waker = raw_counting_waker(&counter);
    for _ in 0..3 {
        waker.wake_by_ref();
    }
    assert_eq!(counter.counts().wakes_by_ref, 3);
    assert_eq!(counter.counts().wakes, 0);
    assert_eq!(Arc::strong_count(&counter), 2);
    drop(waker);
    assert_eq!(Arc::strong_count(&counter), 1);
}

#[test]
fn clones_of_one_waker_will_wake_each_other_and_others_do_not() {
    let counter = WakeCounter::new();
    let waker = raw_counting_waker(&counter);
    let copy = waker.clone();
    assert!(waker.will_wake(&copy), "same data pointer, same vtable");

    let other = raw_counting_waker(&WakeCounter::new());
    assert!(!waker.will_wake(&other), "another counter");
}

#[test]
fn wakers_sent_to_many_threads_all_come_back() {
    let counter = WakeCounter::new();
    let waker = raw_counting_waker(&counter);
    let threads: Vec<_> = (0..8)
        .map(|i| {
            let copy = waker.clone();
            thread::spawn(move || {
                let again = copy.clone();
                again.wake_by_ref();
                if i % 2 == 0 {
                    again.wake();
                } else {
                    drop(again);
                }
                drop(copy);
            })
        })
        .collect();
    for handle in threads {
        handle.join().expect("no waker call panics");
    }
    drop(waker);

    let counts = counter.counts();
    assert_eq!(counts.clones, 16);
    assert_eq!(counts.wakes_by_ref, 8);
    assert_eq!((counts.wakes, counts.drops), (4, 8 + 4 + 1));
    assert_eq!(counts.alive(), 0);
    assert_eq!(Arc::strong_count(&counter), 1);
}
