//! The streams behave like asyncio's: `read(n)` returns what is there (up
//! to n), `read_exact` waits for all or reports an incomplete read,
//! `readline` splits lines, `drain` sends everything, and end of file is
//! reported the way asyncio reports it.

use crate::common;

use std::io;
use std::net::Shutdown;

use aio_executor::{spawn, yield_now};
use aio_reactor::{IncompleteRead, StreamReader, StreamWriter, split};

/// A connected pair of streams: our reader and writer at one end, the raw
/// `TcpStream` at the other.
async fn streams() -> (StreamReader, StreamWriter, aio_reactor::TcpStream) {
    let (client, server_side) = common::connected_pair().await.unwrap();
    let (reader, writer) = split(client);
    (reader, writer, server_side)
}

#[test]
fn read_returns_what_has_arrived_not_n_bytes() {
    common::run(|| async {
        let (mut reader, _writer, peer) = streams().await;
        peer.write_all(&[1; 30]).await.unwrap();
        assert_eq!(reader.read(100).await.unwrap().len(), 30);

        peer.write_all(&[2; 250]).await.unwrap();
        peer.shutdown(Shutdown::Write).unwrap();
        let mut sizes = Vec::new();
        loop {
            let chunk = reader.read(100).await.unwrap();
            if chunk.is_empty() {
                break; // end of file, like asyncio's b''
            }
            sizes.push(chunk.len());
        }
        assert_eq!(sizes.iter().sum::<usize>(), 250);
        assert!(sizes.iter().all(|&n| n <= 100));
        assert!(reader.at_eof());
        assert_eq!(reader.read(0).await.unwrap(), b"");
    });
}

#[test]
fn read_exact_waits_for_every_byte() {
    let got = common::run(|| async {
        let (mut reader, _writer, peer) = streams().await;
        let feeder = spawn(async move {
            for piece in [&b"abc"[..], b"def", b"ghi"] {
                peer.write_all(piece).await.unwrap();
                for _ in 0..3 {
                    yield_now().await;
                }
            }
            peer
        });
        let got = reader.read_exact(9).await.unwrap();
        drop(feeder.await.unwrap());
        got
    });
    assert_eq!(got, b"abcdefghi");
}

#[test]
fn read_exact_at_end_of_file_is_an_incomplete_read() {
    let err = common::run(|| async {
        let (mut reader, _writer, peer) = streams().await;
        peer.write_all(b"12345").await.unwrap();
        peer.shutdown(Shutdown::Write).unwrap();
        reader.read_exact(10).await.unwrap_err()
    });
    assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
    let incomplete = err
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<IncompleteRead>())
        .expect("an IncompleteRead inside");
    assert_eq!(incomplete.partial, b"12345");
    assert_eq!(incomplete.expected, 10);
    assert_eq!(
        err.to_string(),
        "the stream ended after 5 of 10 expected bytes"
    );
}

#[test]
fn readline_splits_lines_and_hands_back_the_rest_at_end_of_file() {
    let lines = common::run(|| async {
        let (mut reader, _writer, peer) = streams().await;
        peer.write_all(b"one\ntwo\nthr").await.unwrap();
        yield_now().await;
        peer.write_all(b"ee\nno newline").await.unwrap();
        peer.shutdown(Shutdown::Write).unwrap();
        let mut lines = Vec::new();
        loop {
            let line = reader.readline().await.unwrap();
            if line.is_empty() {
                break;
            }
            lines.push(String::from_utf8(line).unwrap());
        }
        lines
    });
    assert_eq!(lines, ["one\n", "two\n", "three\n", "no newline"]);
}

#[test]
fn a_line_longer_than_the_limit_is_an_error_not_endless_buffering() {
    let err = common::run(|| async {
        let (mut reader, writer, peer) = streams().await;
        reader.set_limit(1000);
        let sender = spawn(async move {
            // No newline, ever; the write ends when the reader gives up.
            let _ = peer.write_all(&[b'x'; 200_000]).await;
        });
        let err = reader.readline().await.unwrap_err();
        drop((reader, writer)); // closes our socket: the sender's write ends
        let _ = sender.await;
        err
    });
    assert_eq!(err.kind(), io::ErrorKind::InvalidData);
}

