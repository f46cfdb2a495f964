//! Exercise 5.3: retry on "would block" in `read`.
//!
//! A socket in non-blocking mode never makes `read` wait: when no byte has
//! arrived, the call fails at once with `ErrorKind::WouldBlock`. Write
//! `read`, the async read at the heart of every stream: try the read; on
//! "would block", wait for the reactor to report the socket readable, then
//! try again. The loop runs other tasks meanwhile.
//!
//! Book: the section "Async: would block means wait",
//! `ch05-reactor.md#async-would-block-means-wait`.
//!
//! Stuck? `cargo lab hint 5.3` shows one hint at a time.
//!
//! Check: `cargo lab check 5`, or
//! `cargo test -p ex05-reactor --test read_retry`.

use std::io::{self, Read};
use std::os::unix::net::UnixStream;

use aio_reactor::Async;

/// Reads into `buf` what has arrived, waiting until something has: the
/// number of bytes read, 0 at end of file.
pub async fn read(source: &Async<UnixStream>, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        let mut socket = source.get_ref();
        match socket.read(buf) {
            // Nothing yet: this is not an error, it is "wait". Register with
            // the reactor and suspend; the socket's next readable event
            // wakes this task, and the loop comes round to read again.
            Err(err) if err.kind() == io::ErrorKind::WouldBlock => source.readable().await?,
            // A signal interrupted the call: nothing happened, try again.
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            // Bytes, end of file, or a real error (a reset, say).
            result => return result,
        }
    }
}
