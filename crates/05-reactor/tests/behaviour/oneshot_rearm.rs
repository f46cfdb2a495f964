//! Oneshot interest: the poller reports a socket once, then ignores it
//! until interest is set again. Waiting again must re-arm it, and an event
//! for one direction must not silence a task waiting on the other.

use crate::common;

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::rc::Rc;

use aio_executor::{spawn_named, yield_now};
use aio_reactor::Async;

#[test]
fn every_new_wait_arms_the_socket_again() {
    let arms = common::run_on(|event_loop| {
        event_loop.run_until_complete(async {
            let (ours, peer) = UnixStream::pair().unwrap();
            let ours = Async::new(ours).unwrap();
            let peer = Async::new(peer).unwrap();
            let reader = spawn_named("reader", async move {
                let mut got = Vec::new();
                let mut byte = [0];
                for _ in 0..5 {
                    // Each read finds nothing at first, waits, and is
                    // woken by the next byte: five separate waits.
                    ours.read_with(|mut s| s.read(&mut byte)).await.unwrap();
                    got.push(byte[0]);
                }
                got
            });
            for i in 0..5u8 {
                yield_now().await; // the reader is waiting again
                yield_now().await;
                peer.get_ref().write_all(&[i]).unwrap();
            }
            assert_eq!(reader.await.unwrap(), [0, 1, 2, 3, 4]);
        });
        event_loop.driver().stats().arms
    });
    assert!(arms >= 5, "five waits need five arms, saw {arms}");
}
#[test]
fn a_reader_and_a_writer_of_one_socket_each_get_their_own_event() {
    let wakes = common::run_on(|event_loop| {
        event_loop.run_until_complete(async {
            let (ours, mut peer) = UnixStream::pair().unwrap();
            let ours = Rc::new(Async::new(ours).unwrap());
            // Fill the send buffer until the OS says "would block".
            let chunk = [7u8; 4096];
            let mut filled = 0;
            while let Ok(n) = ours.get_ref().write(&chunk) {
                filled += n;
            }
            let (r, w) = (ours.clone(), ours.clone());
            let reader = spawn_named("reader", async move {
                let mut byte = [0];
                r.read_with(|mut s| s.read(&mut byte)).await.unwrap();
                byte[0]
            });
            let writer = spawn_named("writer", async move {
                w.write_with(|mut s| s.write(&chunk)).await.unwrap()
            });
            yield_now().await; // both wait now: one to read, one to write
            // Readable, not writable: only the reader may run.
            peer.write_all(&[42]).unwrap();
            assert_eq!(reader.await.unwrap(), 42);
            assert!(!writer.done(), "the writer ran without room to write");
            // Make room: now the writer's event comes.
            let mut sink = vec![0; filled];
            peer.read_exact(&mut sink).unwrap();
            assert!(writer.await.unwrap() > 0);
        });
        event_loop.driver().stats().wakes
    });
    assert_eq!(wakes, 2);
}
