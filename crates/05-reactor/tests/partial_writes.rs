//! Partial writes: when the peer reads slowly, the socket's send buffer
//! fills up, a write takes only part of what it is given, and the next one
//! says "would block". Writing must pick up where it left off after waiting
//! for writability, and not a byte may be lost or repeated.

mod common;

use std::io::{self, Read, Write};
use std::net::SocketAddr;
use std::time::Duration;

use aio_reactor::{TcpListener, ToThread, split, to_thread};

/// Eight megabytes, more than loopback's socket buffers hold.
const SIZE: usize = 8 << 20;

fn payload() -> Vec<u8> {
    (0..SIZE).map(|i| (i % 251) as u8).collect()
}

/// A peer on a helper thread that reads slowly (64 KiB, then a pause) until
/// end of file, and returns everything it read.
fn slow_reader(addr: SocketAddr) -> ToThread<io::Result<Vec<u8>>> {
    to_thread(move || {
        let mut socket = std::net::TcpStream::connect(addr)?;
        let mut received = Vec::with_capacity(SIZE);
        let mut chunk = vec![0; 64 * 1024];
        loop {
            match socket.read(&mut chunk)? {
                0 => return Ok(received),
                n => received.extend_from_slice(&chunk[..n]),
            }
            std::thread::sleep(Duration::from_micros(200));
        }
    })
}

#[test]
fn writes_resume_where_a_partial_write_stopped() {
    let (partial, would_block, intact) = common::run(|| async {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let reader = slow_reader(listener.local_addr().unwrap());
        let (stream, _) = listener.accept().await.unwrap();
        let data = payload();
        let (mut sent, mut partial, mut would_block) = (0, 0, 0);
        while sent < data.len() {
            // The same loop as `write_all`, counting what happens.
            let left = data.len() - sent;
            let mut socket = stream.as_async().get_ref(); // non-blocking
            match socket.write(&data[sent..]) {
                Ok(n) => {
                    partial += usize::from(n < left);
                    sent += n;
                }
                Err(err) if err.kind() == io::ErrorKind::WouldBlock => {
                    would_block += 1;
                    stream.as_async().writable().await.unwrap();
                }
                Err(err) => panic!("write failed: {err}"),
            }
        }
        drop(stream); // end of file for the reader
        let received = reader.await.unwrap();
        (partial, would_block, received == data)
    });
    assert!(intact, "bytes were lost, repeated or reordered");
    assert!(
        partial > 0,
        "the slow reader should have forced a partial write"
    );
    assert!(would_block > 0, "the send buffer should have filled up");
}

#[test]
fn drain_sends_a_large_buffer_through_a_slow_reader() {
    let (intact, wakes) = common::run_on(|event_loop| {
        let intact = event_loop.run_until_complete(async {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let reader = slow_reader(listener.local_addr().unwrap());
            let (stream, _) = listener.accept().await.unwrap();
            let (_, mut writer) = split(stream);
            writer.write(&payload());
            writer.drain().await.unwrap();
            writer.close().await.unwrap();
            reader.await.unwrap() == payload()
        });
        (intact, event_loop.driver().stats().wakes)
    });
    assert!(intact, "bytes were lost, repeated or reordered");
    assert!(wakes > 0, "drain never had to wait for writability");
}
