//! Non-blocking TCP on 127.0.0.1: accept, connect, read and write, with
//! addresses that match and the OS's errors passed through.

use crate::common;

use std::io;
use std::net::Shutdown;

use aio_executor::spawn;
use aio_reactor::{TcpListener, TcpStream};

#[test]
fn a_connection_carries_bytes_both_ways() {
    common::run(|| async {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let client = TcpStream::connect(addr).await.unwrap();
        let (server_side, peer) = listener.accept().await.unwrap();
        assert_eq!(client.peer_addr().unwrap(), addr);
        assert_eq!(client.local_addr().unwrap(), peer);
        assert_eq!(server_side.peer_addr().unwrap(), peer);

        client.write_all(b"question").await.unwrap();
        let mut buf = [0; 8];
        let mut got = 0;
        while got < 8 {
            got += server_side.read(&mut buf[got..]).await.unwrap();
        }
        assert_eq!(&buf, b"question");
        server_side.write_all(b"answer").await.unwrap();
        server_side.shutdown(Shutdown::Write).unwrap();
        let mut reply = Vec::new();
        let mut chunk = [0; 3];
        loop {
            match client.read(&mut chunk).await.unwrap() {
                0 => break, // the server's end of file
                n => reply.extend_from_slice(&chunk[..n]),
            }
        }
        assert_eq!(reply, b"answer");
    });
}

#[test]
fn a_megabyte_goes_through_in_order() {
    common::run(|| async {
        let (client, server_side) = common::connected_pair().await.unwrap();
        let payload: Vec<u8> = (0..1 << 20).map(|i: u32| (i % 251) as u8).collect();
        let expected = payload.clone();
        let sender = spawn(async move {
            client.write_all(&payload).await.unwrap();
            client.shutdown(Shutdown::Write).unwrap();
        });
        let mut received = Vec::new();
        let mut buf = vec![0; 8192];
        loop {
            match server_side.read(&mut buf).await.unwrap() {
                0 => break,
                n => received.extend_from_slice(&buf[..n]),
            }
        }
        sender.await.unwrap();
        assert!(
            received == expected,
            "the bytes arrived changed or out of order"
        );
    });
}

#[test]
fn connecting_to_a_closed_port_is_refused() {
    let kind = common::run(|| async {
        // A port that was just free: bind it, note it, close it.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap_err()
            .kind()
    });
    assert_eq!(kind, io::ErrorKind::ConnectionRefused);
}

#[test]
fn many_connections_are_accepted_by_one_listener() {
    let accepted = common::run(|| async {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let clients: Vec<_> = (0..64)
            .map(|_| spawn(async move { TcpStream::connect(addr).await.unwrap() }))
            .collect();
        let mut accepted = Vec::new();
        for _ in 0..64 {
            accepted.push(listener.accept().await.unwrap());
        }
        for client in clients {
            client.await.unwrap();
        }
        accepted.len()
    });
    assert_eq!(accepted, 64);
}

/// More clients than std's backlog of 128 connect at once, while nobody
/// accepts yet: with our backlog every handshake completes at once. With
/// std's, the kernel drops the SYNs past 128 and those clients retry a
/// second later, past this test's half-second limit.
#[test]
fn three_hundred_clients_connect_at_once_to_a_listener_not_yet_accepting() {
    const CLIENTS: usize = 300;
    let connected = common::run(|| async {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        // Blocking connects on threads of their own; the loop's thread
        // waits for them and accepts nothing meanwhile.
        let clients: Vec<_> = (0..CLIENTS)
            .map(|_| {
                std::thread::spawn(move || {
                    std::net::TcpStream::connect_timeout(
                        &addr,
                        std::time::Duration::from_millis(500),
                    )
                })
            })
            .collect();
        let streams: Vec<_> = clients
            .into_iter()
            .filter_map(|client| client.join().unwrap().ok())
            .collect();
        drop(listener);
        streams.len()
    });
    assert!(
        CLIENTS <= aio_reactor::LISTEN_BACKLOG as usize,
        "the test needs a backlog of at least {CLIENTS}"
    );
    assert_eq!(
        connected, CLIENTS,
        "every client should connect at once: was the listen backlog left at std's 128?"
    );
}

/// After a read that got less than it asked for, the next read waits for
/// readability before it tries (the "short read" fast path). Data that came
/// in meanwhile, and an end of file, must still arrive at once.
#[test]
fn a_read_after_a_short_read_still_gets_what_came_meanwhile_and_the_end_of_file() {
    common::run(|| async {
        let (client, server_side) = common::connected_pair().await.unwrap();
        let mut buf = [0; 64];
        client.write_all(b"first").await.unwrap();
        let n = server_side.read(&mut buf).await.unwrap();
        assert_eq!(&buf[..n], b"first", "the first message, in a short read");
        // Both the second message and the end of file are there before the
        // next read starts: it must not wait for anything more.
        client.write_all(b"second").await.unwrap();
        client.shutdown(Shutdown::Write).unwrap();
        let n = server_side.read(&mut buf).await.unwrap();
        assert_eq!(&buf[..n], b"second", "what came after a short read");
        assert_eq!(
            server_side.read(&mut buf).await.unwrap(),
            0,
            "the end of file after a short read"
        );
        // An empty buffer never waits: it reads nothing, at once.
        assert_eq!(server_side.read(&mut []).await.unwrap(), 0, "an empty read");
    });
}

/// After a write, the next read waits for readability before it tries:
/// what it reads is most likely the answer, still on its way (the "read
/// after a write" fast path). What the peer sent before we wrote, and its
/// end of file, must still arrive; and each read went through the reactor
/// once (the first because of the write, the second because the first
/// was short), where without the fast path only the second would.
#[test]
fn a_read_after_a_write_still_gets_what_was_there_before_and_the_end_of_file() {
    let (before, after) = common::run_on(|event_loop| {
        let (client, server_side) = event_loop.run_until_complete(async {
            let (client, server_side) = common::connected_pair().await.unwrap();
            // The peer speaks first, and is done, before we say anything.
            server_side.write_all(b"hello").await.unwrap();
            server_side.shutdown(Shutdown::Write).unwrap();
            (client, server_side)
        });
        let before = event_loop.driver().stats();
        event_loop.run_until_complete(async move {
            client.write_all(b"request").await.unwrap();
            let mut buf = [0; 64];
            let n = client.read(&mut buf).await.unwrap();
            assert_eq!(&buf[..n], b"hello", "what the peer sent before we wrote");
            assert_eq!(client.read(&mut buf).await.unwrap(), 0, "its end of file");
        });
        drop(server_side);
        (before, event_loop.driver().stats())
    });
    assert_eq!(
        after.wakes - before.wakes,
        2,
        "each read should have waited for the reactor once: {before:?}, then {after:?}"
    );
}
