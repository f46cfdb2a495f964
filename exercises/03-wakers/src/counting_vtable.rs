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
    // four functions of `VTABLE` will expect once you have written them; a
    // `Tally` is atomics only, so they may run on any thread.
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
    // TODO: give the new waker a strong count of its own, count the clone,
    // and return a `RawWaker` with the same data pointer and `&VTABLE`.
    todo!()
}

/// Wakes, consuming the waker.
///
/// # Safety
///
/// `data` must be the data pointer of a live tally waker that is not used
/// again.
unsafe fn wake(data: *const ()) {
    // TODO: count a wake, and give back the count of the waker consumed.
    todo!()
}

/// Wakes, keeping the waker.
///
/// # Safety
///
/// `data` must be the data pointer of a live tally waker.
unsafe fn wake_by_ref(data: *const ()) {
    // TODO: count a wake by reference; the waker lives on.
    todo!()
}

/// Ends a waker without waking it.
///
/// # Safety
///
/// `data` must be the data pointer of a live tally waker that is not used
/// again.
unsafe fn drop(data: *const ()) {
    // TODO: count a drop, and give back the count of the waker dropped.
    todo!()
}
