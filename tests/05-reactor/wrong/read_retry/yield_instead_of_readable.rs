// A wrong answer to exercise 5.3 (read_retry), kept so `cargo lab verify`
// proves the suite catches it: on `WouldBlock` it yields to the loop and
// tries again instead of awaiting readiness. Every test that only checks
// the bytes passes; the loop never parks, and burns a core while it waits.
//
// expect: busy-polling

use std::io::{self, Read};
use std::os::unix::net::UnixStream;

use aio_executor::yield_now;
use aio_reactor::Async;

/// Reads into `buf` what has arrived, waiting until something has: the
/// number of bytes read, 0 at end of file.
pub async fn read(source: &Async<UnixStream>, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        let mut socket = source.get_ref();
        match socket.read(buf) {
            // Nothing yet: let the others run, then try again.
            Err(err) if err.kind() == io::ErrorKind::WouldBlock => yield_now().await,
            // A signal interrupted the call: nothing happened, try again.
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            // Bytes, end of file, or a real error (a reset, say).
            result => return result,
        }
    }
}
