//! Fetch data from an API, all on the `asyncio` crate: a small JSON API
//! served over HTTP/1.1 with `start_server`, and a client that asks it for
//! several resources at once with `gather` under a `timeout`, gives up on a
//! slow one with `wait_for`, and prints what it got.
//!
//! Run: cargo lab demo 9 json_api

use std::io::{self, Write};
use std::net::SocketAddr;
use std::time::Duration;

use asyncio::prelude::*;

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    let report = asyncio::run(async {
        let server = start_server(serve, "127.0.0.1:0").await?;
        let report = client(server.local_addr()).await;
        server.close();
        io::Result::Ok(report)
    })?;
    out.write_all(report.as_bytes())
}

// ANCHOR: client
/// The client: one request, then three at once, then one that is too slow,
/// then one for a city the API does not know. Returns what it would print.
async fn client(addr: SocketAddr) -> String {
    let mut report = String::new();
    let mut say = |line: String| {
        report.push_str(&line);
        report.push('\n');
    };

    // One request, awaited: the list of cities.
    let cities = match get_json(addr, "/api/cities".to_owned()).await {
        Ok(body) => body,
        Err(err) => return format!("GET /api/cities failed: {err}\n"),
    };
    let names: Vec<String> = (cities.get("cities").and_then(Json::as_array))
        .unwrap_or_default()
        .iter()
        .filter_map(|city| city.as_str().map(str::to_owned))
        .collect();
    say(format!("GET /api/cities -> {}", names.join(", ")));

    // One request per city, all at once: `gather` makes each a task and
    // gives the values in the order asked, whatever order they finish in;
    // `timeout` gives up on the lot after 5 s.
    let requests = names
        .iter()
        .map(|name| get_json(addr, format!("/api/weather/{name}")));
    match timeout(Duration::from_secs(5), gather(requests)).await {
        Ok(Ok(forecasts)) => {
            for forecast in forecasts {
                say(match forecast {
                    Ok(body) => describe(&body),
                    Err(err) => format!("  a request failed: {err}"),
                });
            }
        }
        Ok(Err(join_error)) => say(format!("a request task failed: {join_error}")),
        Err(TimeoutError) => say("the forecasts took more than 5 s".to_owned()),
    }

    // The server takes a minute to answer this one; we wait 200 ms. On
    // timeout `wait_for` drops the request, which closes the connection.
    match wait_for(
        get_json(addr, "/api/slow".to_owned()),
        Duration::from_millis(200),
    )
    .await
    {
        Ok(_) => say("GET /api/slow -> answered in time (unexpected)".to_owned()),
        Err(TimeoutError) => say("GET /api/slow -> TimeoutError after 200 ms".to_owned()),
    }

    // An error from the API is a value, not a panic.
    match get_json(addr, "/api/weather/Atlantis".to_owned()).await {
        Ok(body) => say(format!("GET /api/weather/Atlantis -> {body}")),
        Err(err) => say(format!("GET /api/weather/Atlantis -> {err}")),
    }
    report
}

/// One forecast, as a line.
fn describe(forecast: &Json) -> String {
    let city = forecast.get("city").and_then(Json::as_str).unwrap_or("?");
    let days: Vec<&str> = (forecast.get("forecast").and_then(Json::as_array))
        .unwrap_or_default()
        .iter()
        .filter_map(Json::as_str)
        .collect();
    let high = forecast.get("high_c").and_then(Json::as_number);
    let high = high.map_or("?".to_owned(), |c| format!("{c}"));
    format!("  {city:<7} {} (high {high} °C)", days.join(", "))
}
// ANCHOR_END: client

// ANCHOR: get_json
/// GETs `path` and parses the body as JSON: what `await response.json()`
/// does in an aiohttp client. Anything but `200 OK` is an error carrying
/// the API's own message.
async fn get_json(addr: SocketAddr, path: String) -> io::Result<Json> {
    let (mut reader, mut writer) = open_connection(addr).await?;
    writer
        .write(format!("GET {path} HTTP/1.1\r\nHost: api\r\nConnection: close\r\n\r\n").as_bytes());
    writer.drain().await?;

    let status_line = read_line(&mut reader).await?;
    let status = status_line.split(' ').nth(1).unwrap_or("");
    let mut length = None;
    loop {
        let header = read_line(&mut reader).await?;
        if header.is_empty() {
            break; // the blank line after the headers
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .trim()
                        .parse()
                        .map_err(|_| bad("bad Content-Length"))?,
                );
            }
        }
    }
    let body = match length {
        Some(length) => reader.read_exact(length).await?,
        None => reader.read_to_end().await?,
    };
    let body = String::from_utf8(body).map_err(|_| bad("the body is not UTF-8"))?;
    let json = Json::parse(&body).map_err(|why| bad(&format!("bad JSON: {why}")))?;
    if status != "200" {
        let message = json.get("error").and_then(Json::as_str).unwrap_or("");
        return Err(io::Error::other(format!("HTTP {status}: {message}")));
    }
    Ok(json)
}
// ANCHOR_END: get_json

