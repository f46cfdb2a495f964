//! The reactor: the loop's driver that waits in epoll and wakes the task
//! whose descriptor is ready.
//!
//! Three pieces, each small:
//!
//! * [`Registry`]: the table of registered sources, keyed by a number that is
//!   never reused, with the wakers of the tasks waiting on each source.
//! * [`Reactor`]: the [`Driver`] the event loop parks in. Its `park` is one
//!   `Poller::wait` followed by a dispatch of every event to its source.
//! * A thread-local that makes the running loop's registry reachable from
//!   [`Async::new`](crate::Async::new), the way `spawn` finds the running
//!   loop.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd, RawFd};
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use aio_executor::{Driver, Unpark, trace};
use polling::{Event, Events, PollMode, Poller};

/// Which half of a source a task waits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// Waiting until a read would not block.
    Read,
    /// Waiting until a write would not block.
    Write,
}

// ANCHOR: source
/// One registered descriptor, as the reactor sees it.
pub(crate) struct Source {
    /// The key its events carry. Never reused: an event for a source that
    /// was dropped finds no entry and is ignored.
    pub(crate) key: usize,
    /// The descriptor's number. Open for as long as the source is in the
    /// registry: its owner deletes it from the poller before closing it.
    fd: RawFd,
    /// The reader's half and the writer's half.
    state: RefCell<[Half; 2]>,
}

/// What one direction of a source knows.
#[derive(Default)]
struct Half {
    /// The waits in progress on this direction: for each, the number its
    /// [`Wait`] is filed under, and its task's waker.
    wakers: Vec<(u64, Waker)>,
    /// How many events for this direction have been delivered. A wait that
    /// started at tick `t` is over once the tick is past `t`.
    tick: u64,
    /// The poller watches this direction right now (level-triggered: it
    /// reports the direction at every wait for as long as it is ready).
    /// Set by a task's wait; cleared by an event that finds nobody
    /// waiting, and by every writable event (see `dispatch`).
    armed: bool,
}
// ANCHOR_END: source

// ANCHOR: wait
/// One wait on a source, as its [`Readiness`](crate::Readiness) future
/// remembers it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Wait {
    /// The direction's tick when the wait began: it is over once the tick
    /// has moved past this.
    tick: u64,
    /// The number its waker is filed under in the source, so that a wait
    /// given up (its future dropped) can take its waker back out.
    id: u64,
    /// Its waker is in the source now (or was, until an event took it).
    filed: bool,
}
// ANCHOR_END: wait

/// Whether some task waits on either half of a source.
fn waited_on(halves: &[Half; 2]) -> bool {
    halves.iter().any(|half| !half.wakers.is_empty())
}

impl Direction {
    fn index(self) -> usize {
        match self {
            Direction::Read => 0,
            Direction::Write => 1,
        }
    }
}

/// Counters of what the reactor did, for tests and curious learners.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReactorStats {
    /// Readiness events delivered by the poller (the notify event excluded).
    pub events: u64,
    /// Events whose key named no registered source (the source was dropped
    /// in the meantime): ignored.
    pub stale_events: u64,
    /// Wakers woken by events.
    pub wakes: u64,
    /// Times the interest of a source was changed with `Poller::modify`:
    /// set for a wait, or taken back after an event.
    pub arms: u64,
}

/// The reactor's shared state: the poller and the table of sources.
///
/// Held by the [`Reactor`] (the driver), by every [`Async`](crate::Async)
/// (so it can deregister on drop, even after the loop has stopped), and,
/// while the loop runs, by this thread's `CURRENT`.
pub(crate) struct Registry {
    /// The OS's readiness queue: epoll on Linux, kqueue on the BSDs and macOS.
    poller: Arc<Poller>,
    /// Every registered source, by key.
    sources: RefCell<HashMap<usize, Rc<Source>, KeyHash>>,
    /// Where `dispatch` gathers the wakers to wake, kept between events so
    /// that delivering one allocates nothing.
    woken: RefCell<Vec<Waker>>,
    /// The next key to hand out. Only ever grows.
    next_key: Cell<usize>,
    /// The number of the next wait to begin (see [`Wait`]).
    next_wait: Cell<u64>,
    /// How many sources have a task waiting on them: while none has, an
    /// event could wake nobody, and a look that must not wait skips the
    /// system call (see `Reactor::park`).
    waiting: Cell<usize>,
    stats: Cell<ReactorStats>,
}

