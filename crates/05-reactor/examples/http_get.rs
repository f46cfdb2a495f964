//! Fetch data from an API: a tiny HTTP/1.1 GET client over our streams,
//! against a tiny JSON server that the demo starts on the same loop.
//!
//! Run: cargo lab demo 5 http_get

use std::future::{Future, poll_fn};
use std::io::{self, Write};
use std::net::SocketAddr;
use std::pin::pin;
use std::task::Poll;
use std::time::Duration;

use aio_executor::trace::{EventKind, Trace};
use aio_executor::{EventLoop, spawn_named, thread_sleep, trace};
use aio_reactor::{Reactor, StreamReader, StreamWriter, open_connection, start_server};

/// What our little API serves at `/api/data`.
pub const BODY: &str = r#"{"city": "Lisbon", "forecast": ["sun", "sun", "rain"], "unit": "C"}"#;

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    let event_loop = EventLoop::with_driver(Reactor::new()?).with_trace();
    let (found, missing) = event_loop.run_until_complete(async {
        let server = start_server(serve_api, "127.0.0.1:0").await?;
        let addr = server.local_addr();
        let client = spawn_named("client", async move {
            let found = fetch(addr, "/api/data").await;
            let missing = fetch(addr, "/api/nothing").await;
            (found, missing)
        });
        let results = client.await.expect("the client task");
        server.close();
        io::Result::Ok(results)
    })?;

    writeln!(out, "GET /api/data")?;
    match found {
        Ok(response) => {
            writeln!(
                out,
                "  status:         {} {}",
                response.status, response.reason
            )?;
            for name in ["Content-Type", "Content-Length"] {
                let value = response.header(name).unwrap_or("(none)");
                writeln!(out, "  {:<15} {value}", format!("{name}:"))?;
            }
            writeln!(
                out,
                "  body:           {}",
                String::from_utf8_lossy(&response.body)
            )?;
        }
        Err(err) => writeln!(out, "  error: {err}")?,
    }
    writeln!(out, "GET /api/nothing")?;
    match missing {
        Ok(response) => writeln!(out, "  unexpected success: {}", response.status)?,
        Err(err) => writeln!(out, "  error:          {err}")?,
    }
    writeln!(out)?;
    writeln!(out, "What the two tasks noted, in order:")?;
    let notes = Trace {
        events: (event_loop.take_trace().events.into_iter())
            .filter(|event| matches!(event.kind, EventKind::Note(_)))
            .collect(),
    };
    write!(out, "{notes}")?;
    Ok(())
}

/// A parsed HTTP response.
#[derive(Debug)]
pub struct Response {
    /// The status code, e.g. 200.
    pub status: u16,
    /// The reason phrase, e.g. "OK".
    pub reason: String,
    /// The header lines, as (name, value), in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// The value of the first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

// ANCHOR: limits
/// What [`fetch`] puts up with before it gives up on a server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The whole exchange, from connecting to the body's last byte.
    pub timeout: Duration,
    /// Bytes of status line and headers, line ends not counted.
    pub head_bytes: usize,
    /// Header lines.
    pub headers: usize,
}

impl Limits {
    /// Ten seconds, 64 KiB of head, 100 header lines.
    pub const DEFAULT: Limits = Limits {
        timeout: Duration::from_secs(10),
        head_bytes: 64 * 1024,
        headers: 100,
    };
}
// ANCHOR_END: limits

/// GETs `path` from the server at `addr` within [`Limits::DEFAULT`]; an
/// error unless the status is 200.
pub async fn fetch(addr: SocketAddr, path: &str) -> io::Result<Response> {
    fetch_with(addr, path, Limits::DEFAULT).await
}

// ANCHOR: fetch
/// GETs `path` from the server at `addr`; an error unless the status is
/// 200, and an error once the server goes past one of `limits`.
pub async fn fetch_with(addr: SocketAddr, path: &str, limits: Limits) -> io::Result<Response> {
    within(limits.timeout, async {
        let (mut reader, mut writer) = open_connection(addr).await?;
        trace::note(format!("GET {path}"));
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: application/json\r\nConnection: close\r\n\r\n"
        );
        writer.write(request.as_bytes());
        writer.drain().await?;

        let mut response = read_head(&mut reader, &limits).await?;
        response.body = match content_length(&response)? {
            Some(length) => reader.read_exact(length).await?,
            None => reader.read_to_end().await?,
        };
        writer.close().await?;
        trace::note(format!(
            "status {}, {} bytes of body",
            response.status,
            response.body.len()
        ));
        if response.status != 200 {
            return Err(io::Error::other(format!(
                "HTTP {} {}",
                response.status, response.reason
            )));
        }
        Ok(response)
    })
    .await
}
// ANCHOR_END: fetch

