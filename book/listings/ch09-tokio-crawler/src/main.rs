//! The capstone's crawler on tokio's current-thread runtime: the same site,
//! the same rules, the same report as crates/asyncio/examples/crawler.rs.
//! Chapter 9 shows its key parts next to ours.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

const PAGES: usize = 300;
const CONNECTIONS: usize = 5;
const FETCH_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Default)]
struct Report {
    fetched: BTreeMap<String, u16>,
    failed: BTreeMap<String, String>,
    outside: BTreeSet<String>,
}

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() -> io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(serve(stream));
        }
    });
    let started = Instant::now();
    let report = crawl(addr, "/page/0", CONNECTIONS).await;
    println!(
        "{} pages, {} not found, {} outside links, in {:.1} ms",
        report.fetched.values().filter(|&&s| s == 200).count(),
        report.fetched.values().filter(|&&s| s == 404).count(),
        report.outside.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}
// ANCHOR_END: main

// ANCHOR: crawl
/// tokio has no queue with `task_done` and `join`. The usual shape is a
/// task per URL in a `JoinSet`: the set is empty when the crawl is over.
async fn crawl(addr: SocketAddr, root: &str, connections: usize) -> Report {
    let host = addr.to_string();
    let limit = Arc::new(Semaphore::new(connections));
    let mut report = Report::default();
    let mut seen = HashSet::from([root.to_owned()]);
    let mut fetches = JoinSet::new();
    fetches.spawn(fetch(addr, root.to_owned(), limit.clone()));
    while let Some(joined) = fetches.join_next().await {
        let (path, outcome) = joined.expect("a fetch task panicked");
        let body = match outcome {
            Ok((status, body)) => {
                report.fetched.insert(path, status);
                if status != 200 {
                    continue;
                }
                body
            }
            Err(why) => {
                report.failed.insert(path, why);
                continue;
            }
        };
        for href in hrefs(&body) {
            match in_site(&href, &host) {
                Some(path) if seen.insert(path.clone()) => {
                    fetches.spawn(fetch(addr, path, limit.clone()));
                }
                Some(_) => {}
                None => {
                    report
                        .outside
                        .insert(href.split('#').next().unwrap_or("").to_owned());
                }
            }
        }
    }
    report
}

type Outcome = Result<(u16, Vec<u8>), String>;

async fn fetch(addr: SocketAddr, path: String, limit: Arc<Semaphore>) -> (String, Outcome) {
    let _permit = limit
        .acquire()
        .await
        .expect("the semaphore is never closed");
    let outcome = match tokio::time::timeout(FETCH_TIMEOUT, get(addr, &path)).await {
        Ok(Ok(response)) => Ok(response),
        Ok(Err(err)) => Err(err.to_string()),
        Err(_elapsed) => Err("timed out".to_owned()),
    };
    (path, outcome)
}
// ANCHOR_END: crawl

// ANCHOR: get
async fn get(addr: SocketAddr, path: &str) -> io::Result<(u16, Vec<u8>)> {
    let stream = TcpStream::connect(addr).await?;
    let mut stream = BufReader::new(stream);
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.get_mut().write_all(request.as_bytes()).await?;

    let mut line = String::new();
    stream.read_line(&mut line).await?;
    let status = match line.split_whitespace().collect::<Vec<_>>()[..] {
        [version, code, ..] if version.starts_with("HTTP/1.") => code.parse().map_err(bad)?,
        _ => return Err(bad("no HTTP status line")),
    };
    let mut length = None;
    loop {
        line.clear();
        stream.read_line(&mut line).await?;
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header
            .split_once(':')
            .ok_or_else(|| bad("a header without ':'"))?;
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(value.trim().parse().map_err(bad)?);
        }
    }
    let mut body = Vec::new();
    match length {
        Some(n) => {
            body.resize(n, 0);
            stream.read_exact(&mut body).await?;
        }
        None => {
            stream.read_to_end(&mut body).await?;
        }
    }
    Ok((status, body))
}
// ANCHOR_END: get

fn bad(what: impl ToString) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_string())
}

fn in_site(href: &str, host: &str) -> Option<String> {
    let href = href.split('#').next().unwrap_or("");
    match href.strip_prefix("http://") {
        Some(rest) => match rest.split_once('/') {
            Some((h, path)) if h == host => Some(format!("/{path}")),
            None if rest == host => Some("/".to_owned()),
            _ => None,
        },
        None if href.starts_with('/') => Some(href.to_owned()),
        None => None,
    }
}

fn hrefs(html: &[u8]) -> Vec<String> {
    let html = String::from_utf8_lossy(html);
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(href, _)| href.to_owned()))
        .collect()
}

// The site: the same formula as crates/asyncio/examples/crawler/site.rs.

fn links(i: usize, host: &str) -> Vec<String> {
    let mut hrefs = vec![
        format!("/page/{}", (i + 1) % PAGES),
        format!("/page/{}", (i * 7 + 3) % PAGES),
        format!("/page/{}", (i * 7 + 3) % PAGES),
        format!("/page/{}", i / 2),
    ];
    if i % 4 == 0 {
        hrefs.push(format!("http://{host}/page/{}", (i * 11 + 5) % PAGES));
    }
    if i % 6 == 1 {
        hrefs.push(format!("/page/{}#top", (i * 3) % PAGES));
    }
    if i % 10 == 3 {
        hrefs.push(format!("https://example.org/page/{i}"));
    }
    if i % 10 == 7 {
        hrefs.push(format!("http://www.example.com/page/{i}"));
    }
    if i % 37 == 0 {
        hrefs.push(format!("/missing/{i}"));
    }
    hrefs
}

async fn serve(stream: TcpStream) -> io::Result<()> {
    let mut stream = BufReader::new(stream);
    let mut request_line = String::new();
    stream.read_line(&mut request_line).await?;
    let mut host = String::new();
    loop {
        let mut line = String::new();
        stream.read_line(&mut line).await?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("host") {
                host = value.trim().to_owned();
            }
        }
    }
    let page = (request_line.split_whitespace().nth(1))
        .and_then(|path| path.strip_prefix("/page/"))
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|&n| n < PAGES);
    let (status, body) = match page {
        Some(i) => {
            let mut html = format!("<html><body>\n<h1>Page {i}</h1>\n");
            for href in links(i, &host) {
                html.push_str(&format!("<p><a href=\"{href}\">{href}</a></p>\n"));
            }
            ("200 OK", html + "</body></html>\n")
        }
        None => ("404 Not Found", "no such page\n".to_owned()),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.get_mut().write_all(response.as_bytes()).await?;
    stream.get_mut().shutdown().await
}