// ANCHOR: impl_registry
impl Registry {
    // ANCHOR_END: impl_registry
    fn bump(&self, f: impl FnOnce(&mut ReactorStats)) {
        let mut stats = self.stats.get();
        f(&mut stats);
        self.stats.set(stats);
    }

    // ANCHOR: register
    /// Adds `fd` to the poller with no interest yet, under a fresh key (in
    /// oneshot mode, as `arm` sets no interest: see there why).
    ///
    /// # Safety
    ///
    /// `fd` must stay open until [`deregister`](Registry::deregister) has
    /// been called for the returned source: the poller keeps the descriptor
    /// in its interest list, and a closed (then reused) number would deliver
    /// another file's events under this key.
    pub(crate) unsafe fn register(&self, fd: BorrowedFd<'_>) -> io::Result<Rc<Source>> {
        let key = self.next_key.get();
        self.next_key.set(key + 1);
        let raw = fd.as_raw_fd();
        // SAFETY: the caller promises that `fd` stays open until it is
        // deregistered, which deletes it from the poller first.
        unsafe {
            self.poller
                .add_with_mode(raw, Event::none(key), PollMode::Oneshot)?
        };
        let source = Rc::new(Source {
            key,
            fd: raw,
            state: RefCell::new([Half::default(), Half::default()]),
        });
        self.sources.borrow_mut().insert(key, source.clone());
        Ok(source)
    }

    /// Deletes the source from the poller and the table. Wakers still in it
    /// are dropped: nobody can be waiting, since waiting borrows the owner.
    pub(crate) fn deregister(&self, source: &Source, fd: BorrowedFd<'_>) {
        // An error here means the descriptor was not in the poller (already
        // gone): nothing left to undo.
        let _ = self.poller.delete(fd);
        let mut halves = source.state.borrow_mut();
        if waited_on(&halves) {
            self.waiting.set(self.waiting.get() - 1);
        }
        for half in halves.iter_mut() {
            half.wakers.clear();
            half.armed = false;
        }
        drop(halves);
        self.sources.borrow_mut().remove(&source.key);
    }
    // ANCHOR_END: register

    // ANCHOR: poll_ready
    /// The heart of a readiness future: ready once an event for `direction`
    /// has been delivered after the wait began (`wait` holds the tick it
    /// began at, from its first poll on); otherwise make sure the poller is
    /// watching this direction, and file the task's waker.
    pub(crate) fn poll_ready(
        &self,
        source: &Source,
        direction: Direction,
        cx: &mut Context<'_>,
        wait: &mut Option<Wait>,
    ) -> Poll<io::Result<()>> {
        let mut halves = source.state.borrow_mut();
        let half = &mut halves[direction.index()];
        let wait = match wait {
            Some(wait) if half.tick > wait.tick => {
                wait.filed = false; // the event took its waker
                return Poll::Ready(Ok(()));
            }
            Some(wait) => wait, // woken, but not by our event: a spurious wake
            None => wait.insert(Wait {
                tick: half.tick,
                id: self.next_wait.replace(self.next_wait.get() + 1),
                filed: false,
            }),
        };
        if !self.is_current() {
            // Only the loop that owns this poller waits in it: armed here,
            // from another loop (or none), the wait could never end.
            return Poll::Ready(Err(io::Error::other(
                "this socket belongs to another event loop's reactor; \
                 use it on the loop that was running when it was made",
            )));
        }
        if !half.armed {
            // The first wait in this direction, or the first since its
            // interest was taken back: ask the poller to watch it.
            let read = halves[0].armed || direction == Direction::Read;
            let write = halves[1].armed || direction == Direction::Write;
            self.arm(source, read, write)?;
            halves[0].armed = read;
            halves[1].armed = write;
        }
        let was_waiting = waited_on(&halves);
        let half = &mut halves[direction.index()];
        match half.wakers.iter_mut().find(|(id, _)| *id == wait.id) {
            // Polled again: keep the latest waker (a task's stays the same).
            Some((_, waker)) => waker.clone_from(cx.waker()),
            None => half.wakers.push((wait.id, cx.waker().clone())),
        }
        wait.filed = true;
        if !was_waiting {
            self.waiting.set(self.waiting.get() + 1);
        }
        Poll::Pending
    }
    // ANCHOR_END: poll_ready