// ANCHOR: read_head
/// Reads the status line and the headers, up to the blank line that ends
/// them, within `limits`: a server that sends headers without end makes
/// an error, not a client that buffers without end.
async fn read_head(reader: &mut StreamReader, limits: &Limits) -> io::Result<Response> {
    reader.set_limit(limits.head_bytes); // one line cannot go past it either
    let status_line = line(reader).await?;
    let mut parts = status_line.splitn(3, ' ');
    let (Some(_version), Some(code), reason) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad_data(format!(
            "not an HTTP status line: {status_line:?}"
        )));
    };
    let status: u16 = code
        .parse()
        .map_err(|_| bad_data(format!("bad status {code:?}")))?;
    let mut response = Response {
        status,
        reason: reason.unwrap_or("").to_owned(),
        headers: Vec::new(),
        body: Vec::new(),
    };
    let (mut head_bytes, mut lines) = (status_line.len(), 0);
    loop {
        let header = line(reader).await?;
        if header.is_empty() {
            return Ok(response); // the blank line that ends the headers
        }
        head_bytes += header.len();
        lines += 1;
        if head_bytes > limits.head_bytes {
            return Err(bad_data(format!(
                "the headers go past {} bytes",
                limits.head_bytes
            )));
        }
        if lines > limits.headers {
            return Err(bad_data(format!(
                "more than {} header lines",
                limits.headers
            )));
        }
        if let Some((name, value)) = header.split_once(':') {
            response
                .headers
                .push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
}

/// The body's length from `Content-Length`, if the response has one. Two
/// that disagree are an error (RFC 9112, section 6.3): trusting either one
/// would let the server smuggle the rest in as the next response.
fn content_length(response: &Response) -> io::Result<Option<usize>> {
    let mut length = None;
    let values = (response.headers.iter())
        .filter(|(name, _)| name.eq_ignore_ascii_case("Content-Length"))
        .map(|(_, value)| value);
    for value in values {
        let parsed: usize = value
            .parse()
            .map_err(|_| bad_data(format!("bad Content-Length {value:?}")))?;
        match length {
            Some(earlier) if earlier != parsed => {
                return Err(bad_data(format!(
                    "two different Content-Length headers: {earlier} and {parsed}"
                )));
            }
            _ => length = Some(parsed),
        }
    }
    Ok(length)
}
// ANCHOR_END: read_head

// ANCHOR: within
/// Runs `future`, or gives up with a `TimedOut` error once `limit` has
/// passed, dropping `future` (and with it the connection).
///
/// Chapter 6 has timers for this (`aio_timers::timeout`); this chapter
/// comes before them, so a helper thread sleeps out the limit (stage 3's
/// `thread_sleep`) and wakes the task.
async fn within<T>(limit: Duration, future: impl Future<Output = io::Result<T>>) -> io::Result<T> {
    let mut future = pin!(future);
    let mut alarm = pin!(thread_sleep(limit));
    poll_fn(|cx| {
        if let Poll::Ready(result) = future.as_mut().poll(cx) {
            return Poll::Ready(result);
        }
        alarm.as_mut().poll(cx).map(|()| {
            Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!("no complete response within {limit:?}"),
            ))
        })
    })
    .await
}
// ANCHOR_END: within

/// One header-section line, without its `\r\n`.
async fn line(reader: &mut StreamReader) -> io::Result<String> {
    let raw = reader.readline().await?;
    if !raw.ends_with(b"\n") {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    let text = String::from_utf8(raw).map_err(|_| bad_data("a header is not UTF-8".into()))?;
    Ok(text.trim_end_matches(['\r', '\n']).to_owned())
}

fn bad_data(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

// ANCHOR: serve_api
/// Our API server's side of one connection: read the request's head,
/// answer `/api/data` with [`BODY`] and anything else with 404.
pub async fn serve_api(mut reader: StreamReader, mut writer: StreamWriter) -> io::Result<()> {
    let request_line = line(&mut reader).await?;
    while !line(&mut reader).await?.is_empty() {} // skip the headers
    trace::note(format!("request: {request_line}"));
    let path = request_line.split(' ').nth(1).unwrap_or("");
    let (status, body) = match path {
        "/api/data" => ("200 OK", BODY),
        _ => ("404 Not Found", r#"{"error": "no such resource"}"#),
    };
    trace::note(format!("reply: {status}, {} bytes of JSON", body.len()));
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    writer.write(head.as_bytes());
    writer.write(body.as_bytes());
    writer.close().await
}
// ANCHOR_END: serve_api

#[allow(dead_code)] // the tests include this file for `run` and `fetch` only
fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}
