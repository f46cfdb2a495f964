//! The poller's interest in each socket: set on a task's first wait, kept
//! for a reader's next wait (level-triggered), dropped when an event finds
//! nobody waiting, and never left so that a ready or hung-up socket that
//! nobody reads is reported again and again.

use crate::common;

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::rc::Rc;

use aio_executor::{EventLoop, JoinHandle, spawn_named, yield_now};
use aio_reactor::{Async, Reactor, ReactorStats};

/// Spawns a task that waits on a socket that stays silent: while a task
/// waits on a socket, every turn looks into epoll (with nobody waiting at
/// all, a turn that must not wait skips the look).
fn every_turn_looks_into_epoll() {
    let (other, silent) = UnixStream::pair().unwrap();
    drop(spawn_named("waiter", async move {
        let _silent = silent;
        let other = Async::new(other).unwrap();
        let _ = other.readable().await;
    }));
}

#[test]
fn a_reader_waits_again_and_again_on_one_arm() {
    let stats = common::run_on(|event_loop| {
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
        event_loop.driver().stats()
    });
    assert_eq!(stats.events, 5, "one event per byte: {stats:?}");
    // Oneshot interest would need an `epoll_ctl` per wait: five.
    assert_eq!(
        stats.arms, 1,
        "the first wait arms, the next four find it armed: {stats:?}"
    );
}

/// A socket whose reader waited for one byte, got it and went away: its
/// read interest is still armed (level-triggered, kept for a next wait),
/// and nobody waits. Returns it with its peer.
async fn a_reader_came_and_went() -> (Rc<Async<UnixStream>>, UnixStream) {
    let (ours, mut peer) = UnixStream::pair().unwrap();
    let ours = Rc::new(Async::new(ours).unwrap());
    let reader = ours.clone();
    let reader = spawn_named("reader", async move {
        let mut byte = [0];
        reader.read_with(|mut s| s.read(&mut byte)).await.unwrap();
    });
    yield_now().await; // the reader waits: read interest is armed
    peer.write_all(&[1]).unwrap();
    reader.await.unwrap();
    (ours, peer)
}

/// A reader that waits for one byte and goes away, with `ready` done to its
/// socket afterwards (more data, or the peer gone); then a hundred loop
/// turns that each look into epoll, because another task waits on a
/// second socket that stays silent. Returns the reactor's counters.
fn a_hundred_turns_after_the_reader_left(
    ready: impl FnOnce(UnixStream) -> Option<UnixStream> + Send + 'static,
) -> ReactorStats {
    common::run_on(move |event_loop: &EventLoop<Reactor>| {
        event_loop.run_until_complete(async move {
            let (ours, peer) = a_reader_came_and_went().await;
            let _peer = ready(peer);
            every_turn_looks_into_epoll();
            for _ in 0..100 {
                yield_now().await;
            }
            drop(ours);
        });
        event_loop.driver().stats()
    })
}

#[test]
fn data_nobody_reads_is_reported_once_then_its_interest_goes() {
    let stats = a_hundred_turns_after_the_reader_left(|mut peer| {
        peer.write_all(&[2]).unwrap();
        Some(peer)
    });
    // The reader's byte, then the unread one once. Level-triggered
    // interest left armed would report it at every one of the hundred
    // turns, to nobody.
    assert_eq!(stats.wakes, 1, "{stats:?}");
    assert_eq!(stats.events, 2, "{stats:?}");
}

#[test]
fn a_hung_up_socket_nobody_reads_is_not_reported_at_every_turn() {
    let stats = a_hundred_turns_after_the_reader_left(|_hung_up| None);
    // epoll reports a hang-up even to a descriptor with no interest, in
    // level mode at every wait. With no interest left, the reactor puts
    // the descriptor in oneshot mode, where the hang-up is reported once
    // more and then no more.
    assert_eq!(stats.wakes, 1, "{stats:?}");
    assert!(
        stats.events <= 3,
        "{} events in a hundred turns: {stats:?}",
        stats.events
    );
}

