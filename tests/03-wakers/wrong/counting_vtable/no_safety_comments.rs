// A wrong answer to exercise 3.1 (counting_vtable), kept so `cargo lab
// verify` proves the check catches it: the code is the solution's, and
// every test passes, but no `unsafe` block says why it is sound. The crate
// denies clippy::undocumented_unsafe_blocks, so `cargo lab check 3` runs
// clippy on it and does not count it done.
//
// expect: needs a `// SAFETY:` comment
// expect: counting_vtable.rs:

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
    unsafe { Arc::increment_strong_count(data.cast::<Tally>()) };
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
    let tally = unsafe { Arc::from_raw(data.cast::<Tally>()) };
    tally.drops.fetch_add(1, Ordering::SeqCst);
}
