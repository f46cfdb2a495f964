//! What both of our wakers point at: a set of counters, one per kind of
//! call a waker can receive.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering::SeqCst};
use std::thread::Thread;

/// The shared state behind a counting waker: how many times each waker
/// operation happened.
///
/// Every field only ever goes up. All of them use `SeqCst`, the strongest
/// ordering, on purpose: the [checking waker](crate::check) reads several
/// counters and needs one order of events that every thread agrees on, and
/// a counter bumped a few times per poll costs nothing worth saving.
// ANCHOR: counter
#[derive(Debug, Default)]
pub struct WakeCounter {
    /// Wakers made over this counter by one of the constructors
    /// ([`raw_counting_waker`](crate::raw_counting_waker),
    /// [`safe_counting_waker`](crate::safe_counting_waker)).
    created: AtomicU64,
    /// `clone` calls. Only the hand-made waker sees them: with `Wake`, std
    /// clones the `Arc` itself and does not tell us.
    clones: AtomicU64,
    /// `wake` calls, which consume the waker they are called on.
    wakes: AtomicU64,
    /// `wake_by_ref` calls, which leave the waker alive.
    wakes_by_ref: AtomicU64,
    /// `drop` calls. Like `clones`, counted by the hand-made waker only.
    drops: AtomicU64,
    /// Unparked after every recorded call, so that this thread can sleep
    /// until something happens to the wakers; `None` when nobody watches.
    watcher: Option<Thread>,
}
// ANCHOR_END: counter

/// One operation on a waker, as the counter records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Call {
    Create,
    Clone,
    Wake,
    WakeByRef,
    Drop,
}

impl WakeCounter {
    /// A fresh counter, all zeros, that nobody watches.
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// A fresh counter that unparks `thread` after every call it records,
    /// so that `thread` can wait for a wake (or a drop) with
    /// [`std::thread::park`] instead of spinning.
    pub fn watched_by(thread: Thread) -> Arc<Self> {
        Arc::new(Self {
            watcher: Some(thread),
            ..Self::default()
        })
    }

    /// What has happened so far.
    ///
    /// The counters are read one after another, so a snapshot taken while
    /// other threads use the wakers mixes moments. They are read in an
    /// order that errs on the safe side for [`Counts::alive`]: the calls
    /// that end a waker (`wake`, `drop`) first, the calls that make one
    /// (`clone`, create) last. A waker is always made before it ends, so a
    /// snapshot may count a waker as alive a moment too long, never as gone
    /// a moment too early.
    pub fn counts(&self) -> Counts {
        let wakes_by_ref = self.wakes_by_ref.load(SeqCst);
        let wakes = self.wakes.load(SeqCst);
        let drops = self.drops.load(SeqCst);
        let clones = self.clones.load(SeqCst);
        let created = self.created.load(SeqCst);
        Counts {
            created,
            clones,
            wakes,
            wakes_by_ref,
            drops,
        }
    }

    /// Counts one call, then tells the watcher, if any.
    pub(crate) fn record(&self, call: Call) {
        let field = match call {
            Call::Create => &self.created,
            Call::Clone => &self.clones,
            Call::Wake => &self.wakes,
            Call::WakeByRef => &self.wakes_by_ref,
            Call::Drop => &self.drops,
        };
        field.fetch_add(1, SeqCst);
        // After the count, never before: the watcher re-reads the counters
        // when it wakes up, and must find this call among them.
        if let Some(thread) = &self.watcher {
            thread.unpark();
        }
    }
}

/// A snapshot of a [`WakeCounter`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Wakers made by a constructor.
    pub created: u64,
    /// Wakers made by cloning another one (hand-made waker only).
    pub clones: u64,
    /// `wake` calls; each one also ended the waker it was called on.
    pub wakes: u64,
    /// `wake_by_ref` calls.
    pub wakes_by_ref: u64,
    /// Wakers dropped without being woken by value (hand-made waker only).
    pub drops: u64,
}

impl Counts {
    /// Every wake, by value or by reference.
    pub fn total_wakes(&self) -> u64 {
        self.wakes + self.wakes_by_ref
    }

    /// How many hand-made wakers are still alive: every one made, minus
    /// every one ended by `wake` or `drop`.
    ///
    /// Zero once every waker is gone, which is how the tests prove that the
    /// vtable leaks nothing. Meaningless for a waker made with `Wake`, whose
    /// clones and drops the counter never sees.
    pub fn alive(&self) -> u64 {
        (self.created + self.clones).saturating_sub(self.wakes + self.drops)
    }
}
