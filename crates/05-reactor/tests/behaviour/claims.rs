//! Chapter 5's claims, checked under CPython (our scripts in
//! `python/claims/`) and against our reactor. The Python checks are skipped
//! with a message when `python3` is missing, except in CI, where they fail.

use crate::common;

use std::fmt::Write as _;
use std::io;
use std::os::fd::AsRawFd;
use std::rc::Rc;

use aio_executor::{spawn, yield_now};

use aio_reactor::{StreamReader, StreamWriter, TcpListener, open_connection, start_server};
use aio_testkit::python::run_script;

#[test]
fn c38_cpython_polls_descriptors_with_epoll() {
    let Some(out) = run_script("claims/c38_loop_polls_descriptors.py", &[]) else {
        return;
    };
    insta::assert_snapshot!("c38_loop_polls_descriptors", out);
}

/// A field of an fdinfo `tfd:` line, e.g. `events` or `data`, as a number.
#[cfg(target_os = "linux")]
fn field(line: &str, name: &str) -> u64 {
    let mut words = line.split_whitespace();
    while let Some(word) = words.next() {
        if word == format!("{name}:") {
            let value = words.next().unwrap();
            return u64::from_str_radix(value.trim_start_matches("0x"), 16).unwrap();
        }
    }
    panic!("no {name} in {line:?}")
}

#[cfg(target_os = "linux")]
#[test]
fn c38_ours_polls_descriptors_with_epoll_through_polling() {
    // From the kernel's uapi/linux/eventpoll.h.
    const EPOLLIN: u64 = 0x001;
    const EPOLLET: u64 = 1 << 31;
    const EPOLLONESHOT: u64 = 1 << 30;
    let report = common::run(|| async {
        let mut report = String::new();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let fd = listener.as_async().get_ref().as_raw_fd();
        let entries = common::epolls_watching(fd);
        writeln!(
            report,
            "a TcpListener made inside the running loop is in an epoll interest list: {}",
            entries.len() == 1
        )
        .unwrap();
        let (epoll, entry) = &entries[0];
        writeln!(
            report,
            "its entry carries our key as data: {} (key {})",
            field(entry, "data") == listener.as_async().key() as u64,
            listener.as_async().key()
        )
        .unwrap();
        writeln!(
            report,
            "registered with no interest, in oneshot mode (EPOLLONESHOT set): {}",
            field(entry, "events") & (EPOLLONESHOT | EPOLLIN) == EPOLLONESHOT
        )
        .unwrap();
        // A task waits to accept: read interest, level-triggered.
        let listener = Rc::new(listener);
        let addr = listener.local_addr().unwrap();
        let acceptor = listener.clone();
        let accepting = spawn(async move { acceptor.accept().await.map(drop) });
        yield_now().await;
        let level = |what: &str, report: &mut String| {
            let events = field(&common::epoll_entry(*epoll, fd).unwrap(), "events");
            writeln!(
                report,
                "{what}: EPOLLIN set, level-triggered (neither EPOLLONESHOT nor EPOLLET): {}",
                events & (EPOLLIN | EPOLLONESHOT | EPOLLET) == EPOLLIN
            )
            .unwrap();
        };
        level("while a task waits to accept", &mut report);
        let _client = std::net::TcpStream::connect(addr).unwrap();
        accepting.await.unwrap().unwrap();
        level("after the accept, for the next one", &mut report);
        drop(listener);
        writeln!(
            report,
            "after the listener is dropped, that epoll no longer watches its descriptor: {}",
            common::epoll_entry(*epoll, fd).is_none()
        )
        .unwrap();
        report
    });
    insta::assert_snapshot!("c38_ours", report);
}

#[test]
fn c42_cpython_streams_snippet() {
    let Some(out) = run_script("claims/c42_streams_snippet.py", &[]) else {
        return;
    };
    insta::assert_snapshot!("c42_streams_snippet", out);
}

/// The server of the C42 check: 250 bytes, then 30 more when asked, then
/// close when told.
async fn talk(mut reader: StreamReader, mut writer: StreamWriter) -> io::Result<()> {
    writer.write(&[b'a'; 250]);
    writer.drain().await?;
    reader.readline().await?;
    writer.write(&[b'b'; 30]);
    writer.drain().await?;
    reader.readline().await?;
    writer.close().await
}

#[test]
fn c42_ours_streams_snippet() {
    let report = common::run(|| async {
        let mut report = String::new();
        let server = start_server(talk, "127.0.0.1:0").await.unwrap();
        let addr = server.local_addr();

        // The note's two lines, in Rust.
        let (mut reader, mut writer) = open_connection(addr).await.unwrap();
        let mut sizes = Vec::new();
        for _ in 0..3 {
            sizes.push(reader.read(100).await.unwrap().len());
        }
        writeln!(
            report,
            "server sent 250 bytes; three read(100) calls returned {sizes:?} bytes"
        )
        .unwrap();
        writer.write(b"more\n");
        writer.drain().await.unwrap();
        let data = reader.read(100).await.unwrap();
        writeln!(
            report,
            "server sent 30 bytes; read(100) returned {} bytes without waiting for 100",
            data.len()
        )
        .unwrap();
        writer.write(b"bye\n");
        writer.drain().await.unwrap();
        let data = reader.read(100).await.unwrap();
        writeln!(
            report,
            "after the server closed, read(100) returned {data:?}"
        )
        .unwrap();
        writer.close().await.unwrap();

        let (mut reader, _writer) = open_connection(("localhost", addr.port())).await.unwrap();
        let first = reader.read(100).await.unwrap();
        writeln!(
            report,
            "open_connection((\"localhost\", port)) works too: read {} bytes",
            first.len()
        )
        .unwrap();
        server.close();

        let free_port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let refused = open_connection(("127.0.0.1", free_port)).await.unwrap_err();
        writeln!(
            report,
            "with no server listening, open_connection fails: {:?}",
            refused.kind()
        )
        .unwrap();
        report
    });
    insta::assert_snapshot!("c42_ours", report);
}
