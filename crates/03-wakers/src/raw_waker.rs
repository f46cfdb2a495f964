//! A waker made by hand: a data pointer and a table of four functions.
//!
//! The data pointer is an `Arc<WakeCounter>` turned into a raw pointer with
//! [`Arc::into_raw`]. The one rule that every function below relies on:
//!
//! > **Each live waker owns exactly one strong count of that `Arc`.**
//!
//! So `clone` adds a count (the new waker needs its own), `drop` gives the
//! waker's count back, `wake` counts the wake *and then* gives the count back
//! (it consumes the waker), and `wake_by_ref` touches no count at all. Break
//! the rule one way and the counter leaks; break it the other way and it is
//! freed while a waker still points at it. The tests in
//! `tests/behaviour/counting_waker.rs` run under valgrind to catch both.

use std::sync::Arc;
use std::task::{RawWaker, RawWakerVTable, Waker};

use crate::counter::{Call, WakeCounter};

/// Makes a waker by hand, from a [`RawWaker`] and our own vtable, that
/// records every call it receives in `counter`.
///
/// Each call is counted: clones, wakes by value and by reference, drops.
/// The waker holds one strong count of `counter`, so
/// `Arc::strong_count(&counter) - 1` is the number of wakers alive.
///
/// ```
/// use aio_wakers::{WakeCounter, raw_counting_waker};
///
/// let counter = WakeCounter::new();
/// let waker = raw_counting_waker(&counter);
/// let copy = waker.clone();
/// copy.wake(); // counts a wake and ends `copy`
/// drop(waker); // counts a drop
///
/// let counts = counter.counts();
/// assert_eq!((counts.clones, counts.wakes, counts.drops), (1, 1, 1));
/// assert_eq!(counts.alive(), 0);
/// assert_eq!(std::sync::Arc::strong_count(&counter), 1); // nothing leaked
/// ```
// ANCHOR: make
pub fn raw_counting_waker(counter: &Arc<WakeCounter>) -> Waker {
    counter.record(Call::Create);
    let data = Arc::into_raw(Arc::clone(counter)).cast::<()>();
    // SAFETY: the contract of `Waker::from_raw` is that the vtable's
    // functions, given this data pointer, behave like a waker and are safe
    // to call from any thread. `data` comes from `Arc::into_raw` and owns the
    // strong count we just added, which is exactly what every function of
    // `VTABLE` expects (see the module docs); the counter is atomics only
    // (plus a `Thread`, itself Send + Sync), so any thread may use it.
    unsafe { Waker::from_raw(RawWaker::new(data, &VTABLE)) }
}
// ANCHOR_END: make

/// The four functions of every waker made by [`raw_counting_waker`].
///
/// A `static`, not a `const`: a `const` is copied into every place that
/// uses it, and two copies would have two addresses. `Waker::will_wake`
/// compares vtable addresses, so copies could make it answer "no" for two
/// clones of the same waker.
// ANCHOR: vtable
static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, wake, wake_by_ref, drop);
// ANCHOR_END: vtable

// ANCHOR: functions
/// Borrows the counter behind a waker's data pointer.
///
/// # Safety
///
/// `data` must be the data pointer of a live waker made by
/// [`raw_counting_waker`] (or a clone of one), and the reference must not
/// outlive that waker's strong count.
unsafe fn counter<'a>(data: *const ()) -> &'a WakeCounter {
    // SAFETY: the caller promises a live waker owns a strong count, so the
    // `WakeCounter` inside the `Arc` allocation is alive and never mutated
    // except through its atomics.
    unsafe { &*data.cast::<WakeCounter>() }
}

/// `Waker::clone`: a second waker needs a second strong count.
///
/// # Safety
///
/// `data` must be the data pointer of a live waker from this vtable.
unsafe fn clone(data: *const ()) -> RawWaker {
    // SAFETY: the waker being cloned is alive and owns a count, so the
    // allocation is alive while we add one more, which the new waker owns.
    unsafe { Arc::increment_strong_count(data.cast::<WakeCounter>()) };
    // SAFETY: alive, as above; the new count keeps it so.
    unsafe { counter(data) }.record(Call::Clone);
    RawWaker::new(data, &VTABLE)
}

/// `Waker::wake`: counts the wake, then ends the waker it consumed.
///
/// # Safety
///
/// `data` must be the data pointer of a live waker from this vtable, and
/// that waker must not be used again: its strong count is given back here.
unsafe fn wake(data: *const ()) {
    // SAFETY: `data` came from `Arc::into_raw` and carries the count of the
    // waker that `wake` consumes; taking the `Arc` back makes that count ours
    // to drop, which happens when `counter` goes out of scope below.
    let counter = unsafe { Arc::from_raw(data.cast::<WakeCounter>()) };
    counter.record(Call::Wake);
}

/// `Waker::wake_by_ref`: counts the wake; the waker lives on, and so does
/// its count.
///
/// # Safety
///
/// `data` must be the data pointer of a live waker from this vtable.
unsafe fn wake_by_ref(data: *const ()) {
    // SAFETY: the waker is borrowed, alive, and keeps its count throughout.
    unsafe { counter(data) }.record(Call::WakeByRef);
}

/// `Drop for Waker`: gives the waker's strong count back.
///
/// # Safety
///
/// `data` must be the data pointer of a live waker from this vtable, which
/// is being dropped and will not be used again.
unsafe fn drop(data: *const ()) {
    // SAFETY: as in `wake`: the dropped waker's count becomes this `Arc`'s,
    // and is given back at the end of this function.
    let counter = unsafe { Arc::from_raw(data.cast::<WakeCounter>()) };
    counter.record(Call::Drop);
}
// ANCHOR_END: functions