#[test]
fn a_writer_s_interest_goes_with_its_event() {
    let stats = common::run_on(|event_loop| {
        event_loop.run_until_complete(async {
            let (ours, mut peer) = UnixStream::pair().unwrap();
            let ours = Rc::new(Async::new(ours).unwrap());
            // Fill the send buffer until the OS says "would block".
            let chunk = [7u8; 4096];
            let mut filled = 0;
            while let Ok(n) = ours.get_ref().write(&chunk) {
                filled += n;
            }
            let w = ours.clone();
            let writer = spawn_named("writer", async move {
                w.write_with(|mut s| s.write(&chunk)).await.unwrap()
            });
            yield_now().await; // the writer waits for room
            let mut sink = vec![0; filled];
            peer.read_exact(&mut sink).unwrap();
            assert!(writer.await.unwrap() > 0);
            // The socket stays writable from now on, and nobody waits to
            // write: these turns must not hear of it.
            every_turn_looks_into_epoll();
            for _ in 0..100 {
                yield_now().await;
            }
        });
        event_loop.driver().stats()
    });
    // Arms: the writer's wait, taking its interest back at its event (as
    // asyncio removes its writer once the buffer has drained), and the
    // other task's wait. Left armed, the write interest would be reported
    // once more, to nobody.
    assert_eq!(
        (stats.events, stats.wakes, stats.arms),
        (1, 1, 3),
        "{stats:?}"
    );
}

/// A socket whose send buffer is full, registered, with the number of
/// bytes it took before it said "would block".
fn full_pair() -> (Rc<Async<UnixStream>>, UnixStream, usize) {
    let (ours, peer) = UnixStream::pair().unwrap();
    let ours = Rc::new(Async::new(ours).unwrap());
    let chunk = [7u8; 4096];
    let mut filled = 0;
    while let Ok(n) = ours.get_ref().write(&chunk) {
        filled += n;
    }
    (ours, peer, filled)
}

/// A task that reads one byte from `ours` and one that writes 4 KiB to it.
fn a_reader_and_a_writer(ours: &Rc<Async<UnixStream>>) -> (JoinHandle<u8>, JoinHandle<usize>) {
    let (r, w) = (ours.clone(), ours.clone());
    let reader = spawn_named("reader", async move {
        let mut byte = [0];
        r.read_with(|mut s| s.read(&mut byte)).await.unwrap();
        byte[0]
    });
    let writer = spawn_named("writer", async move {
        w.write_with(|mut s| s.write(&[9; 4096])).await.unwrap()
    });
    (reader, writer)
}

#[test]
fn a_readable_event_leaves_the_writer_waiting_and_watched() {
    let stats = common::run_on(|event_loop| {
        event_loop.run_until_complete(async {
            let (ours, mut peer, filled) = full_pair();
            let (reader, writer) = a_reader_and_a_writer(&ours);
            yield_now().await; // both wait: read and write interest set
            peer.write_all(&[42]).unwrap();
            assert_eq!(reader.await.unwrap(), 42);
            assert!(!writer.done(), "the writer ran with no room to write");
            // The readable event must not have taken the writer's interest.
            let mut sink = vec![0; filled];
            peer.read_exact(&mut sink).unwrap();
            assert!(writer.await.unwrap() > 0);
        });
        event_loop.driver().stats()
    });
    assert_eq!(stats.wakes, 2, "{stats:?}");
}

#[test]
fn a_writable_event_leaves_the_reader_waiting_and_watched() {
    let stats = common::run_on(|event_loop| {
        event_loop.run_until_complete(async {
            let (ours, mut peer, filled) = full_pair();
            let (reader, writer) = a_reader_and_a_writer(&ours);
            yield_now().await; // both wait: read and write interest set
            let mut sink = vec![0; filled];
            peer.read_exact(&mut sink).unwrap();
            assert!(writer.await.unwrap() > 0);
            assert!(!reader.done(), "the reader ran with nothing to read");
            // The writable event took the write interest back; the read
            // interest must still be there for the reader.
            peer.write_all(&[42]).unwrap();
            assert_eq!(reader.await.unwrap(), 42);
        });
        event_loop.driver().stats()
    });
    assert_eq!(stats.wakes, 2, "{stats:?}");
}