#[test]
fn a_line_over_the_limit_is_an_error_even_when_its_newline_came_with_it() {
    let (err, next) = common::run(|| async {
        let (mut reader, _writer, peer) = streams().await;
        reader.set_limit(10);
        // Twenty bytes before the newline: too long, though complete.
        peer.write_all(b"twenty bytes of line\nshort\n")
            .await
            .unwrap();
        let err = reader.readline().await.unwrap_err();
        // asyncio drops the line that was too long, so the stream goes on.
        let next = reader.readline().await.unwrap();
        (err, next)
    });
    assert_eq!(err.kind(), io::ErrorKind::InvalidData);
    assert_eq!(next, b"short\n");
}

#[test]
fn after_a_line_over_the_limit_the_next_readline_reads_on() {
    let (err, tail, next) = common::run(|| async {
        let (mut reader, _writer, peer) = streams().await;
        reader.set_limit(10);
        peer.write_all(&[b'x'; 20]).await.unwrap(); // no newline yet
        let err = reader.readline().await.unwrap_err();
        // What was buffered is dropped; what comes next is read, instead
        // of the same error again and again without a byte being read.
        peer.write_all(b"tail\nnext\n").await.unwrap();
        let tail = reader.readline().await.unwrap();
        let next = reader.readline().await.unwrap();
        (err, tail, next)
    });
    assert_eq!(err.kind(), io::ErrorKind::InvalidData);
    assert!(
        tail.ends_with(b"tail\n"),
        "{:?}",
        String::from_utf8_lossy(&tail)
    );
    assert_eq!(next, b"next\n");
}

#[test]
fn write_buffers_and_drain_sends() {
    let received = common::run(|| async {
        let (_reader, mut writer, peer) = streams().await;
        writer.write(b"hello, ");
        writer.write(b"world");
        assert_eq!(writer.buffered(), 12);
        writer.drain().await.unwrap();
        assert_eq!(writer.buffered(), 0);
        writer.close().await.unwrap();
        let mut received = Vec::new();
        let mut buf = [0; 64];
        loop {
            match peer.read(&mut buf).await.unwrap() {
                0 => break,
                n => received.extend_from_slice(&buf[..n]),
            }
        }
        received
    });
    assert_eq!(received, b"hello, world");
}

#[test]
fn open_connection_and_start_server_talk() {
    let (reply, stats) = common::run(|| async {
        let server = aio_reactor::start_server(
            |mut reader: StreamReader, mut writer: StreamWriter| async move {
                let name = reader.readline().await?;
                writer.write(b"hello, ");
                writer.write(&name);
                writer.close().await
            },
            "127.0.0.1:0",
        )
        .await
        .unwrap();
        let (mut reader, mut writer) = aio_reactor::open_connection(server.local_addr())
            .await
            .unwrap();
        writer.write(b"reactor\n");
        writer.drain().await.unwrap();
        let reply = reader.read_to_end().await.unwrap();
        yield_now().await;
        (reply, server.stats())
    });
    assert_eq!(reply, b"hello, reactor\n");
    assert_eq!((stats.accepted, stats.finished, stats.open), (1, 1, 0));
}

/// The streams read through `TcpStream`'s own path, so they make its
/// guesses too: after `drain` sent something, the next receive waits for
/// readability first, and so does the one after a short receive. What the
/// peer sent before we wrote, and its end of file, still arrive; each
/// receive went through the reactor once.
#[test]
fn a_stream_read_after_a_write_waits_first_and_still_gets_everything() {
    let (before, after) = common::run_on(|event_loop| {
        let (reader, writer, peer) = event_loop.run_until_complete(async {
            let (reader, writer, peer) = streams().await;
            // The peer speaks first, and is done, before we say anything.
            peer.write_all(b"hello\n").await.unwrap();
            peer.shutdown(Shutdown::Write).unwrap();
            (reader, writer, peer)
        });
        let before = event_loop.driver().stats();
        let (mut reader, mut writer) = (reader, writer);
        event_loop.run_until_complete(async move {
            writer.write(b"request\n");
            writer.drain().await.unwrap();
            assert_eq!(reader.readline().await.unwrap(), b"hello\n");
            assert!(reader.read(100).await.unwrap().is_empty(), "end of file");
        });
        drop(peer);
        (before, event_loop.driver().stats())
    });
    assert_eq!(
        after.wakes - before.wakes,
        2,
        "each receive should have waited for the reactor once: {before:?}, then {after:?}"
    );
}
