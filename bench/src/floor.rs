//! The floor for echo: the same round trips with no runtime at all.
//!
//! One thread opens the same connections to a listener on 127.0.0.1, then
//! makes every round trip with four blocking system calls: the client
//! writes 64 bytes, the server side reads them, writes them back, the
//! client reads them. The calls come in an order where each one's data is
//! already there, so none ever waits, and nothing polls for readiness. An
//! event loop serving the same traffic needs at least these calls, plus its
//! waits in epoll: this is how fast the kernel's loopback TCP goes, the
//! speed no runtime can pass.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};

use crate::workload::{ECHO_MESSAGE, echo_message};

/// `clients` connections, `trips` round trips each; returns the bytes
/// echoed.
pub fn echo(clients: u64, trips: u64) -> u64 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind the echo server");
    let addr = listener.local_addr().expect("the server's address");
    let pairs: Vec<(TcpStream, TcpStream)> = (0..clients)
        .map(|_| {
            let client = TcpStream::connect(addr).expect("connect");
            let (server, _) = listener.accept().expect("accept");
            client.set_nodelay(true).expect("TCP_NODELAY");
            server.set_nodelay(true).expect("TCP_NODELAY");
            (client, server)
        })
        .collect();
    let mut echoed = 0;
    let mut buf = [0u8; ECHO_MESSAGE];
    for trip in 0..trips {
        for (client_id, (client, server)) in pairs.iter().enumerate() {
            let (mut client, mut server) = (client, server);
            let message = echo_message(client_id as u64, trip);
            client.write_all(&message).expect("client write");
            server.read_exact(&mut buf).expect("server read");
            server.write_all(&buf).expect("server write");
            buf = [0; ECHO_MESSAGE];
            client.read_exact(&mut buf).expect("client read");
            assert_eq!(buf, message, "the server side echoed other bytes");
            echoed += ECHO_MESSAGE as u64;
        }
    }
    echoed
}
