//! A handler that fails or panics ends its own connection and nothing
//! else: the panic is caught by the task, reported like asyncio's "Task
//! exception was never retrieved", the peer sees its connection closed, and
//! every other connection is served.

use crate::common;

use std::cell::RefCell;
use std::io;
use std::rc::Rc;

use aio_reactor::{StreamReader, StreamWriter, open_connection, start_server};

/// Echoes lines, but fails on "fail" and panics on "boom".
async fn moody(mut reader: StreamReader, mut writer: StreamWriter) -> io::Result<()> {
    loop {
        let line = reader.readline().await?;
        match &line[..] {
            b"" => return writer.close().await,
            b"fail\n" => return Err(io::Error::other("the handler gave up")),
            b"boom\n" => panic!("the handler exploded"),
            _ => {
                writer.write(&line);
                writer.drain().await?;
            }
        }
    }
}

/// Connects, sends `lines`, and returns what comes back until end of file.
async fn client(addr: std::net::SocketAddr, lines: &[&str]) -> io::Result<Vec<u8>> {
    let (mut reader, mut writer) = open_connection(addr).await?;
    for line in lines {
        writer.write(line.as_bytes());
    }
    writer.drain().await?;
    reader.read_to_end().await
}

#[test]
fn a_failing_or_panicking_handler_ends_only_its_connection() {
    let (replies, stats, reports) = common::run_on(|event_loop| {
        let reports = Rc::new(RefCell::new(Vec::new()));
        let sink = reports.clone();
        event_loop.set_exception_handler(move |context| {
            sink.borrow_mut()
                .push(format!("{}: {}", context.message, context.panic));
        });
        let (replies, stats) = event_loop.run_until_complete(async {
            let server = start_server(moody, "127.0.0.1:0").await.unwrap();
            let addr = server.local_addr();
            let boom = client(addr, &["a\n", "boom\n"]).await.unwrap();
            let fail = client(addr, &["b\n", "fail\n"]).await.unwrap();
            let fine = async {
                let (mut reader, mut writer) = open_connection(addr).await?;
                writer.write(b"c\nd\n");
                writer.write_eof().await?;
                reader.read_to_end().await
            }
            .await
            .unwrap();
            common::wait_until(|| server.stats().open == 0).await;
            ([boom, fail, fine], server.stats())
        });
        let reports = reports.borrow().clone();
        (replies, stats, reports)
    });
    // Each connection got the echoes it earned, then end of file.
    assert_eq!(replies, [&b"a\n"[..], b"b\n", b"c\nd\n"]);
    assert_eq!(stats.accepted, 3);
    assert_eq!((stats.finished, stats.failed, stats.aborted), (1, 1, 1));
    assert_eq!(
        reports,
        ["Task exception was never retrieved: the handler exploded"]
    );
}
