// Suite for exercise 5.2, re-arming oneshot interest each time a task
// waits again. Written once, run against the stub and the solution through
// each crate's `tests/rearm.rs`.
//
// A real poller (epoll on Linux) watches a real socket. Each wait for
// events has a time limit, so a socket that was not re-armed makes a test
// fail with that reason instead of hanging.

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::time::Duration;

use aio_testkit::wake::counting_waker;
use polling::{Events, Poller};
use subject::Watched;

/// Long enough for an event that is due; the tests only wait this long when
/// an event is missing.
const LIMIT: Duration = Duration::from_secs(2);

/// Waits for events and hands each one for `watched` to it; returns how
/// many there were.
fn poll_once(poller: &Poller, watched: &mut Watched<'_>, limit: Duration) -> usize {
    let mut events = Events::new();
    poller.wait(&mut events, Some(limit)).unwrap();
    let mine = events.iter().filter(|e| e.key == watched.key()).count();
    if mine > 0 {
        watched.on_event();
    }
    mine
}

#[test]
fn the_first_wait_arms_the_socket() {
    let poller = Poller::new().unwrap();
    let (ours, mut peer) = UnixStream::pair().unwrap();
    let mut watched = Watched::new(&poller, 1, ours).unwrap();
    let (count, waker) = counting_waker();
    watched.wait_readable(&waker).unwrap();
    peer.write_all(b"1").unwrap();
    assert_eq!(
        poll_once(&poller, &mut watched, LIMIT),
        1,
        "no event: wait_readable did not arm the socket"
    );
    assert_eq!(
        count.wakes(),
        1,
        "the event must wake the waiting task once"
    );
}

#[test]
fn every_new_wait_arms_it_again() {
    let poller = Poller::new().unwrap();
    let (ours, mut peer) = UnixStream::pair().unwrap();
    let reader = ours.try_clone().unwrap();
    let mut watched = Watched::new(&poller, 1, ours).unwrap();
    let (count, waker) = counting_waker();
    for round in 1..=3 {
        watched.wait_readable(&waker).unwrap();
        peer.write_all(b"x").unwrap();
        assert_eq!(
            poll_once(&poller, &mut watched, LIMIT),
            1,
            "round {round}: no event; after an event, oneshot mode ignores the socket \
             until wait_readable arms it again"
        );
        let mut byte = [0];
        (&reader).read_exact(&mut byte).unwrap();
    }
    assert_eq!(
        count.wakes(),
        3,
        "three rounds of wait then event must wake the task three times: arm again before each wait"
    );
    assert_eq!(
        watched.arms(),
        3,
        "wait_readable must arm the socket once per wait (three rounds, three arms), calling \
         modify each time"
    );
}

#[test]
fn the_newest_waker_is_the_one_woken() {
    let poller = Poller::new().unwrap();
    let (ours, mut peer) = UnixStream::pair().unwrap();
    let mut watched = Watched::new(&poller, 5, ours).unwrap();
    let (first, first_waker) = counting_waker();
    let (second, second_waker) = counting_waker();
    watched.wait_readable(&first_waker).unwrap();
    watched.wait_readable(&second_waker).unwrap();
    peer.write_all(b"x").unwrap();
    assert_eq!(
        poll_once(&poller, &mut watched, LIMIT),
        1,
        "two waits before one event must give one event"
    );
    assert_eq!(
        (first.wakes(), second.wakes()),
        (0, 1),
        "a second wait replaces the first waker: the event must wake only the latest one, (first \
         wakes, second wakes)"
    );
    assert_eq!(watched.arms(), 1, "waiting twice before an event arms once");
}

#[test]
fn without_a_wait_there_is_no_event() {
    let poller = Poller::new().unwrap();
    let (ours, mut peer) = UnixStream::pair().unwrap();
    let mut watched = Watched::new(&poller, 9, ours).unwrap();
    let (count, waker) = counting_waker();
    watched.wait_readable(&waker).unwrap();
    peer.write_all(b"a").unwrap();
    assert_eq!(
        poll_once(&poller, &mut watched, LIMIT),
        1,
        "the first event after wait_readable must arrive"
    );
    // Readable still (the byte is unread), but nobody waits again: oneshot
    // keeps quiet.
    assert_eq!(
        poll_once(&poller, &mut watched, Duration::from_millis(50)),
        0,
        "a second event arrived without a new wait: oneshot mode keeps quiet until wait_readable \
         arms the socket again, so do not arm it anywhere else"
    );
    assert_eq!(
        count.wakes(),
        1,
        "the task must be woken once, for the one wait it made"
    );
}
