//! The reactor keeps the promises of stage 4's `Driver`: an unpark is never
//! lost, a zero timeout only looks, wakes from other threads get through,
//! and the loop knows when a task waits on I/O.

use crate::common;

use std::future::Future;
use std::io;
use std::os::unix::net::UnixStream;
use std::rc::Rc;
use std::task::Poll;
use std::time::{Duration, Instant};

use aio_executor::{Driver, EventLoop, spawn, yield_now};
use aio_reactor::{Async, Reactor, TcpListener, to_thread};

#[test]
fn an_unpark_that_comes_before_park_makes_park_return() {
    common::bounded(|| {
        let mut reactor = Reactor::new().unwrap();
        reactor.unparker().unpark();
        // Lost, this unpark would leave the park below waiting forever (the
        // bounded runner would then fail the test).
        reactor.park(None);
    });
}

#[test]
fn an_unpark_from_another_thread_ends_a_park_in_progress() {
    common::bounded(|| {
        let mut reactor = Reactor::new().unwrap();
        let unparker = reactor.unparker();
        let helper = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(20));
            unparker.unpark();
        });
        reactor.park(None);
        helper.join().unwrap();
    });
}

#[test]
fn a_zero_timeout_only_looks() {
    common::bounded(|| {
        let mut reactor = Reactor::new().unwrap();
        let started = Instant::now();
        reactor.park(Some(Duration::ZERO));
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(reactor.stats().events, 0);
    });
}

#[test]
fn a_wake_from_another_thread_reaches_a_loop_parked_in_epoll() {
    let value = common::run(|| async {
        to_thread(|| {
            std::thread::sleep(Duration::from_millis(20));
            7
        })
        .await
    });
    assert_eq!(value, 7);
}

#[test]
fn the_loop_waits_on_io_exactly_while_a_task_waits_on_a_socket() {
    common::run_on(|event_loop| {
        assert!(!event_loop.driver().waits_on_io());
        let listener = event_loop
            .run_until_complete(async { TcpListener::bind("127.0.0.1:0") })
            .unwrap();
        // Registered, but nobody waits on it: its interest is not armed, so
        // the poller cannot report it, and a virtual clock may jump.
        assert_eq!(event_loop.driver().sources(), 1);
        assert!(!event_loop.driver().waits_on_io());

        let listener = Rc::new(listener);
        let waiter = listener.clone();
        let (accepting, addr) = event_loop.run_until_complete(async move {
            let addr = waiter.local_addr().unwrap();
            let accepting = spawn(async move { waiter.accept().await.map(drop) });
            yield_now().await; // the accept finds nobody, and waits
            (accepting, addr)
        });
        assert!(event_loop.driver().waits_on_io());

        let _client = std::net::TcpStream::connect(addr).unwrap();
        event_loop.run_until_complete(accepting).unwrap().unwrap();
        assert!(!event_loop.driver().waits_on_io(), "the wait is over");

        // Dropped after the loop stopped: it still leaves the poller.
        drop(listener);
        assert!(!event_loop.driver().waits_on_io());
        assert_eq!(event_loop.driver().sources(), 0);
    });
}

#[test]
fn sockets_need_a_running_loop_with_a_reactor() {
    let outside = TcpListener::bind("127.0.0.1:0").unwrap_err();
    assert!(outside.to_string().contains("no running event loop"));

    // A loop without a reactor (stage 4's thread parker) is not enough.
    let plain = EventLoop::new();
    let err = plain.run_until_complete(async { TcpListener::bind("127.0.0.1:0").map(drop) });
    assert!(
        err.unwrap_err()
            .to_string()
            .contains("no running event loop")
    );

    // After a reactor loop stops, its reactor is no longer reachable.
    common::run_on(|event_loop| {
        event_loop
            .run_until_complete(async { TcpListener::bind("127.0.0.1:0").map(drop) })
            .unwrap();
        let after: io::Result<_> = TcpListener::bind("127.0.0.1:0");
        assert!(after.is_err());
    });
}

#[test]
fn a_socket_used_under_another_loop_fails_instead_of_waiting_forever() {
    let err = common::bounded(|| {
        let first = EventLoop::with_driver(Reactor::new().unwrap());
        let (ours, _peer) = first.run_until_complete(common::connected_pair()).unwrap();
        // Another loop, another reactor: nobody will ever wait in the
        // first one's poller, so a wait armed there could never end.
        let second = EventLoop::with_driver(Reactor::new().unwrap());
        second.run_until_complete(async move {
            let mut buf = [0; 1];
            ours.read(&mut buf).await.unwrap_err()
        })
    });
    assert!(
        err.to_string().contains("another event loop"),
        "unexpected error: {err}"
    );
}

/// A wait that is given up (a `timeout` around a read, a `select` that
/// took the other branch) is no longer a task waiting on a socket: the
/// loop must not count it, or a virtual clock waits in real time, and
/// the zero-timeout look is never skipped, until that socket's next event
/// (which may never come) or its drop. Fails today: the dropped
/// `Readiness` leaves its waker in the source, and the count with it.
/// (It failed the same way with the old count of armed sources.)
#[test]
fn a_wait_that_was_given_up_does_not_count_as_waiting_on_io() {
    common::run_on(|event_loop| {
        let (ours, _silent) = UnixStream::pair().unwrap();
        let ours = event_loop.run_until_complete(async move {
            let ours = Async::new(ours).unwrap();
            let mut wait = Box::pin(ours.readable());
            // Poll the wait once, so it registers, then give it up.
            std::future::poll_fn(|cx| {
                assert!(wait.as_mut().poll(cx).is_pending());
                Poll::Ready(())
            })
            .await;
            drop(wait);
            ours
        });
        assert!(
            !event_loop.driver().waits_on_io(),
            "no task waits on the socket any more"
        );
        drop(ours);
    });
}
