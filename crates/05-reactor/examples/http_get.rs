//! Fetch data from an API: a tiny HTTP/1.1 GET client over our streams,
//! against a tiny JSON server that the demo starts on the same loop.
//!
//! Run: cargo lab demo 5 http_get

use std::io::{self, Write};
use std::net::SocketAddr;

use aio_executor::trace::{EventKind, Trace};
use aio_executor::{EventLoop, spawn_named, trace};
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

// ANCHOR: fetch
/// GETs `path` from the server at `addr`; an error unless the status is 200.
pub async fn fetch(addr: SocketAddr, path: &str) -> io::Result<Response> {
    let (mut reader, mut writer) = open_connection(addr).await?;
    trace::note(format!("GET {path}"));
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: application/json\r\nConnection: close\r\n\r\n"
    );
    writer.write(request.as_bytes());
    writer.drain().await?;

    let status_line = line(&mut reader).await?;
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
    loop {
        let header = line(&mut reader).await?;
        if header.is_empty() {
            break; // the blank line that ends the headers
        }
        if let Some((name, value)) = header.split_once(':') {
            response
                .headers
                .push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    response.body = match response.header("Content-Length") {
        Some(length) => {
            let length = length
                .parse()
                .map_err(|_| bad_data(format!("bad Content-Length {length:?}")))?;
            reader.read_exact(length).await?
        }
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
}
// ANCHOR_END: fetch

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