    /// A wait given up before its event (its future dropped: a timeout, a
    /// `select` that took another branch): its waker comes out of the
    /// source, so the loop no longer counts a task waiting here. The
    /// interest stays until the next event finds nobody.
    pub(crate) fn give_up(&self, source: &Source, direction: Direction, wait: Wait) {
        if !wait.filed {
            return;
        }
        let mut halves = source.state.borrow_mut();
        let was_waiting = waited_on(&halves);
        let wakers = &mut halves[direction.index()].wakers;
        if let Some(at) = wakers.iter().position(|(id, _)| *id == wait.id) {
            wakers.remove(at);
        }
        if was_waiting && !waited_on(&halves) {
            self.waiting.set(self.waiting.get() - 1);
        }
    }

    /// Whether this is the registry of the loop running on this thread.
    fn is_current(&self) -> bool {
        CURRENT.with(|current| {
            let current = current.borrow();
            current
                .as_deref()
                .is_some_and(|running| std::ptr::eq(running, self))
        })
    }

    /// Sets the source's interest to exactly `read` and `write`.
    ///
    /// Some interest is level-triggered: reported at every wait for as long
    /// as the direction is ready, so it can stay set from one wait to the
    /// next. No interest at all is set in oneshot mode: epoll reports a
    /// hang-up or an error even to a descriptor with no interest, and in
    /// level mode it would report it at every wait, to nobody.
    fn arm(&self, source: &Source, read: bool, write: bool) -> io::Result<()> {
        self.bump(|s| s.arms += 1);
        let mode = if read || write {
            PollMode::Level
        } else {
            PollMode::Oneshot
        };
        // SAFETY: `source` is registered (only registered sources are
        // reachable: the owner deregisters before it closes the descriptor),
        // so `source.fd` is open for the duration of this call.
        let fd = unsafe { BorrowedFd::borrow_raw(source.fd) };
        self.poller
            .modify_with_mode(fd, Event::new(source.key, read, write), mode)
    }

