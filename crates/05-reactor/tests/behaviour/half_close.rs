//! Half-close: a client that shuts down its writing half can still read.
//! The server reads the request to its end of file, replies, closes, and
//! the client reads the whole reply and then its own end of file.

use crate::common;

use std::io;

use aio_reactor::{StreamReader, StreamWriter, open_connection, start_server};

/// Reads everything the client sends, then tells it how much that was.
async fn count_bytes(mut reader: StreamReader, mut writer: StreamWriter) -> io::Result<()> {
    let request = reader.read_to_end().await?; // ends at the client's half-close
    writer.write(format!("got {} bytes\n", request.len()).as_bytes());
    writer.close().await
}

#[test]
fn the_reply_still_comes_after_the_client_stops_writing() {
    let (reply, at_eof, stats) = common::run(|| async {
        let server = start_server(count_bytes, "127.0.0.1:0").await.unwrap();
        let (mut reader, mut writer) = open_connection(server.local_addr()).await.unwrap();
        writer.write(&[b'x'; 10_000]);
        writer.write_eof().await.unwrap(); // FIN: "that's all I'll send"
        let reply = reader.readline().await.unwrap();
        let rest = reader.read(100).await.unwrap();
        let at_eof = rest.is_empty() && reader.at_eof();
        drop((reader, writer));
        common::wait_until(|| server.stats().open == 0).await;
        (reply, at_eof, server.stats())
    });
    assert_eq!(reply, b"got 10000 bytes\n");
    assert!(at_eof, "after the reply, the client reads end of file");
    assert_eq!((stats.finished, stats.failed), (1, 0));
}
