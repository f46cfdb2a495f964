//! Exercise 5.1: wake only the task whose socket is ready.
//!
//! A reactor keeps, for every registered socket, the waker of the task
//! waiting to read it and the waker of the task waiting to write it, under
//! the key its events carry. When the poller returns an event, the reactor
//! must wake exactly the right tasks: the reader if the event says
//! readable, the writer if it says writable, nobody else. Write
//! `Waiters::dispatch`.
//!
//! Book: the section "Waking the right task",
//! `ch05-reactor.md#waking-the-right-task`.
//!
//! Stuck? `cargo lab hint 5.1` shows one hint at a time.
//!
//! Check: `cargo lab check 5`, or
//! `cargo test -p ex05-reactor --test dispatch`.

use std::collections::HashMap;
use std::task::Waker;

use polling::Event;

/// The tasks waiting on one socket.
#[derive(Debug, Default)]
pub struct Slots {
    /// The task waiting until a read will not block, if any.
    pub reader: Option<Waker>,
    /// The task waiting until a write will not block, if any.
    pub writer: Option<Waker>,
}

/// Every registered socket's waiting tasks, by key.
#[derive(Debug, Default)]
pub struct Waiters {
    sockets: HashMap<usize, Slots>,
}

impl Waiters {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers the socket with events under `key`.
    pub fn insert(&mut self, key: usize) {
        self.sockets.insert(key, Slots::default());
    }

    /// Forgets the socket under `key` (it is being closed).
    pub fn remove(&mut self, key: usize) {
        self.sockets.remove(&key);
    }

    /// Records that the task of `waker` waits to read socket `key`.
    pub fn wait_readable(&mut self, key: usize, waker: &Waker) {
        if let Some(slots) = self.sockets.get_mut(&key) {
            slots.reader = Some(waker.clone());
        }
    }

    /// Records that the task of `waker` waits to write socket `key`.
    pub fn wait_writable(&mut self, key: usize, waker: &Waker) {
        if let Some(slots) = self.sockets.get_mut(&key) {
            slots.writer = Some(waker.clone());
        }
    }

    /// Wakes the tasks that `event` is for, and returns how many it woke.
    pub fn dispatch(&mut self, event: Event) -> usize {
        // TODO: find the socket by `event.key` (ignore an unknown key), then
        // take and wake its reader if the event is readable and its writer
        // if it is writable; count the wakers you woke.
        todo!()
    }
}
