// A wrong answer to exercise 5.1 (dispatch), kept so `cargo lab verify`
// proves the suite catches it: `dispatch` wakes with `wake_by_ref` and
// leaves the waker in its slot, so every later event wakes the task again,
// though it never asked.
//
// expect: take the waker out when you wake it

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
        // The key names the socket. An unknown key is a stale event: its
        // socket was removed after the poller queued it. Nothing to wake.
        let Some(slots) = self.sockets.get_mut(&event.key) else {
            return 0;
        };
        let mut woken = 0;
        // Only the halves the event reports: a readable event must not run
        // the writer, who would find its send buffer still full.
        if event.readable {
            // `take`: the waker is spent; the reader registers again if it
            // has to wait again.
            if let Some(reader) = &slots.reader {
                reader.wake_by_ref();
                woken += 1;
            }
        }
        if event.writable {
            if let Some(writer) = &slots.writer {
                writer.wake_by_ref();
                woken += 1;
            }
        }
        woken
    }
}
