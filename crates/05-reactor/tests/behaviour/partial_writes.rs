//! Partial writes: when the peer reads slowly, or the socket's buffers are
//! tiny, the send buffer fills up, a write takes only part of what it is
//! given, and the next one says "would block". Writing must pick up where
//! it left off after waiting for writability, and not a byte may be lost or
//! repeated.

use crate::common;

use std::io::{self, Read, Write};
use std::net::SocketAddr;
use std::time::Duration;

use aio_executor::{JoinHandle, spawn};
use aio_reactor::{TcpListener, TcpStream, ToThread, split, to_thread};
use rustix::net::sockopt;

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

/// The buffer size asked for on each side: far smaller than a write.
const TINY: usize = 4096;
/// A quarter of a megabyte: hundreds of tiny-buffer rounds, and quick
/// enough under valgrind.
const TINY_RUN_SIZE: usize = 256 << 10;

fn tiny_run_payload() -> Vec<u8> {
    (0..TINY_RUN_SIZE).map(|i| (i % 251) as u8).collect()
}

/// A connection whose writer has a tiny send buffer and whose reader has a
/// tiny receive buffer; also returns the send buffer the OS really gave
/// (Linux doubles the request, to leave room for its bookkeeping).
async fn tiny_buffers() -> (TcpStream, TcpStream, usize) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    // Set on the listener, the receive buffer is the accepted socket's from
    // the handshake on, so the window it offers is small too.
    sockopt::set_socket_recv_buffer_size(listener.as_async().get_ref(), TINY).unwrap();
    let writer = TcpStream::connect(listener.local_addr().unwrap())
        .await
        .unwrap();
    sockopt::set_socket_send_buffer_size(writer.as_async().get_ref(), TINY).unwrap();
    let send_buffer = sockopt::socket_send_buffer_size(writer.as_async().get_ref()).unwrap();
    let (reader, _) = listener.accept().await.unwrap();
    assert!(
        send_buffer < 64 * 1024,
        "the OS ignored the tiny send buffer ({send_buffer} bytes)"
    );
    (writer, reader, send_buffer)
}

/// A task on the same loop that reads in small pieces until end of file.
fn read_to_end(reader: TcpStream) -> JoinHandle<Vec<u8>> {
    spawn(async move {
        let mut received = Vec::with_capacity(TINY_RUN_SIZE);
        let mut chunk = [0; 1000];
        loop {
            match reader.read(&mut chunk).await.unwrap() {
                0 => return received,
                n => received.extend_from_slice(&chunk[..n]),
            }
        }
    })
}

/// What the write loop of the tiny-buffer run saw.
#[derive(Debug)]
struct TinyRun {
    /// The send buffer the OS gave the writer.
    send_buffer: usize,
    /// The most bytes one write took.
    largest_write: usize,
    /// Writes that took less than they were offered.
    partial: usize,
    /// Writes that said "would block": the buffer was full.
    would_block: usize,
    intact: bool,
}

#[test]
fn a_tiny_send_buffer_splits_writes_and_every_byte_arrives_once_in_order() {
    let run = common::run(|| async {
        let (writer, reader, send_buffer) = tiny_buffers().await;
        let received = read_to_end(reader);
        let data = tiny_run_payload();
        let (mut sent, mut partial, mut would_block, mut largest_write) = (0, 0, 0, 0);
        while sent < data.len() {
            // Each write is offered everything that is left.
            let left = data.len() - sent;
            let mut socket = writer.as_async().get_ref(); // non-blocking
            match socket.write(&data[sent..]) {
                Ok(n) => {
                    partial += usize::from(n < left);
                    largest_write = largest_write.max(n);
                    sent += n;
                }
                Err(err) if err.kind() == io::ErrorKind::WouldBlock => {
                    would_block += 1;
                    writer.as_async().writable().await.unwrap();
                }
                Err(err) => panic!("write failed: {err}"),
            }
        }
        drop(writer); // end of file for the reader
        let received = received.await.unwrap();
        TinyRun {
            send_buffer,
            largest_write,
            partial,
            would_block,
            intact: received == data,
        }
    });
    assert!(run.intact, "bytes were lost, repeated or reordered");
    // A write takes only what fits in the send buffer: with a tiny one, a
    // few kilobytes of the quarter megabyte it is offered.
    assert!(
        run.largest_write <= 4 * run.send_buffer,
        "one write took far more than the send buffer holds: {run:?}"
    );
    assert!(
        run.partial >= 10 && run.would_block >= 10,
        "the writes should have been split many times: {run:?}"
    );
}

#[test]
fn drain_through_tiny_buffers_delivers_every_byte_once_in_order() {
    let (intact, wakes) = common::run_on(|event_loop| {
        let intact = event_loop.run_until_complete(async {
            let (stream, reader, _) = tiny_buffers().await;
            let received = read_to_end(reader);
            let (_, mut writer) = split(stream);
            writer.write(&tiny_run_payload());
            writer.drain().await.unwrap();
            writer.close().await.unwrap();
            received.await.unwrap() == tiny_run_payload()
        });
        (intact, event_loop.driver().stats().wakes)
    });
    assert!(intact, "bytes were lost, repeated or reordered");
    // One wake per refill of the tiny buffers at the least, for the writer
    // or the reader: a quarter megabyte through 8 KiB takes dozens.
    assert!(
        wakes >= 20,
        "drain should have waited many times: {wakes} wakes"
    );
}
