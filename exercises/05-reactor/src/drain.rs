//! Exercise 5.4: handle partial writes in `drain`.
//!
//! asyncio's `StreamWriter` buffers what you `write` and sends it when you
//! `await drain()`. Sending is where the trouble is: a non-blocking write
//! may take only part of what it is given (the socket's send buffer has room
//! for that much), and when the buffer is full it takes nothing and fails
//! with `WouldBlock`. Write `Writer::drain`: send the whole buffer, picking
//! up after each partial write, waiting for writability when the socket is
//! full, never losing or repeating a byte.
//!
//! Book: the section "Partial writes and drain",
//! `ch05-reactor.md#partial-writes-and-drain`.
//!
//! Stuck? `cargo lab hint 5.4` shows one hint at a time.
//!
//! Check: `cargo lab check 5`, or
//! `cargo test -p ex05-reactor --test drain`.

use std::io::{self, Write};
use std::os::unix::net::UnixStream;

use aio_reactor::Async;

/// A buffering writer over a registered socket.
#[derive(Debug)]
pub struct Writer {
    stream: Async<UnixStream>,
    /// Written by the program, not all sent yet.
    buffer: Vec<u8>,
    /// How much of `buffer`, from its start, has been sent.
    sent: usize,
    /// How many writes took only part of what they were given.
    partial: usize,
}

impl Writer {
    /// A writer over `stream`, with an empty buffer.
    pub fn new(stream: Async<UnixStream>) -> Self {
        Writer {
            stream,
            buffer: Vec::new(),
            sent: 0,
            partial: 0,
        }
    }

    /// Adds `data` to the buffer; nothing is sent until `drain`.
    pub fn write(&mut self, data: &[u8]) {
        self.buffer.extend_from_slice(data);
    }

    /// How many bytes are waiting to be sent.
    pub fn buffered(&self) -> usize {
        self.buffer.len() - self.sent
    }

    /// How many write calls sent only part of what they were given, so far.
    /// (For the tests: the interesting case must really have happened.)
    pub fn partial_writes(&self) -> usize {
        self.partial
    }

    /// Sends everything buffered.
    pub async fn drain(&mut self) -> io::Result<()> {
        // TODO: while some of the buffer is unsent, write
        // `self.buffer[self.sent..]`: add what was taken to `self.sent` (and
        // count a write that took only part in `self.partial`); `Ok(0)` is
        // a `WriteZero` error; on `WouldBlock` await
        // `self.stream.writable()`; on `Interrupted` try again. Then clear
        // the buffer and set `sent` back to 0.
        todo!()
    }
}
