//! An event wakes the task waiting on that socket, and no other: the
//! reactor finds the waker by the event's key.

use crate::common;

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;

use aio_executor::trace::{EventKind, Trace};
use aio_executor::{spawn_named, yield_now};
use aio_reactor::Async;

/// How many times the loop polled the task called `name`.
fn polls(trace: &Trace, name: &str) -> usize {
    trace
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Poll && e.task.as_deref() == Some(name))
        .count()
}

#[test]
fn an_event_wakes_only_the_task_waiting_on_that_socket() {
    let (trace, wakes) = common::run_on(|event_loop| {
        event_loop.run_until_complete(async {
            let mut peers = Vec::new();
            let mut readers = Vec::new();
            for i in 0..20u8 {
                let (ours, peer) = UnixStream::pair().unwrap();
                let ours = Async::new(ours).unwrap();
                peers.push(peer);
                readers.push(spawn_named(format!("reader-{i}"), async move {
                    let mut byte = [0];
                    ours.read_with(|mut s| s.read(&mut byte)).await.unwrap();
                    assert_eq!(byte[0], i, "reader {i} got another socket's byte");
                }));
            }
            yield_now().await; // every reader tries, finds nothing, waits
            peers[13].write_all(&[13]).unwrap();
            (&mut readers[13]).await.unwrap();
            for (i, peer) in peers.iter_mut().enumerate() {
                if i != 13 {
                    peer.write_all(&[i as u8]).unwrap();
                }
            }
            for (i, reader) in readers.into_iter().enumerate() {
                if i != 13 {
                    reader.await.unwrap();
                }
            }
        });
        (event_loop.take_trace(), event_loop.driver().stats().wakes)
    });
    // Reader 13 ran twice: once to start waiting, once for its byte. The
    // others ran once before its event and once after theirs, never for
    // reader 13's event.
    let upto_13_done = trace
        .events
        .iter()
        .position(|e| {
            matches!(e.kind, EventKind::Done(_)) && e.task.as_deref() == Some("reader-13")
        })
        .expect("reader 13 finished");
    let before = Trace {
        events: trace.events[..upto_13_done].to_vec(),
    };
    assert_eq!(polls(&before, "reader-13"), 2);
    for i in (0..20).filter(|&i| i != 13) {
        let name = format!("reader-{i}");
        assert_eq!(
            polls(&before, &name),
            1,
            "{name} was polled for reader 13's event"
        );
        assert_eq!(polls(&trace, &name), 2, "{name}: one wait, one byte");
    }
    assert_eq!(wakes, 20, "one wake per socket event, no more");
}
