//! Exercise 5.2: re-arm oneshot interest when a task waits again.
//!
//! Oneshot mode, the simplest correct way to use a poller (and async-io's):
//! the poller reports a socket once, then ignores it until interest is set
//! again with `Poller::modify`. (Our reactor goes one step further, to
//! level-triggered interest it keeps between waits.) `Watched` is one socket with its one waiting task.
//! `on_event` (given) is what the reactor calls when the socket's event
//! comes: the poller has disarmed it. Write `wait_readable`, which a task
//! calls each time it is about to wait: keep its waker, and arm the socket
//! if it is not armed, so that the next event is delivered at all.
//!
//! Book: the section "Interest: set for a wait, kept for the next",
//! `ch05-reactor.md#interest`.
//!
//! Stuck? `cargo lab hint 5.2` shows one hint at a time.
//!
//! Check: `cargo lab check 5`, or
//! `cargo test -p ex05-reactor --test rearm`.

use std::io;
use std::os::unix::net::UnixStream;
use std::task::Waker;

use polling::{Event, PollMode, Poller};

/// One socket registered with a poller in oneshot mode, and the task that
/// waits to read it.
#[derive(Debug)]
pub struct Watched<'p> {
    poller: &'p Poller,
    /// The key the socket's events carry.
    key: usize,
    socket: UnixStream,
    /// The waker of the task waiting to read, if one is.
    waker: Option<Waker>,
    /// Whether the poller is watching the socket now. Cleared by each
    /// event: oneshot mode disarms the socket when it reports it.
    armed: bool,
    /// How many times `modify` armed the socket.
    arms: usize,
}

impl<'p> Watched<'p> {
    /// Registers `socket` with `poller` under `key`, with no interest yet.
    pub fn new(poller: &'p Poller, key: usize, socket: UnixStream) -> io::Result<Self> {
        // SAFETY: the socket moves into the returned value, whose `Drop`
        // deletes it from the poller before the socket is closed.
        unsafe { poller.add_with_mode(&socket, Event::none(key), PollMode::Oneshot)? };
        Ok(Watched {
            poller,
            key,
            socket,
            waker: None,
            armed: false,
            arms: 0,
        })
    }

    /// The key this socket's events carry.
    pub fn key(&self) -> usize {
        self.key
    }

    /// How many times the socket was armed with `modify`.
    pub fn arms(&self) -> usize {
        self.arms
    }

    /// The task of `waker` is about to wait until the socket is readable.
    pub fn wait_readable(&mut self, waker: &Waker) -> io::Result<()> {
        // The newest waker is the one to wake.
        self.waker = Some(waker.clone());
        // Oneshot: after its last event the poller ignores this socket
        // until interest is set again. Set it now, once per wait (arming
        // an armed socket again would only cost a system call).
        if !self.armed {
            self.poller
                .modify(&self.socket, Event::readable(self.key))?;
            self.armed = true;
            self.arms += 1;
        }
        Ok(())
    }

    /// What the reactor calls when an event for this socket arrives: the
    /// poller has disarmed it, and the waiting task, if any, is woken.
    pub fn on_event(&mut self) {
        self.armed = false;
        if let Some(waker) = self.waker.take() {
            waker.wake();
        }
    }
}

impl Drop for Watched<'_> {
    fn drop(&mut self) {
        // Out of the poller before the socket closes.
        let _ = self.poller.delete(&self.socket);
    }
}
