// Suite for exercise 5.1, waking only the task whose socket is ready.
// Written once, run against the stub and the solution through each crate's
// `tests/dispatch.rs`.
//
// Wakers are the test kit's counting wakers, so every test counts exactly
// who was woken. The last test gets its events from a real poller (epoll
// on Linux) watching real sockets.

use std::io::Write;
use std::os::unix::net::UnixStream;
use std::time::Duration;

use aio_testkit::wake::counting_waker;
use polling::{Event, Events, Poller};
use subject::Waiters;

#[test]
fn a_readable_event_wakes_the_reader_of_that_socket_only() {
    let mut waiters = Waiters::new();
    let (mut readers, mut writers) = (Vec::new(), Vec::new());
    for key in 1..=3 {
        waiters.insert(key);
        let (reader, waker) = counting_waker();
        waiters.wait_readable(key, &waker);
        readers.push(reader);
        let (writer, waker) = counting_waker();
        waiters.wait_writable(key, &waker);
        writers.push(writer);
    }
    assert_eq!(
        waiters.dispatch(Event::readable(2)),
        1,
        "dispatch must return how many wakers it woke: one, the reader of socket 2"
    );
    let woken: Vec<usize> = readers.iter().map(|r| r.wakes()).collect();
    assert_eq!(
        woken,
        [0, 1, 0],
        "a readable event for socket 2 must wake only socket 2's reader, found by its key"
    );
    assert!(
        writers.iter().all(|w| w.wakes() == 0),
        "a readable event must wake no writer"
    );
}

#[test]
fn a_writable_event_wakes_the_writer_only() {
    let mut waiters = Waiters::new();
    waiters.insert(7);
    let (reader, reader_waker) = counting_waker();
    let (writer, writer_waker) = counting_waker();
    waiters.wait_readable(7, &reader_waker);
    waiters.wait_writable(7, &writer_waker);
    assert_eq!(
        waiters.dispatch(Event::writable(7)),
        1,
        "dispatch must return how many wakers it woke: one, the writer"
    );
    assert_eq!(
        (reader.wakes(), writer.wakes()),
        (0, 1),
        "a writable event must wake the writer only, never the reader: (reader wakes, writer wakes)"
    );
}

#[test]
fn an_event_for_both_halves_wakes_both() {
    let mut waiters = Waiters::new();
    waiters.insert(4);
    let (reader, reader_waker) = counting_waker();
    let (writer, writer_waker) = counting_waker();
    waiters.wait_readable(4, &reader_waker);
    waiters.wait_writable(4, &writer_waker);
    assert_eq!(
        waiters.dispatch(Event::all(4)),
        2,
        "an event both readable and writable must wake both halves and return 2"
    );
    assert_eq!(
        (reader.wakes(), writer.wakes()),
        (1, 1),
        "an event both readable and writable must wake the reader and the writer once each: \
         (reader wakes, writer wakes)"
    );
}

#[test]
fn an_event_for_an_unknown_or_removed_key_is_ignored() {
    let mut waiters = Waiters::new();
    waiters.insert(1);
    let (reader, waker) = counting_waker();
    waiters.wait_readable(1, &waker);
    waiters.remove(1);
    assert_eq!(waiters.dispatch(Event::all(1)), 0, "socket 1 was removed");
    assert_eq!(
        waiters.dispatch(Event::all(99)),
        0,
        "socket 99 never existed"
    );
    assert_eq!(
        reader.wakes(),
        0,
        "an event for a removed socket must not wake its old reader"
    );
}

#[test]
fn a_waker_is_used_once() {
    let mut waiters = Waiters::new();
    waiters.insert(3);
    let (reader, waker) = counting_waker();
    waiters.wait_readable(3, &waker);
    assert_eq!(
        waiters.dispatch(Event::readable(3)),
        1,
        "the first readable event must wake the waiting reader and return 1"
    );
    // The task has not waited again: a second event has nobody to wake.
    assert_eq!(
        waiters.dispatch(Event::readable(3)),
        0,
        "a waker is used once: a second event before the task waits again must wake nobody \
         and return 0; take the waker out when you wake it"
    );
    assert_eq!(
        reader.wakes(),
        1,
        "the reader was woken again by an event it had not waited for: take the waker out when you \
         wake it"
    );
    waiters.wait_readable(3, &waker);
    assert_eq!(
        waiters.dispatch(Event::readable(3)),
        1,
        "after the task waits again, the next event must wake it and return 1"
    );
    assert_eq!(
        reader.wakes(),
        2,
        "the reader must be woken exactly once per wait"
    );
}

#[test]
fn events_from_a_real_poller_reach_the_right_task() {
    // Declared before the poller, so dropped after it: if an assertion
    // fails half-way, the unwinding closes the poller, and with it every
    // registration, before any socket closes.
    let sockets: Vec<(UnixStream, UnixStream)> =
        (0..4).map(|_| UnixStream::pair().unwrap()).collect();
    let poller = Poller::new().unwrap();
    let mut waiters = Waiters::new();
    let mut counts = Vec::new();
    for (key, (ours, _peer)) in sockets.iter().enumerate() {
        // SAFETY: no socket closes while it is in the poller: each is
        // deleted below, and on an early panic the poller goes first (see
        // the declaration order above).
        unsafe { poller.add(ours, Event::readable(key)).unwrap() };
        waiters.insert(key);
        let (count, waker) = counting_waker();
        waiters.wait_readable(key, &waker);
        counts.push(count);
    }
    (&sockets[2].1).write_all(b"x").unwrap();
    let mut events = Events::new();
    poller
        .wait(&mut events, Some(Duration::from_secs(5)))
        .unwrap();
    let woken: usize = events.iter().map(|event| waiters.dispatch(event)).sum();
    for (ours, _) in &sockets {
        poller.delete(ours).unwrap();
    }
    assert_eq!(
        woken, 1,
        "one socket became readable, so exactly one task must be woken"
    );
    let per_socket: Vec<usize> = counts.iter().map(|c| c.wakes()).collect();
    assert_eq!(
        per_socket,
        [0, 0, 1, 0],
        "only the reader of the socket that received a byte (key 2) must be woken, by the key the \
         poller reported"
    );
}
