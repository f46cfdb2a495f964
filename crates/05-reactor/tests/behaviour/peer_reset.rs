//! A peer that resets its connection ends that connection only: the
//! handler's next read fails with "connection reset", the server counts one
//! failed connection, and the other clients are served as usual.
//!
//! Two ways to reset: closing a socket that still has unread bytes (the
//! OS sends RST instead of FIN), and an abortive close, `SO_LINGER` set to
//! zero and then close, which sends RST whatever is left unread or unsent.

use crate::common;

use std::cell::RefCell;
use std::io::{self, Read, Write};
use std::rc::Rc;
use std::time::Duration;

use crate::demos::echo;

use aio_executor::spawn;
use aio_reactor::{
    Server, StreamReader, StreamWriter, TcpStream, open_connection, start_server, to_thread,
};
use rustix::net::sockopt::set_socket_linger;

#[test]
fn a_reset_ends_only_the_connection_that_was_reset() {
    let (errors, stats, echoed) = common::run(|| async {
        let (server, errors) = logging_echo_server().await;
        let addr = server.local_addr();

        // A well-behaved client, talking all along.
        let good = spawn(async move {
            let (mut reader, mut writer) = open_connection(addr).await?;
            let mut echoed = 0;
            for i in 0..20 {
                writer.write(format!("line {i}\n").as_bytes());
                writer.drain().await?;
                reader.readline().await?;
                echoed += 1;
            }
            writer.close().await?;
            io::Result::Ok(echoed)
        });

        // A rude one, on a helper thread with a blocking socket: it sends a
        // line, waits until the echo has arrived, and closes without
        // reading it.
        to_thread(move || {
            let mut rude = std::net::TcpStream::connect(addr)?;
            rude.write_all(b"hello\n")?;
            let mut first = [0];
            rude.peek(&mut first)?; // the echo is here, unread
            drop(rude); // unread data: the OS resets the connection
            io::Result::Ok(())
        })
        .await
        .unwrap();

        let echoed = good.await.unwrap().unwrap();
        // Let the server's side of both connections finish.
        until_all_closed(&server).await;
        let errors = errors.borrow().clone();
        (errors, server.stats(), echoed)
    });
    assert_eq!(errors, [io::ErrorKind::ConnectionReset]);
    assert_eq!((stats.accepted, stats.failed, stats.finished), (2, 1, 1));
    assert_eq!(echoed, 20);
}

#[test]
fn our_client_sees_a_reset_as_an_error_not_as_data() {
    let kind = common::run(|| async {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        // A server that takes the request, never reads it, and closes.
        let server = to_thread(move || {
            let (conn, _) = listener.accept()?;
            let mut first = [0];
            conn.peek(&mut first)?;
            drop(conn);
            io::Result::Ok(())
        });
        let (mut reader, mut writer) = open_connection(addr).await.unwrap();
        writer.write(b"GET / HTTP/1.1\r\n\r\n");
        writer.drain().await.unwrap();
        server.await.unwrap();
        reader.read(100).await.unwrap_err().kind()
    });
    assert_eq!(kind, io::ErrorKind::ConnectionReset);
}

/// An echo server that logs the kind of each handler's error.
async fn logging_echo_server() -> (Server, Rc<RefCell<Vec<io::ErrorKind>>>) {
    let errors = Rc::new(RefCell::new(Vec::new()));
    let log = errors.clone();
    let server = start_server(
        move |reader: StreamReader, writer: StreamWriter| {
            let log = log.clone();
            async move {
                let result = echo::echo(reader, writer).await;
                if let Err(err) = &result {
                    log.borrow_mut().push(err.kind());
                }
                result
            }
        },
        "127.0.0.1:0",
    )
    .await
    .unwrap();
    (server, errors)
}

/// Waits until every handler of `server` has ended.
async fn until_all_closed(server: &Server) {
    common::wait_until(|| server.stats().open == 0).await;
}

#[test]
fn an_abortive_close_with_linger_zero_ends_only_that_connection() {
    let (errors, stats, echoed) = common::run(|| async {
        let (server, errors) = logging_echo_server().await;
        let addr = server.local_addr();

        // The rude client, our own: one round trip, everything read, then
        // linger 0 and close. With nothing left unread, only the linger
        // setting turns the close into a reset.
        let rude = TcpStream::connect(addr).await.unwrap();
        rude.write_all(b"hello\n").await.unwrap();
        let mut echo = [0; 6];
        let mut got = 0;
        while got < echo.len() {
            got += rude.read(&mut echo[got..]).await.unwrap();
        }
        set_socket_linger(rude.as_async().get_ref(), Some(Duration::ZERO)).unwrap();
        drop(rude); // RST, not FIN
        until_all_closed(&server).await;

        // The server is still serving.
        let (mut reader, mut writer) = open_connection(addr).await.unwrap();
        writer.write(b"still there?\n");
        writer.drain().await.unwrap();
        let echoed = reader.readline().await.unwrap();
        writer.close().await.unwrap();
        until_all_closed(&server).await;

        let errors = errors.borrow().clone();
        (errors, server.stats(), echoed)
    });
    assert_eq!(errors, [io::ErrorKind::ConnectionReset]);
    assert_eq!((stats.accepted, stats.failed, stats.finished), (2, 1, 1));
    assert_eq!(echoed, b"still there?\n");
}

#[test]
fn our_client_sees_an_abortive_close_as_an_error_not_as_end_of_file() {
    let kind = common::run(|| async {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        // A server that answers half a line and aborts: linger 0, close.
        let server = to_thread(move || {
            let (mut conn, _) = listener.accept()?;
            // First the client's go-ahead. A reset that came before our
            // connect had finished would fail the connect itself (its
            // SO_ERROR would read ECONNRESET, as asyncio's would), and this
            // test is about a reset in the middle of a read.
            conn.read_exact(&mut [0])?;
            conn.write_all(b"half a li")?;
            set_socket_linger(&conn, Some(Duration::ZERO))?;
            drop(conn);
            io::Result::Ok(())
        });
        let (mut reader, mut writer) = open_connection(addr).await.unwrap();
        writer.write(b"!");
        writer.drain().await.unwrap();
        server.await.unwrap();
        // The bytes sent before the reset may or may not be delivered (a
        // reset discards what the receiver has not read yet); what matters
        // is that the line ends in an error, not in a clean end of file.
        reader.readline().await.unwrap_err().kind()
    });
    assert_eq!(kind, io::ErrorKind::ConnectionReset);
}
