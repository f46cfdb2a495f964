//! The `http_get` demo's client against servers that misbehave: one that
//! never ends its headers, one that sends headers without end, one whose
//! headers are too long, and one that sends two different
//! `Content-Length`s. Each is an error, soon, with the memory it takes
//! bounded; none is a hang.

use crate::common;

use std::io;
use std::time::Duration;

use crate::demos::http_get;

use aio_reactor::{StreamReader, StreamWriter, start_server};
use http_get::{Limits, Response, fetch_with};

/// Reads the request's head: lines up to the blank one.
async fn skip_request(reader: &mut StreamReader) -> io::Result<()> {
    while !matches!(&reader.readline().await?[..], b"\r\n" | b"\n" | b"") {}
    Ok(())
}

/// A server's side of one connection: sends `reply` after the request,
/// then waits for the client to hang up.
async fn reply_with(
    mut reader: StreamReader,
    mut writer: StreamWriter,
    reply: Vec<u8>,
) -> io::Result<()> {
    skip_request(&mut reader).await?;
    writer.write(&reply);
    writer.drain().await?;
    reader.read_to_end().await?;
    Ok(())
}

/// Serves `reply` on a fresh server and fetches `/` from it within
/// `limits`. Returns the result and whether the server's side of the
/// connection ended (the client let go of it).
fn fetch_from(reply: &str, limits: Limits) -> (io::Result<Response>, bool) {
    let reply = reply.as_bytes().to_vec();
    common::run(move || async move {
        let server = start_server(
            move |reader, writer| reply_with(reader, writer, reply.clone()),
            "127.0.0.1:0",
        )
        .await
        .unwrap();
        let result = fetch_with(server.local_addr(), "/", limits).await;
        common::wait_until(|| server.stats().open == 0).await;
        (result, server.stats().open == 0)
    })
}

fn error_of(result: io::Result<Response>) -> io::Error {
    match result {
        Ok(response) => panic!("expected an error, got {response:?}"),
        Err(err) => err,
    }
}

#[test]
fn a_server_that_never_ends_its_headers_times_out() {
    let limits = Limits {
        timeout: Duration::from_millis(200),
        ..Limits::DEFAULT
    };
    let (result, closed) = fetch_from("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n", limits);
    let err = error_of(result);
    assert_eq!(err.kind(), io::ErrorKind::TimedOut, "{err}");
    assert_eq!(err.to_string(), "no complete response within 200ms");
    assert!(closed, "the client dropped the connection when it gave up");
}

/// Headers without end, as fast as the client takes them, until it hangs up.
async fn endless_headers(mut reader: StreamReader, mut writer: StreamWriter) -> io::Result<()> {
    skip_request(&mut reader).await?;
    writer.write(b"HTTP/1.1 200 OK\r\n");
    for n in 0.. {
        writer.write(format!("X-Filler-{n}: {}\r\n", "a".repeat(64)).as_bytes());
        writer.drain().await?; // fails once the client has hung up
    }
    unreachable!("a u64 of header lines")
}

#[test]
fn headers_without_end_are_refused_after_the_line_limit() {
    let (err, server_failed) = common::run(|| async {
        let server = start_server(endless_headers, "127.0.0.1:0").await.unwrap();
        let result = fetch_with(server.local_addr(), "/", Limits::DEFAULT).await;
        common::wait_until(|| server.stats().open == 0).await;
        (error_of(result), server.stats().failed == 1)
    });
    assert_eq!(err.kind(), io::ErrorKind::InvalidData, "{err}");
    assert_eq!(err.to_string(), "more than 100 header lines");
    assert!(
        server_failed,
        "the server's writes failed once the client hung up"
    );
}

#[test]
fn headers_longer_than_the_byte_limit_are_refused() {
    // 50 lines of 2 KiB: under the line limit, over the 64 KiB one.
    let mut reply = String::from("HTTP/1.1 200 OK\r\n");
    for n in 0..50 {
        reply += &format!("X-Filler-{n}: {}\r\n", "a".repeat(2048));
    }
    reply += "Content-Length: 2\r\n\r\n{}";
    let (result, _) = fetch_from(&reply, Limits::DEFAULT);
    let err = error_of(result);
    assert_eq!(err.kind(), io::ErrorKind::InvalidData, "{err}");
    assert_eq!(err.to_string(), "the headers go past 65536 bytes");
}

#[test]
fn two_different_content_lengths_are_refused() {
    let reply = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!";
    let (result, _) = fetch_from(reply, Limits::DEFAULT);
    let err = error_of(result);
    assert_eq!(err.kind(), io::ErrorKind::InvalidData, "{err}");
    assert_eq!(
        err.to_string(),
        "two different Content-Length headers: 5 and 6"
    );
}

#[test]
fn the_same_content_length_twice_is_one_length() {
    let reply = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\ncontent-length: 5\r\n\r\nhello";
    let (result, _) = fetch_from(reply, Limits::DEFAULT);
    assert_eq!(result.unwrap().body, b"hello");
}
