// Suite for exercise 3.1, the vtable of a counting waker. Written once, run
// against the stub (`exercises/03-wakers`) and the solution
// (`solutions/03-wakers`) through each crate's `tests/counting_vtable.rs`.
//
// The wakers here are held in `ManuallyDrop` and dropped by hand. While a
// function of your vtable is still `todo!()`, its panic unwinds through the
// test; an ordinary `Waker` would then be dropped during the unwinding,
// calling your `drop`, whose panic would abort every test at once. This way
// each test fails on its own, with its own message.

use std::mem::ManuallyDrop;
use std::sync::Arc;
use std::sync::atomic::Ordering::SeqCst;
use std::task::Waker;
use std::thread;

use subject::{Tally, tally_waker};

fn new_waker(tally: &Arc<Tally>) -> ManuallyDrop<Waker> {
    ManuallyDrop::new(tally_waker(tally))
}

fn clone_of(waker: &Waker) -> ManuallyDrop<Waker> {
    ManuallyDrop::new(waker.clone())
}

/// (clones, wakes, wakes_by_ref, drops)
fn counts(tally: &Tally) -> (usize, usize, usize, usize) {
    (
        tally.clones.load(SeqCst),
        tally.wakes.load(SeqCst),
        tally.wakes_by_ref.load(SeqCst),
        tally.drops.load(SeqCst),
    )
}

#[test]
fn drop_counts_a_drop_and_gives_the_count_back() {
    let tally = Arc::new(Tally::default());
    let waker = new_waker(&tally);
    assert_eq!(Arc::strong_count(&tally), 2, "a new waker owns one count");
    drop(ManuallyDrop::into_inner(waker));
    assert_eq!(
        counts(&tally),
        (0, 0, 0, 1),
        "dropping a waker must count one drop and nothing else: (clones, wakes, wakes by ref, \
         drops)"
    );
    assert_eq!(
        Arc::strong_count(&tally),
        1,
        "drop must give the waker's count back"
    );
}

#[test]
fn clone_counts_a_clone_and_takes_a_count_of_its_own() {
    let tally = Arc::new(Tally::default());
    let waker = new_waker(&tally);
    let copy = clone_of(&waker);
    assert_eq!(
        counts(&tally),
        (1, 0, 0, 0),
        "cloning a waker must count one clone and nothing else: (clones, wakes, wakes by ref, \
         drops)"
    );
    assert_eq!(
        Arc::strong_count(&tally),
        3,
        "the clone needs a strong count of its own"
    );
    drop(ManuallyDrop::into_inner(copy));
    drop(ManuallyDrop::into_inner(waker));
    assert_eq!(
        counts(&tally),
        (1, 0, 0, 2),
        "after dropping the clone and the original, the tally must show one clone and two drops: \
         (clones, wakes, wakes by ref, drops)"
    );
    assert_eq!(
        Arc::strong_count(&tally),
        1,
        "both wakers are gone, so only the test's own count may remain: a count the clone took was \
         not given back (a leak), or one was given back twice"
    );
}

#[test]
fn wake_by_ref_counts_a_wake_and_keeps_the_waker() {
    let tally = Arc::new(Tally::default());
    let waker = new_waker(&tally);
    waker.wake_by_ref();
    waker.wake_by_ref();
    assert_eq!(
        counts(&tally),
        (0, 0, 2, 0),
        "two wake_by_ref calls must count two wakes by reference and nothing else: (clones, wakes, \
         wakes by ref, drops)"
    );
    assert_eq!(
        Arc::strong_count(&tally),
        2,
        "wake_by_ref must not touch the count"
    );
    drop(ManuallyDrop::into_inner(waker));
    assert_eq!(
        Arc::strong_count(&tally),
        1,
        "dropping the waker must give its count back: one count, the test's own, must remain"
    );
}

#[test]
fn wake_counts_a_wake_not_a_drop_and_gives_the_count_back() {
    let tally = Arc::new(Tally::default());
    let waker = new_waker(&tally);
    let copy = clone_of(&waker);
    ManuallyDrop::into_inner(copy).wake();
    assert_eq!(
        counts(&tally),
        (1, 1, 0, 0),
        "std never drops a woken waker"
    );
    assert_eq!(
        Arc::strong_count(&tally),
        2,
        "wake consumes its waker, so it must give that waker's count back"
    );
    drop(ManuallyDrop::into_inner(waker));
    assert_eq!(
        Arc::strong_count(&tally),
        1,
        "after wake and drop, only the test's own count may remain: a count was leaked or freed \
         twice"
    );
}

#[test]
fn clones_of_one_waker_will_wake_each_other() {
    let tally = Arc::new(Tally::default());
    let waker = new_waker(&tally);
    let copy = clone_of(&waker);
    assert!(
        waker.will_wake(&copy),
        "a clone has the same data pointer and vtable"
    );
    drop(ManuallyDrop::into_inner(copy));
    drop(ManuallyDrop::into_inner(waker));
    assert_eq!(
        Arc::strong_count(&tally),
        1,
        "after dropping the clone and the original, only the test's own count may remain: a count \
         was leaked or freed twice"
    );
}

#[test]
fn wakers_used_on_other_threads_all_give_their_counts_back() {
    let tally = Arc::new(Tally::default());
    let waker = new_waker(&tally);
    let threads: Vec<_> = (0..4)
        .map(|i| {
            let copy = clone_of(&waker);
            thread::spawn(move || {
                copy.wake_by_ref();
                if i % 2 == 0 {
                    ManuallyDrop::into_inner(copy).wake();
                } else {
                    drop(ManuallyDrop::into_inner(copy));
                }
            })
        })
        .collect();
    for handle in threads {
        handle
            .join()
            .expect("a waker call panicked on another thread");
    }
    drop(ManuallyDrop::into_inner(waker));
    assert_eq!(
        counts(&tally),
        (4, 2, 4, 3),
        "four clones, each woken by reference, then two woken and two dropped, and the original \
         dropped: (clones, wakes, wakes by ref, drops)"
    );
    assert_eq!(
        Arc::strong_count(&tally),
        1,
        "every waker gave its count back"
    );
}
