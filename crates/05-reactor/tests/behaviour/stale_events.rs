//! Stale events are harmless. Keys are never reused, so an event that
//! arrives for a source dropped in the meantime finds nothing and is
//! ignored, and a new socket that gets the old descriptor number does not
//! inherit the old socket's events.
//!
//! These tests drive the reactor by hand (`enter`, `park`) to put events
//! and drops in exactly the order they need.

use crate::common;

use std::cell::RefCell;
use std::io::Write;
use std::mem::ManuallyDrop;
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Wake, Waker};
use std::time::Duration;

use aio_executor::Driver;
use aio_reactor::{Async, Reactor};
use aio_testkit::wake::{counting_waker, poll_with};

thread_local! {
    /// Two registered sockets; whichever one's waker runs first drops the
    /// other, while that other's event is already in the same batch.
    static SLOTS: RefCell<[Option<Async<UnixStream>>; 2]> = const { RefCell::new([None, None]) };
}

/// A waker that, when woken, drops the socket in the other slot.
struct DropOther {
    other: usize,
    woken: AtomicUsize,
}

impl Wake for DropOther {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.fetch_add(1, Ordering::SeqCst);
        let dropped = SLOTS.with(|slots| slots.borrow_mut()[self.other].take());
        drop(dropped); // deregisters, while the reactor is mid-dispatch
    }
}

/// Starts a wait for readability with `waker`, then abandons the future
/// without dropping it, as a task the loop has not woken yet holds its
/// wait: its waker stays in the source. (Dropped, the wait would give up
/// and take its waker back.)
fn wait_readable(source: &Async<UnixStream>, waker: &Waker) {
    let mut readable = ManuallyDrop::new(source.readable());
    assert!(poll_with(&mut *readable, waker).is_pending());
}

#[test]
fn an_event_for_a_source_dropped_in_the_same_batch_is_ignored() {
    common::bounded(|| {
        let mut reactor = Reactor::new().unwrap();
        reactor.enter();
        let (a, mut a_peer) = UnixStream::pair().unwrap();
        let (b, mut b_peer) = UnixStream::pair().unwrap();
        let sources = [Async::new(a).unwrap(), Async::new(b).unwrap()];
        let droppers = [
            Arc::new(DropOther {
                other: 1,
                woken: AtomicUsize::new(0),
            }),
            Arc::new(DropOther {
                other: 0,
                woken: AtomicUsize::new(0),
            }),
        ];
        for (source, dropper) in sources.iter().zip(&droppers) {
            wait_readable(source, &Waker::from(dropper.clone()));
        }
        SLOTS.with(|slots| *slots.borrow_mut() = sources.map(Some));
        // Both become readable, so one wait returns both events.
        a_peer.write_all(b"a").unwrap();
        b_peer.write_all(b"b").unwrap();
        reactor.park(Some(Duration::from_secs(5)));

        let stats = reactor.stats();
        assert_eq!(stats.events, 2, "both events came in one batch");
        assert_eq!(
            stats.stale_events, 1,
            "the dropped source's event was ignored"
        );
        assert_eq!(stats.wakes, 1);
        let woken: usize = droppers
            .iter()
            .map(|d| d.woken.load(Ordering::SeqCst))
            .sum();
        assert_eq!(woken, 1, "the dropped source's waiter was not woken");
        assert_eq!(reactor.sources(), 1);
        SLOTS.with(|slots| slots.borrow_mut()[0] = None);
        SLOTS.with(|slots| slots.borrow_mut()[1] = None);
        assert_eq!(reactor.sources(), 0);
        reactor.exit();
    });
}

#[test]
fn a_new_socket_with_a_reused_descriptor_number_gets_no_old_event() {
    common::bounded(|| {
        let mut reactor = Reactor::new().unwrap();
        reactor.enter();
        let (old, mut old_peer) = UnixStream::pair().unwrap();
        let old_fd = old.as_raw_fd();
        let old = Async::new(old).unwrap();
        let (old_waiter, waker) = counting_waker();
        wait_readable(&old, &waker);
        old_peer.write_all(b"for the old socket").unwrap(); // its event is due
        let old_key = old.key();
        drop(old); // deleted from the poller, then closed

        // The OS hands out the lowest free number: usually the old one.
        let (new, _new_peer) = UnixStream::pair().unwrap();
        let reused = new.as_raw_fd() == old_fd;
        let new = Async::new(new).unwrap();
        assert_ne!(new.key(), old_key, "keys are never reused");
        let (new_waiter, waker) = counting_waker();
        wait_readable(&new, &waker);

        reactor.park(Some(Duration::from_millis(50)));
        assert_eq!(old_waiter.wakes(), 0);
        assert_eq!(
            new_waiter.wakes(),
            0,
            "the new socket (descriptor reused: {reused}) was woken by the old one's data"
        );
        drop(new);
        reactor.exit();
    });
}
