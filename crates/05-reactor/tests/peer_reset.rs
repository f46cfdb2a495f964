//! A peer that resets its connection ends that connection only: the
//! handler's next read fails with "connection reset", the server counts one
//! failed connection, and the other clients are served as usual.
//!
//! The reset is made with the standard library alone: closing a socket
//! that still has unread bytes makes the OS send RST instead of FIN.

mod common;

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

#[path = "../examples/echo.rs"]
#[allow(dead_code)]
mod echo;

use aio_executor::spawn;
use aio_reactor::{StreamReader, StreamWriter, open_connection, start_server, to_thread};

#[test]
fn a_reset_ends_only_the_connection_that_was_reset() {
    let (errors, stats, echoed) = common::run(|| async {
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
        // Let the server's side of both connections finish (the test's
        // time limit bounds this wait).
        while server.stats().open > 0 {
            to_thread(|| std::thread::sleep(std::time::Duration::from_millis(1))).await;
        }
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