    // ANCHOR: dispatch
    /// Delivers one event: bump the ticks of the directions it reports,
    /// take the wakers waiting on them, take back the interest nobody will
    /// need, then wake. `tracing`: whether the loop records a trace.
    fn dispatch(&self, event: Event, tracing: bool) {
        self.bump(|s| s.events += 1);
        // Clone the entry out, so nothing is borrowed while wakers run (a
        // waker may drop a source, which deregisters it).
        let source = self.sources.borrow().get(&event.key).cloned();
        let Some(source) = source else {
            // Its source is gone (dropped since the poller queued the event).
            self.bump(|s| s.stale_events += 1);
            if tracing {
                trace::driver_event(format!("io: event for gone source #{}: ignored", event.key));
            }
            return;
        };
        let mut woken = self.woken.take();
        {
            let mut halves = source.state.borrow_mut();
            let was_waiting = waited_on(&halves);
            // Level mode: what is armed stays armed until we change it.
            // Read interest that had a reader stays for its next wait: a
            // reader reads again soon, as asyncio's transports keep their
            // reader registered. Write interest goes after each event, as
            // asyncio removes its writer once the buffer drains: a writer
            // waits only for room, which is rare. And a direction that is
            // ready with nobody waiting would be reported at every wait.
            let mut keep = [halves[0].armed, halves[1].armed];
            for (direction, ready) in [
                (Direction::Read, event.readable),
                (Direction::Write, event.writable),
            ] {
                if ready {
                    let half = &mut halves[direction.index()];
                    half.tick += 1;
                    keep[direction.index()] =
                        direction == Direction::Read && !half.wakers.is_empty();
                    woken.extend(half.wakers.drain(..).map(|(_, waker)| waker));
                }
            }
            if was_waiting && !waited_on(&halves) {
                self.waiting.set(self.waiting.get() - 1);
            }
            // If the poller refuses the change (it is out of memory), it
            // keeps the interest it had, and so do the flags: the next
            // event for this source tries again.
            if keep != [halves[0].armed, halves[1].armed]
                && self.arm(&source, keep[0], keep[1]).is_ok()
            {
                halves[0].armed = keep[0];
                halves[1].armed = keep[1];
            }
        }
        if tracing {
            let what = match (event.readable, event.writable) {
                (true, true) => "readable and writable",
                (true, false) => "readable",
                (false, true) => "writable",
                (false, false) => "woken with no readiness",
            };
            let nobody = if woken.is_empty() {
                ", nobody waits"
            } else {
                ""
            };
            trace::driver_event(format!("io: source #{} {what}{nobody}", source.key));
        }
        self.bump(|s| s.wakes += woken.len() as u64);
        for waker in woken.drain(..) {
            waker.wake();
        }
        // Give the (empty) buffer back for the next event.
        self.woken.replace(woken);
    }
    // ANCHOR_END: dispatch
}

/// The hasher of the table of sources. Its keys are small numbers handed
/// out in order, not chosen by an attacker, so the standard library's
/// SipHash (built to resist collisions crafted on purpose) is more than
/// they need on every event: one multiplication by a large odd constant
/// spreads consecutive keys over the table (Fibonacci hashing).
#[derive(Default, Clone, Copy)]
struct KeyHash;

impl std::hash::BuildHasher for KeyHash {
    type Hasher = KeyHasher;
    fn build_hasher(&self) -> KeyHasher {
        KeyHasher(0)
    }
}

struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_usize` is used for our keys; anything else still
        // hashes, byte by byte.
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// The reactor: an event-loop [`Driver`] that waits for sockets to become
/// ready instead of just sleeping.
///
/// ```
/// use aio_executor::EventLoop;
/// use aio_reactor::Reactor;
///
/// let event_loop = EventLoop::with_driver(Reactor::new()?);
/// let answer = event_loop.run_until_complete(async { 42 });
/// assert_eq!(answer, 42);
/// # std::io::Result::Ok(())
/// ```
// ANCHOR: reactor
pub struct Reactor {
    registry: Rc<Registry>,
    /// Reused by every `park`, so waiting allocates nothing.
    events: Events,
}
// ANCHOR_END: reactor

impl Reactor {
    /// A reactor with its own poller (an epoll instance on Linux).
    ///
    /// # Errors
    ///
    /// Fails when the OS gives no poller, or one without level-triggered
    /// mode, which the reactor's interest needs: epoll (Linux) and kqueue
    /// (macOS, the BSDs) have it; illumos' event ports do not.
    pub fn new() -> io::Result<Reactor> {
        let poller = Poller::new()?;
        if !poller.supports_level() {
            return Err(io::Error::new(
                io::ErrorKind::Unsupported,
                "this OS's poller has no level-triggered mode, which the reactor needs",
            ));
        }
        Ok(Reactor {
            registry: Rc::new(Registry {
                poller: Arc::new(poller),
                sources: RefCell::default(),
                woken: RefCell::default(),
                next_key: Cell::new(1),
                next_wait: Cell::new(0),
                waiting: Cell::new(0),
                stats: Cell::default(),
            }),
            events: Events::new(),
        })
    }