// ANCHOR: server
/// The weather the API knows: city, three days, the high in °C.
const WEATHER: [(&str, [&str; 3], i32); 3] = [
    ("Lisbon", ["sun", "sun", "rain"], 24),
    ("Oslo", ["snow", "cloud", "cloud"], -3),
    ("Kyoto", ["rain", "sun", "sun"], 18),
];

/// One connection: read a request, answer it, close. Every handler is a
/// task of its own (`start_server` makes it), so a slow answer holds up
/// nobody else.
async fn serve(mut reader: StreamReader, writer: StreamWriter) -> io::Result<()> {
    let (method, path) = match read_request(&mut reader).await {
        Ok(request) => request,
        Err(err) => return respond(writer, "400 Bad Request", &error_json(&err.to_string())).await,
    };
    let (status, body) = match (method.as_str(), path.as_str()) {
        ("GET", "/api/cities") => {
            let names: Vec<String> = WEATHER.iter().map(|(city, ..)| json_string(city)).collect();
            ("200 OK", format!("{{\"cities\": [{}]}}", names.join(", ")))
        }
        ("GET", "/api/slow") => {
            asyncio::sleep(Duration::from_secs(60)).await;
            ("200 OK", "{\"finally\": true}".to_owned())
        }
        ("GET", path) => match path.strip_prefix("/api/weather/") {
            Some(name) => match WEATHER.iter().find(|(city, ..)| *city == name) {
                Some((city, days, high)) => {
                    let days: Vec<String> = days.iter().map(|day| json_string(day)).collect();
                    let body = format!(
                        "{{\"city\": {}, \"forecast\": [{}], \"high_c\": {high}}}",
                        json_string(city),
                        days.join(", ")
                    );
                    ("200 OK", body)
                }
                None => (
                    "404 Not Found",
                    error_json(&format!("no weather for {name}")),
                ),
            },
            None => (
                "404 Not Found",
                error_json(&format!("no such resource: {path}")),
            ),
        },
        (_, _) => ("405 Method Not Allowed", error_json("only GET is served")),
    };
    respond(writer, status, &body).await
}

/// Writes a JSON response and closes the connection.
async fn respond(mut writer: StreamWriter, status: &str, body: &str) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    writer.write(head.as_bytes());
    writer.write(body.as_bytes());
    writer.close().await
}
// ANCHOR_END: server

// ANCHOR: parser
/// The tiniest HTTP/1.1 request parser that is still honest: the request
/// line (`GET /path HTTP/1.1`), then header lines up to the blank one.
/// A body (`Content-Length`) is read and ignored; chunked bodies are
/// refused. At most 100 header lines of at most 8 KiB each.
async fn read_request(reader: &mut StreamReader) -> io::Result<(String, String)> {
    reader.set_limit(8 * 1024);
    let request_line = read_line(reader).await?;
    let mut parts = request_line.split(' ');
    let (Some(method), Some(path), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad("not a request line"));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(bad("not HTTP/1.x"));
    }
    let mut length = 0;
    for _ in 0..100 {
        let header = read_line(reader).await?;
        if header.is_empty() {
            reader.read_exact(length).await?; // a body nobody asked for
            return Ok((method.to_owned(), path.to_owned()));
        }
        let Some((name, value)) = header.split_once(':') else {
            return Err(bad("a header line without a colon"));
        };
        if name.eq_ignore_ascii_case("content-length") {
            length = value
                .trim()
                .parse()
                .map_err(|_| bad("bad Content-Length"))?;
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            return Err(bad("chunked bodies are not served"));
        }
    }
    Err(bad("more than 100 header lines"))
}

/// One line, without its `\r\n`; an error if the peer closed mid-line.
async fn read_line(reader: &mut StreamReader) -> io::Result<String> {
    let line = reader.readline().await?;
    let Some(line) = line.strip_suffix(b"\n") else {
        return Err(io::ErrorKind::UnexpectedEof.into());
    };
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    String::from_utf8(line.to_vec()).map_err(|_| bad("a line is not UTF-8"))
}
// ANCHOR_END: parser

fn bad(why: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, why.to_owned())
}

// ANCHOR: json
/// A JSON string literal for `text`: quotes, with `"`, `\` and control
/// characters escaped.
fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn error_json(message: &str) -> String {
    format!("{{\"error\": {}}}", json_string(message))
}

/// A parsed JSON value: what Python's `json.loads` gives as dicts, lists,
/// strings, floats, bools and `None`.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    /// Members in the order they came.
    Object(Vec<(String, Json)>),
}
// ANCHOR_END: json

