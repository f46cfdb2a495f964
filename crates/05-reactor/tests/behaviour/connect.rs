//! Connecting without blocking: the handshake runs while the loop runs
//! other tasks, its outcome comes from the socket's pending error after the
//! socket turns writable, and IPv4, IPv6 and host names all work.

use crate::common;

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use aio_executor::{spawn, yield_now};
use aio_reactor::{ConnectAddr, TcpListener, TcpStream, to_thread};
use rustix::net::{AddressFamily, SocketType};

#[test]
fn a_refused_connect_is_learned_from_the_socket_after_an_event() {
    let (kind, events, sources) = common::run_on(|event_loop| {
        let kind = event_loop.run_until_complete(async {
            // A port that was just free: bind it, note it, close it.
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            TcpStream::connect((Ipv4Addr::LOCALHOST, port))
                .await
                .unwrap_err()
                .kind()
        });
        let reactor = event_loop.driver();
        (kind, reactor.stats().events, reactor.sources())
    });
    assert_eq!(kind, io::ErrorKind::ConnectionRefused);
    // The refusal was not `connect`'s own answer: it came later, as an
    // event for the socket, and was read from SO_ERROR.
    assert!(events >= 1, "connect should have waited for the socket");
    assert_eq!(sources, 0, "the failed socket was not closed");
}

#[test]
fn connects_over_ipv6() {
    common::run(|| async {
        let listener = match TcpListener::bind("[::1]:0") {
            Ok(listener) => listener,
            Err(err) => {
                eprintln!("skipped: this machine has no IPv6 loopback ({err})");
                return;
            }
        };
        let addr = listener.local_addr().unwrap();
        let client = TcpStream::connect(addr).await.unwrap();
        let (server_side, peer) = listener.accept().await.unwrap();
        assert!(client.peer_addr().unwrap().is_ipv6());
        assert_eq!(client.peer_addr().unwrap(), addr);
        assert_eq!(client.local_addr().unwrap(), peer);

        client.write_all(b"over v6").await.unwrap();
        let mut buf = [0; 7];
        let mut got = 0;
        while got < buf.len() {
            got += server_side.read(&mut buf[got..]).await.unwrap();
        }
        assert_eq!(&buf, b"over v6");
    });
}

#[test]
fn a_host_name_is_looked_up_then_connected() {
    common::run(|| async {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        // "localhost" may also name ::1, where nothing listens: that
        // address is refused and the next one is tried.
        let by_pair = TcpStream::connect(("localhost", port)).await.unwrap();
        let by_string = TcpStream::connect(format!("localhost:{port}"))
            .await
            .unwrap();
        for client in [by_pair, by_string] {
            assert_eq!(client.peer_addr().unwrap().port(), port);
            listener.accept().await.unwrap();
        }
    });
}

#[test]
fn only_host_names_need_a_lookup() {
    let v4: SocketAddr = "127.0.0.1:80".parse().unwrap();
    let v6: SocketAddr = "[::1]:80".parse().unwrap();
    assert_eq!(("127.0.0.1", 80).numeric(), Some(v4));
    assert_eq!("127.0.0.1:80".numeric(), Some(v4));
    assert_eq!(("::1".to_string(), 80).numeric(), Some(v6));
    assert_eq!("[::1]:80".to_string().numeric(), Some(v6));
    assert_eq!(v6.numeric(), Some(v6));
    assert_eq!(("localhost", 80).numeric(), None);
    assert_eq!("localhost:80".numeric(), None);
}

/// A listener whose accept queue holds one connection, and that one
/// connection, made and left unaccepted: the queue is full, so the OS drops
/// the next client's handshake packets (the client retries about a second
/// later) and that client's connect stays in progress.
fn full_listener() -> (std::net::TcpListener, std::net::TcpStream) {
    let socket = rustix::net::socket(AddressFamily::INET, SocketType::STREAM, None).unwrap();
    rustix::net::bind(&socket, &SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).unwrap();
    rustix::net::listen(&socket, 0).unwrap(); // a backlog of 0 holds one
    let listener = std::net::TcpListener::from(socket);
    let filler = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
    (listener, filler)
}

#[test]
fn a_slow_handshake_leaves_the_loop_free_and_a_cancelled_one_closes() {
    common::run_on(|event_loop| {
        let (listener, _filler) = full_listener();
        let addr = listener.local_addr().unwrap();

        let (waits, cancelled) = event_loop.run_until_complete(async move {
            let waits = spawn(TcpStream::connect(addr));
            let cancelled = spawn(TcpStream::connect(addr));
            // Both handshakes are stuck; this task runs on regardless.
            for _ in 0..10 {
                yield_now().await;
            }
            to_thread(|| std::thread::sleep(Duration::from_millis(100))).await;
            assert!(!waits.done() && !cancelled.done());
            (waits, cancelled)
        });
        assert_eq!(event_loop.driver().sources(), 2);

        // Cancelling a connect drops its socket: out of the reactor, closed.
        cancelled.cancel();
        let result = event_loop.run_until_complete(cancelled);
        assert!(result.unwrap_err().is_cancelled());
        assert_eq!(event_loop.driver().sources(), 1);

        // Make room in the queue: the next retry of the handshake gets in,
        // the socket turns writable, and the connect completes.
        let (_accepted, _) = listener.accept().unwrap();
        let client = event_loop.run_until_complete(waits).unwrap().unwrap();
        assert_eq!(client.peer_addr().unwrap(), addr);
    });
}