    /// What the reactor has done so far.
    pub fn stats(&self) -> ReactorStats {
        self.registry.stats.get()
    }

    /// How many sources are registered now.
    pub fn sources(&self) -> usize {
        self.registry.sources.borrow().len()
    }
}

impl fmt::Debug for Reactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reactor")
            .field("sources", &self.sources())
            .field("stats", &self.stats())
            .finish_non_exhaustive()
    }
}

// ANCHOR: driver
impl Driver for Reactor {
    /// One `epoll_wait`, then every event to its source. This is the
    /// `selector.select(timeout)` step of asyncio's `_run_once`.
    fn park(&mut self, timeout: Option<Duration>) {
        if timeout == Some(Duration::ZERO) && self.registry.waiting.get() == 0 {
            // Only a look, and no task waits on a socket: an event could
            // wake nobody, and a notify's wakes the loop takes in anyway.
            // Skip the system call (see "Fast paths" in the book).
            return;
        }
        self.events.clear();
        if let Err(err) = self.registry.poller.wait(&mut self.events, timeout) {
            // `wait` retries by itself when a signal interrupts it; any
            // other error means the poller is unusable, and going on would
            // spin or hang.
            panic!("the reactor's poller failed: {err}");
        }
        // A notify shows up as a return with no events: nothing to
        // dispatch, the loop just looks at its remote queue again.
        // Asked once per wait, not once per event: ten thousand ready
        // sockets must not format ten thousand lines nobody records.
        let tracing = trace::is_enabled();
        for event in self.events.iter() {
            self.registry.dispatch(event, tracing);
        }
    }

    fn unparker(&self) -> Arc<dyn Unpark> {
        Arc::new(PollerUnpark(self.registry.poller.clone()))
    }

    fn enter(&self) {
        CURRENT.with(|current| *current.borrow_mut() = Some(self.registry.clone()));
    }

    fn exit(&self) {
        CURRENT.with(|current| current.borrow_mut().take());
    }

    /// Whether an event could wake a task: some task waits on a socket. A
    /// registered socket that nobody waits on cannot (an event for it wakes
    /// nobody, even while its interest is still armed), so it must not stop
    /// a virtual clock's jump.
    ///
    /// A counter, kept by every wait that starts, every event that ends
    /// one, and every wait given up.
    fn waits_on_io(&self) -> bool {
        self.registry.waiting.get() > 0
    }
}

/// Interrupts a `Poller::wait` from any thread. A notify that comes before
/// the wait makes that wait return at once, so no wake is ever lost.
struct PollerUnpark(Arc<Poller>);

impl Unpark for PollerUnpark {
    fn unpark(&self) {
        // Wake-ups coalesce: while one is pending, `notify` only checks a
        // flag. polling 3 returns `Ok` on epoll and kqueue alike (it drops
        // the result of writing its eventfd, which could fail only with the
        // counter full, that is, with wake-ups pending); and a waker, called
        // from any thread, would have nobody to hand an error to anyway.
        let _ = self.0.notify();
    }
}
// ANCHOR_END: driver

// ANCHOR: current
thread_local! {
    /// The registry of the reactor whose loop runs on this thread.
    static CURRENT: RefCell<Option<Rc<Registry>>> = const { RefCell::new(None) };
}

/// The running loop's registry, or asyncio's error when there is none.
pub(crate) fn current() -> io::Result<Rc<Registry>> {
    CURRENT
        .with(|current| current.borrow().clone())
        .ok_or_else(|| {
            io::Error::other(
                "no running event loop with a reactor \
                 (run this inside EventLoop::with_driver(Reactor::new()?))",
            )
        })
}
// ANCHOR_END: current
