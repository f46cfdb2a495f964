//! Exercise 3.1: write the vtable of a counting waker.
//!
//! A `Waker` is a data pointer plus four functions: `clone`, `wake`,
//! `wake_by_ref` and `drop`. Here the data pointer is an `Arc<Tally>` turned
//! into a raw pointer, and each function counts its call in the `Tally`.
//! Write the four functions so that the waker counts every call, leaks
//! nothing and frees nothing twice.
//!
//! Book: the section "A waker by hand",
//! `ch03-wakers.md#a-waker-by-hand`.
//!
//! Stuck? `cargo lab hint 3.1` shows one hint at a time.
//!
//! Check: `cargo lab check 3`, or `cargo test -p ex03-wakers --test
//! counting_vtable`. The solution also runs under valgrind (`.ci/valgrind`).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{RawWaker, RawWakerVTable, Waker};

/// How many times each waker function was called.
#[derive(Debug, Default)]
pub struct Tally {
    /// `clone` calls.
    pub clones: AtomicUsize,
    /// `wake` calls (each one consumes its waker).
    pub wakes: AtomicUsize,
    /// `wake_by_ref` calls.
    pub wakes_by_ref: AtomicUsize,
    /// `drop` calls.
    pub drops: AtomicUsize,
}

/// Makes a waker that counts its calls in `tally` and owns one strong count
/// of it.
pub fn tally_waker(tally: &Arc<Tally>) -> Waker {
    let data = Arc::into_raw(Arc::clone(tally)).cast::<()>();
    // SAFETY: `data` owns the strong count just added, which is what the
    // four functions of `VTABLE` expect; a `Tally` is atomics only, so they
    // may run on any thread.
    unsafe { Waker::from_raw(RawWaker::new(data, &VTABLE)) }
}

/// One table for every tally waker; `static`, so it has a single address.
static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, wake, wake_by_ref, drop);

/// Makes a second waker from a live one.
///
/// # Safety
///
/// `data` must be the data pointer of a live tally waker.
unsafe fn clone(data: *const ()) -> RawWaker {
    // The new waker needs a strong count of its own: add one, without
    // taking the existing waker's.
    // SAFETY: the waker being cloned owns a count, so the `Arc` is alive.
    unsafe { Arc::increment_strong_count(data.cast::<Tally>()) };
    // SAFETY: alive, as above, and only read through atomics.
    let tally = unsafe { &*data.cast::<Tally>() };
    tally.clones.fetch_add(1, Ordering::SeqCst);
    RawWaker::new(data, &VTABLE)
}

/// Wakes, consuming the waker.
///
/// # Safety
///
/// `data` must be the data pointer of a live tally waker that is not used
/// again.
unsafe fn wake(data: *const ()) {
    // The waker is consumed: take its count back as an `Arc`, which gives it
    // up at the end of this function. (Counting a drop here would be wrong:
    // std does not call `drop` after `wake`.)
    // SAFETY: `data` came from `Arc::into_raw` and carries this waker's
    // count, which nothing else will give back.
    let tally = unsafe { Arc::from_raw(data.cast::<Tally>()) };
    tally.wakes.fetch_add(1, Ordering::SeqCst);
}

/// Wakes, keeping the waker.
///
/// # Safety
///
/// `data` must be the data pointer of a live tally waker.
unsafe fn wake_by_ref(data: *const ()) {
    // No count changes hands: the waker lives on, so only borrow the tally.
    // SAFETY: the borrowed waker owns a count and is alive throughout.
    let tally = unsafe { &*data.cast::<Tally>() };
    tally.wakes_by_ref.fetch_add(1, Ordering::SeqCst);
}

/// Ends a waker without waking it.
///
/// # Safety
///
/// `data` must be the data pointer of a live tally waker that is not used
/// again.
unsafe fn drop(data: *const ()) {
    // SAFETY: as in `wake`, the dropped waker's count becomes this `Arc`'s
    // and is given back when it goes out of scope.
    let tally = unsafe { Arc::from_raw(data.cast::<Tally>()) };
    tally.drops.fetch_add(1, Ordering::SeqCst);
}
