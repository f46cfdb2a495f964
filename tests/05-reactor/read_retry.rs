// Suite for exercise 5.3, an async read that retries on "would block".
// Written once, run against the stub and the solution through each crate's
// `tests/read_retry.rs`.
//
// Each test runs a real event loop with the stage-5 reactor on a helper
// thread, watched with a time limit: a read that never wakes up fails the
// test with that reason instead of hanging it.

use std::cell::Cell;
use std::future::{Future, poll_fn};
use std::io::{self, Write};
use std::os::unix::net::UnixStream;
use std::pin::pin;
use std::thread;
use std::time::Duration;

use aio_executor::{EventLoop, spawn, yield_now};
use aio_reactor::{Async, Reactor};
use aio_testkit::watchdog::within;
use subject::read;

const LIMIT: Duration = Duration::from_secs(10);

/// Runs `make()` on a reactor loop under the test kit's watchdog, so a
/// wrong answer fails after `LIMIT` instead of hanging the suite.
fn run<F, T>(make: impl FnOnce() -> F + Send + 'static) -> T
where
    F: Future<Output = T> + 'static,
    T: Send + 'static,
{
    within(
        LIMIT,
        "read never returned: after WouldBlock, did it await \
         source.readable() and then try again?",
        move || {
            let event_loop = EventLoop::with_driver(Reactor::new().unwrap());
            event_loop.run_until_complete(make())
        },
    )
}

#[test]
fn bytes_that_are_already_there_are_read_at_once() {
    let got = run(|| async {
        let (ours, mut peer) = UnixStream::pair().unwrap();
        peer.write_all(b"ready").unwrap();
        let ours = Async::new(ours).unwrap();
        let mut buf = [0; 16];
        let n = read(&ours, &mut buf).await.unwrap();
        buf[..n].to_vec()
    });
    assert_eq!(
        got, b"ready",
        "bytes already waiting in the socket must be returned by the first read"
    );
}

#[test]
fn a_read_before_the_bytes_waits_for_them_instead_of_failing() {
    let got = run(|| async {
        let (ours, peer) = UnixStream::pair().unwrap();
        let ours = Async::new(ours).unwrap();
        let writer = spawn(async move {
            for _ in 0..3 {
                yield_now().await; // the reader finds nothing first
            }
            (&peer).write_all(b"later").unwrap();
            peer
        });
        let mut buf = [0; 16];
        let n = read(&ours, &mut buf).await;
        drop(writer.await.unwrap());
        n.map(|n| buf[..n].to_vec())
    });
    match got {
        Ok(bytes) => assert_eq!(
            bytes, b"later",
            "read must return the bytes written after it started waiting"
        ),
        Err(err) if err.kind() == io::ErrorKind::WouldBlock => {
            panic!("read returned WouldBlock: it must wait for readability and try again")
        }
        Err(err) => panic!("read failed: {err}"),
    }
}

#[test]
fn bytes_from_another_thread_wake_the_reader() {
    let got = run(|| async {
        let (ours, mut peer) = UnixStream::pair().unwrap();
        let ours = Async::new(ours).unwrap();
        let sender = thread::spawn(move || {
            thread::sleep(Duration::from_millis(30));
            peer.write_all(b"from a thread").unwrap();
            peer
        });
        let mut buf = [0; 32];
        let n = read(&ours, &mut buf).await.unwrap();
        drop(sender.join().unwrap());
        buf[..n].to_vec()
    });
    assert_eq!(
        got, b"from a thread",
        "read must return the bytes another thread wrote while the loop was parked: the reactor \
         wakes the reader"
    );
}

/// Polls `future` like `.await` does, counting the polls in `polls`.
async fn counting_polls<F: Future>(future: F, polls: &Cell<u32>) -> F::Output {
    let mut future = pin!(future);
    poll_fn(|cx| {
        polls.set(polls.get() + 1);
        future.as_mut().poll(cx)
    })
    .await
}

#[test]
fn a_reader_with_nothing_to_read_waits_for_readiness_instead_of_polling_again() {
    // The writer lets the loop turn many times before it writes. A reader
    // that waits for readiness is polled twice (once to find nothing, once
    // when the reactor reports the bytes); one that yields and tries again
    // is polled on every turn.
    const TURNS: u32 = 50;
    let polls = run(|| async {
        let (ours, peer) = UnixStream::pair().unwrap();
        let ours = Async::new(ours).unwrap();
        let writer = spawn(async move {
            for _ in 0..TURNS {
                yield_now().await;
            }
            (&peer).write_all(b"at last").unwrap();
            peer
        });
        let polls = Cell::new(0);
        let mut buf = [0; 16];
        let n = counting_polls(read(&ours, &mut buf), &polls).await.unwrap();
        drop(writer.await.unwrap());
        assert_eq!(
            &buf[..n],
            b"at last",
            "read returned other bytes than were sent"
        );
        polls.get()
    });
    assert!(
        polls < TURNS / 2,
        "read was polled {polls} times while the loop turned {TURNS} times with nothing \
         to read: it is busy-polling (trying again after `yield_now` or a wake of \
         its own) instead of awaiting `source.readable()`, which parks the task until \
         the reactor reports the socket readable"
    );
}

#[test]
fn end_of_file_is_zero_bytes() {
    let n = run(|| async {
        let (ours, peer) = UnixStream::pair().unwrap();
        let ours = Async::new(ours).unwrap();
        let closer = spawn(async move {
            yield_now().await;
            drop(peer); // the peer hangs up
        });
        let mut buf = [0; 8];
        let n = read(&ours, &mut buf).await.unwrap();
        closer.await.unwrap();
        n
    });
    assert_eq!(
        n, 0,
        "when the peer hangs up, read must return Ok(0), end of file, not an error and not \
         WouldBlock"
    );
}

#[test]
fn a_reader_waiting_for_its_socket_lets_other_tasks_run() {
    let order = run(|| async {
        let (ours, peer) = UnixStream::pair().unwrap();
        let ours = Async::new(ours).unwrap();
        let reader = spawn(async move {
            let mut buf = [0; 8];
            let n = read(&ours, &mut buf).await.unwrap();
            String::from_utf8(buf[..n].to_vec()).unwrap()
        });
        let mut order = Vec::new();
        for i in 0..3 {
            yield_now().await;
            order.push(format!("other task ran ({i})"));
        }
        (&peer).write_all(b"done").unwrap();
        order.push(reader.await.unwrap());
        order
    });
    assert_eq!(
        order,
        [
            "other task ran (0)",
            "other task ran (1)",
            "other task ran (2)",
            "done"
        ],
        "a reader waiting for its socket must let the other task run all three times, then get its \
         bytes: a read that blocks the thread stops the loop"
    );
}
