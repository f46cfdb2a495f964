//! The `Wake`-trait waker behaves like the hand-made one in everything both
//! can see: the same wakes, and the same strong counts at every step.

use std::sync::Arc;
use std::task::Waker;
use std::thread;

use aio_wakers::{WakeCounter, raw_counting_waker, safe_counting_waker};

/// What one step of the script left behind: (wakes, wakes by ref, strong
/// count of the counter).
type Seen = (u64, u64, usize);

/// Runs the same sequence of waker calls over a waker made by `make`,
/// recording after each step what both kinds of waker can show.
fn script(make: fn(&Arc<WakeCounter>) -> Waker) -> Vec<Seen> {
    let counter = WakeCounter::new();
    let mut seen = Vec::new();
    let mut look = |counter: &Arc<WakeCounter>| {
        let counts = counter.counts();
        seen.push((
            counts.wakes,
            counts.wakes_by_ref,
            Arc::strong_count(counter),
        ));
    };

    let waker = make(&counter);
    look(&counter);
    let kept = waker.clone();
    look(&counter);
    kept.wake_by_ref();
    look(&counter);
    let sent = kept.clone();
    thread::spawn(move || sent.wake())
        .join()
        .expect("wake on another thread");
    look(&counter);
    kept.wake();
    look(&counter);
    drop(waker);
    look(&counter);
    seen
}

#[test]
fn both_wakers_show_the_same_wakes_and_counts_at_every_step() {
    let raw = script(raw_counting_waker);
    let safe = script(safe_counting_waker);
    assert_eq!(raw, safe);
    assert_eq!(
        safe,
        vec![
            (0, 0, 2), // made: one waker holds one count
            (0, 0, 3), // cloned
            (0, 1, 3), // woken by reference: nothing released
            (1, 1, 3), // a clone, woken by value on another thread, let go
            (2, 1, 2), // woken by value: `kept` let go
            (2, 1, 1), // dropped: back to our own count only
        ]
    );
}

#[test]
fn only_the_hand_made_waker_sees_clones_and_drops() {
    let counter = WakeCounter::new();
    let waker = safe_counting_waker(&counter);
    drop(waker.clone());
    drop(waker);
    let counts = counter.counts();
    assert_eq!((counts.created, counts.clones, counts.drops), (1, 0, 0));
    assert_eq!(Arc::strong_count(&counter), 1, "std released both");
}

#[test]
fn wakers_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync + 'static>(_: &T) {}
    let counter = WakeCounter::new();
    assert_send_sync(&raw_counting_waker(&counter));
    assert_send_sync(&safe_counting_waker(&counter));
    assert_eq!(Arc::strong_count(&counter), 1);
}
