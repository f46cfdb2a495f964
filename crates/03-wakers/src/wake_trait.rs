//! The same counting waker, with no `unsafe`: std's [`Wake`] trait writes
//! the vtable for us.
//!
//! `Waker::from(arc)` builds a vtable whose `clone` is `Arc::clone`, whose
//! `drop` is dropping the `Arc`, and whose `wake` and `wake_by_ref` call the
//! two methods below. That is the rule of `raw_waker.rs` (one strong count
//! per live waker) kept by std instead of by us. What we give up: clones
//! and drops are no longer ours to see, and the data behind a waker must be
//! an `Arc`.

use std::sync::Arc;
use std::task::{Wake, Waker};

use crate::counter::{Call, WakeCounter};

// ANCHOR: wake_impl
impl Wake for WakeCounter {
    fn wake(self: Arc<Self>) {
        // `self` is this waker's strong count, handed to us; it is given
        // back when `self` goes out of scope, just as our hand-made `wake`
        // does with `Arc::from_raw`.
        self.record(Call::Wake);
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // Without this method std would clone the `Arc` and call `wake` on
        // the clone: correct, but it would count as a wake by value.
        self.record(Call::WakeByRef);
    }
}
// ANCHOR_END: wake_impl

/// Makes a counting waker with std's [`Wake`] trait: no `unsafe`, and the
/// same behaviour as [`raw_counting_waker`](crate::raw_counting_waker) for
/// everything it can see.
///
/// It counts creation, `wake` and `wake_by_ref`. Clones and drops happen
/// inside std (an `Arc` clone, an `Arc` drop), so they are not counted;
/// `Arc::strong_count(&counter) - 1` still says how many wakers are alive.
///
/// ```
/// use std::sync::Arc;
/// use aio_wakers::{WakeCounter, safe_counting_waker};
///
/// let counter = WakeCounter::new();
/// let waker = safe_counting_waker(&counter);
/// let copy = waker.clone();
/// assert_eq!(Arc::strong_count(&counter), 3); // ours and two wakers
/// copy.wake_by_ref();
/// copy.wake();
/// drop(waker);
/// assert_eq!(Arc::strong_count(&counter), 1);
/// assert_eq!(counter.counts().total_wakes(), 2);
/// ```
///
/// A waker may be sent to, and woken from, any thread, so what it points at
/// must be `Send + Sync`. A waker over an `Rc` is refused at compile time:
///
/// ```compile_fail
/// use std::rc::Rc;
/// use std::sync::Arc;
/// use std::task::{Wake, Waker};
///
/// struct Local(Rc<()>); // Rc: neither Send nor Sync
///
/// impl Wake for Local {
///     fn wake(self: Arc<Self>) {}
/// }
///
/// let waker = Waker::from(Arc::new(Local(Rc::new(()))));
/// ```
// ANCHOR: make
pub fn safe_counting_waker(counter: &Arc<WakeCounter>) -> Waker {
    counter.record(Call::Create);
    Waker::from(Arc::clone(counter))
}
// ANCHOR_END: make