#[test]
fn a_hang_up_wakes_a_reader_and_a_writer_of_one_socket() {
    common::run_on(|event_loop| {
        event_loop.run_until_complete(async {
            let (ours, peer, _) = full_pair();
            let (r, w) = (ours.clone(), ours.clone());
            let reader = spawn_named("reader", async move {
                let mut byte = [0];
                r.read_with(|mut s| s.read(&mut byte)).await
            });
            let writer = spawn_named("writer", async move {
                w.write_with(|mut s| s.write(&[9; 4096])).await
            });
            yield_now().await; // both wait
            drop(peer);
            // The peer went with our bytes unread: the read says so
            // (ECONNRESET on Linux) and the write fails; both end.
            let read = reader.await.unwrap();
            assert!(matches!(read, Ok(0) | Err(_)), "{read:?}");
            assert!(writer.await.unwrap().is_err(), "a write to a closed peer");
        });
    });
}

/// The drained fast path meets an event nobody waited for: after a short
/// read, data comes while the reader is busy; the loop reports it to
/// nobody and takes the read interest back. The reader's next read waits
/// first (drained): its wait must set the interest again and end at once.
#[test]
fn a_wait_after_its_data_was_reported_to_nobody_still_ends() {
    let stats = common::run_on(|event_loop| {
        event_loop.run_until_complete(async {
            let (client, server_side) = common::connected_pair().await.unwrap();
            let mut buf = [0; 64];
            let reading = spawn_named("first read", async move {
                let n = server_side.read(&mut buf).await.unwrap();
                (server_side, buf, n)
            });
            yield_now().await; // it waits: read interest is set
            client.write_all(b"first").await.unwrap();
            let (server_side, mut buf, n) = reading.await.unwrap();
            assert_eq!(&buf[..n], b"first", "a short read");
            client.write_all(b"second").await.unwrap();
            // "second" is reported at the next look, to nobody.
            every_turn_looks_into_epoll();
            for _ in 0..10 {
                yield_now().await;
            }
            let n = server_side.read(&mut buf).await.unwrap();
            assert_eq!(&buf[..n], b"second");
        });
        event_loop.driver().stats()
    });
    // Let the count show the path was taken: the event to nobody took the
    // read interest back (one more arm than the waits alone).
    assert!(stats.wakes < stats.events, "{stats:?}");
}

/// When the poller refuses to take interest back, the poller still has it,
/// so the reactor must still think so and try again at the next event.
/// Had it recorded the interest as gone, the next events would find
/// nothing to change, and the level-triggered descriptor would be reported
/// at every turn, to nobody (a `park` with a timeout would return at once,
/// for ever). The oneshot reactor could not spin here: the event itself
/// disarmed the descriptor.
///
/// Only ENOMEM makes `epoll_ctl(MOD)` fail on a socket in real life; the
/// test stands in for it for one turn by re-adding the descriptor with
/// `EPOLLEXCLUSIVE` (same key, same read interest, level-triggered),
/// which `MOD` refuses with EINVAL, then re-adding it as it was.
#[cfg(target_os = "linux")]
#[test]
fn interest_the_poller_would_not_take_back_is_taken_back_at_a_later_event() {
    use rustix::event::epoll;
    use std::os::fd::{AsRawFd, BorrowedFd};

    let stats = common::run_on(|event_loop| {
        event_loop.run_until_complete(async {
            every_turn_looks_into_epoll();
            let (ours, mut peer) = a_reader_came_and_went().await;

            let fd = ours.get_ref().as_raw_fd();
            let watching = common::epolls_watching(fd);
            assert_eq!(watching.len(), 1, "{watching:?}");
            // SAFETY: the reactor's epoll instance lives as long as its
            // loop, which is running this future.
            let epoll_fd = unsafe { BorrowedFd::borrow_raw(watching[0].0) };
            let readd = |flags| {
                epoll::delete(epoll_fd, ours.get_ref()).unwrap();
                let key = epoll::EventData::new_u64(ours.key() as u64);
                epoll::add(epoll_fd, ours.get_ref(), key, flags).unwrap();
            };
            readd(epoll::EventFlags::IN | epoll::EventFlags::EXCLUSIVE);
            peer.write_all(&[2]).unwrap(); // nobody reads it
            yield_now().await; // its event: taking the interest back fails
            readd(epoll::EventFlags::IN); // the poller would accept it now
            for _ in 0..100 {
                yield_now().await;
            }
        });
        event_loop.driver().stats()
    });
    assert_eq!(stats.wakes, 1, "{stats:?}");
    // The reader's byte; the unread one, whose interest could not be taken
    // back; once more at the next turn, which takes it back.
    assert!(
        stats.events <= 3,
        "{} events in a hundred turns: {stats:?}",
        stats.events
    );
}
