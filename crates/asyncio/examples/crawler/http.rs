//! A minimal HTTP/1.1 GET client on `open_connection`: one request per
//! connection (`Connection: close`), the body read by its `Content-Length`.
//!
//! Minimal but not careless: a status line that is not HTTP, a header
//! without a colon, a `Content-Length` that is not a number or a body cut
//! short are errors, never a silently wrong page. What it leaves out
//! (chunked bodies, redirects, keep-alive, TLS) is listed in chapter 9.

use std::io;
use std::net::SocketAddr;

use asyncio::prelude::*;

/// A response: its status code and its body.
#[derive(Debug)]
pub struct Response {
    /// The status code: 200, 404, …
    pub status: u16,
    /// The body, exactly `Content-Length` bytes long.
    pub body: Vec<u8>,
}

// ANCHOR: get
/// GETs `path` from the server at `addr`.
pub async fn get(addr: SocketAddr, path: &str) -> io::Result<Response> {
    let (mut reader, mut writer) = open_connection(addr).await?;
    writer.write(
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    writer.drain().await?;

    let status_line = reader.readline().await?;
    let status = parse_status(&status_line)?;
    let mut length = None;
    loop {
        let line = reader.readline().await?;
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end();
        if line.is_empty() {
            break; // the blank line between head and body
        }
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| bad("a header without ':'"))?;
        if name.eq_ignore_ascii_case("content-length") {
            let n = value
                .trim()
                .parse()
                .map_err(|_| bad("a bad Content-Length"))?;
            length = Some(n);
        }
    }
    let body = match length {
        Some(n) => reader.read_exact(n).await?,
        None => reader.read_to_end().await?, // Connection: close ends the body
    };
    Ok(Response { status, body })
}
// ANCHOR_END: get

/// The code of a status line such as `HTTP/1.1 200 OK`.
fn parse_status(line: &[u8]) -> io::Result<u16> {
    let line = String::from_utf8_lossy(line);
    let mut words = line.split_whitespace();
    match (words.next(), words.next()) {
        (Some(version), Some(code)) if version.starts_with("HTTP/1.") => code
            .parse()
            .map_err(|_| bad("a status code that is not a number")),
        _ => Err(bad("no HTTP status line")),
    }
}

fn bad(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("HTTP: {what}"))
}
