// Suite for exercise 5.4, a `drain` that handles partial writes. Written
// once, run against the stub and the solution through each crate's
// `tests/drain.rs`.
//
// Each test runs a real event loop with the stage-5 reactor on a helper
// thread, watched with a time limit, so a drain that waits for an event
// that never comes fails the test instead of hanging it. The big test sends
// megabytes to a peer that reads slowly: the socket's buffer fills up, and
// writes become partial.

use std::future::Future;
use std::io::Read;
use std::os::unix::net::UnixStream;
use std::thread;
use std::time::Duration;

use aio_executor::EventLoop;
use aio_reactor::{Async, Reactor};
use aio_testkit::watchdog::within;
use subject::Writer;

const LIMIT: Duration = Duration::from_secs(20);

/// Runs `make()` on a reactor loop under the test kit's watchdog, so a
/// wrong answer fails after `LIMIT` instead of hanging the suite.
fn run<F, T>(make: impl FnOnce() -> F + Send + 'static) -> T
where
    F: Future<Output = T> + 'static,
    T: Send + 'static,
{
    within(
        LIMIT,
        "drain never finished: after WouldBlock, did it await \
         self.stream.writable() and go on writing?",
        move || {
            let event_loop = EventLoop::with_driver(Reactor::new().unwrap());
            event_loop.run_until_complete(make())
        },
    )
}

/// A peer on a helper thread that reads everything until end of file,
/// pausing after each chunk, and returns it.
fn slow_reader(mut peer: UnixStream) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut received = Vec::new();
        let mut chunk = vec![0; 32 * 1024];
        loop {
            match peer.read(&mut chunk).unwrap() {
                0 => return received,
                n => received.extend_from_slice(&chunk[..n]),
            }
            thread::sleep(Duration::from_micros(100));
        }
    })
}

#[test]
fn a_small_buffer_is_sent_and_emptied() {
    let (received, buffered) = run(|| async {
        let (ours, peer) = UnixStream::pair().unwrap();
        let reader = slow_reader(peer);
        let mut writer = Writer::new(Async::new(ours).unwrap());
        writer.write(b"hello, ");
        writer.write(b"drain");
        assert_eq!(
            writer.buffered(),
            12,
            "write must only buffer the bytes (both writes, 12 bytes), not send them"
        );
        writer.drain().await.unwrap();
        let buffered = writer.buffered();
        drop(writer); // end of file for the reader
        (reader.join().unwrap(), buffered)
    });
    assert_eq!(
        received, b"hello, drain",
        "the reader must receive every buffered byte, in order, once drain returns"
    );
    assert_eq!(
        buffered, 0,
        "drain returned with bytes still buffered: it must keep writing until the buffer is empty"
    );
}

#[test]
fn megabytes_through_a_slow_reader_arrive_whole_and_in_order() {
    let payload: Vec<u8> = (0..4 << 20).map(|i: u32| (i % 251) as u8).collect();
    let expected = payload.clone();
    let (received, partial) = run(move || async move {
        let (ours, peer) = UnixStream::pair().unwrap();
        let reader = slow_reader(peer);
        let mut writer = Writer::new(Async::new(ours).unwrap());
        writer.write(&payload);
        writer.drain().await.unwrap();
        assert_eq!(
            writer.buffered(),
            0,
            "drain returned with bytes still buffered: on WouldBlock it must await writability and \
             write the rest"
        );
        let partial = writer.partial_writes();
        drop(writer);
        (reader.join().unwrap(), partial)
    });
    assert_eq!(
        received.len(),
        expected.len(),
        "bytes were lost or repeated"
    );
    assert!(
        received == expected,
        "bytes arrived changed or out of order"
    );
    assert!(
        partial > 0,
        "a slow reader should have caused a partial write"
    );
}

#[test]
fn drain_can_be_called_again_for_the_next_batch() {
    let received = run(|| async {
        let (ours, peer) = UnixStream::pair().unwrap();
        let reader = slow_reader(peer);
        let mut writer = Writer::new(Async::new(ours).unwrap());
        writer.drain().await.unwrap(); // nothing to send: returns at once
        for batch in [&b"one "[..], b"two ", b"three"] {
            writer.write(batch);
            writer.drain().await.unwrap();
        }
        drop(writer);
        reader.join().unwrap()
    });
    assert_eq!(
        received, b"one two three",
        "each batch must reach the reader whole and in order: a drain that drops or repeats bytes \
         after a partial write shows here"
    );
}