impl Json {
    /// Parses a whole JSON document (RFC 8259), nesting at most 64 deep.
    pub fn parse(text: &str) -> Result<Json, String> {
        let mut parser = Parser { text, at: 0 };
        let value = parser.value(0)?;
        parser.skip_space();
        if parser.at != text.len() {
            return Err(format!("trailing text at byte {}", parser.at));
        }
        Ok(value)
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<f64> {
        match self {
            Json::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }
}

impl std::fmt::Display for Json {
    /// Compact JSON, members in their order.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            Json::Number(n) => write!(f, "{n}"),
            Json::String(s) => f.write_str(&json_string(s)),
            Json::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    write!(f, "{}{item}", if i == 0 { "" } else { "," })?;
                }
                f.write_str("]")
            }
            Json::Object(members) => {
                f.write_str("{")?;
                for (i, (key, value)) in members.iter().enumerate() {
                    let comma = if i == 0 { "" } else { "," };
                    write!(f, "{comma}{}:{value}", json_string(key))?;
                }
                f.write_str("}")
            }
        }
    }
}

/// A recursive-descent parser over the bytes of a document.
struct Parser<'a> {
    text: &'a str,
    /// A byte offset into `text`, always at a character boundary.
    at: usize,
}

impl Parser<'_> {
    fn bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    fn skip_space(&mut self) {
        while matches!(
            self.bytes().get(self.at),
            Some(b' ' | b'\t' | b'\n' | b'\r')
        ) {
            self.at += 1;
        }
    }

    fn expect(&mut self, word: &str) -> Result<(), String> {
        if self.bytes()[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(())
        } else {
            Err(format!("expected `{word}` at byte {}", self.at))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, String> {
        if depth > 64 {
            return Err("nested more than 64 deep".to_owned());
        }
        self.skip_space();
        match self.bytes().get(self.at) {
            None => Err("unexpected end".to_owned()),
            Some(b'n') => self.expect("null").map(|()| Json::Null),
            Some(b't') => self.expect("true").map(|()| Json::Bool(true)),
            Some(b'f') => self.expect("false").map(|()| Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.skip_space();
                if self.bytes().get(self.at) == Some(&b']') {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.skip_space();
                    match self.bytes().get(self.at) {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            return Ok(Json::Array(items));
                        }
                        _ => return Err(format!("expected `,` or `]` at byte {}", self.at)),
                    }
                }
            }
            Some(b'{') => {
                self.at += 1;
                let mut members = Vec::new();
                self.skip_space();
                if self.bytes().get(self.at) == Some(&b'}') {
                    self.at += 1;
                    return Ok(Json::Object(members));
                }
                loop {
                    self.skip_space();
                    let key = self.string()?;
                    self.skip_space();
                    self.expect(":")?;
                    members.push((key, self.value(depth + 1)?));
                    self.skip_space();
                    match self.bytes().get(self.at) {
                        Some(b',') => self.at += 1,
                        Some(b'}') => {
                            self.at += 1;
                            return Ok(Json::Object(members));
                        }
                        _ => return Err(format!("expected `,` or `}}` at byte {}", self.at)),
                    }
                }
            }
            Some(_) => self.number(),
        }
    }

    fn number(&mut self) -> Result<Json, String> {
        let start = self.at;
        while matches!(
            self.bytes().get(self.at),
            Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
        ) {
            self.at += 1;
        }
        let text = &self.text[start..self.at];
        // Rust's float syntax is looser than JSON's ("1.", ".5", "+1"):
        // refuse those before handing the text over.
        let digits = text.strip_prefix('-').unwrap_or(text);
        let leading_zero = digits.len() > 1
            && digits.starts_with('0')
            && digits[1..].starts_with(|c: char| c.is_ascii_digit());
        let well_formed = digits.starts_with(|c: char| c.is_ascii_digit())
            && !leading_zero
            && !digits.contains(".e")
            && !digits.contains(".E")
            && !digits.ends_with('.');
        match text.parse::<f64>() {
            Ok(n) if well_formed => Ok(Json::Number(n)),
            _ => Err(format!("bad value at byte {start}")),
        }
    }

    fn string(&mut self) -> Result<String, String> {
        self.expect("\"")?;
        let mut out = String::new();
        loop {
            let Some(c) = self.text[self.at..].chars().next() else {
                return Err("a string without its closing quote".to_owned());
            };
            self.at += c.len_utf8();
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let escape = self.bytes().get(self.at).copied();
                    self.at += 1;
                    out.push(match escape {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let hex = (self.text.get(self.at..self.at + 4))
                                .ok_or("a short \\u escape")?;
                            self.at += 4;
                            let code = u32::from_str_radix(hex, 16).map_err(|e| e.to_string())?;
                            // Surrogate pairs are not joined: either half
                            // alone becomes U+FFFD.
                            char::from_u32(code).unwrap_or('\u{fffd}')
                        }
                        _ => return Err(format!("a bad escape at byte {}", self.at - 1)),
                    });
                }
                c if (c as u32) < 0x20 => return Err("a control character in a string".to_owned()),
                c => out.push(c),
            }
        }
    }
}

#[allow(dead_code)] // the tests include this file for `run` and `Json` only
fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}
