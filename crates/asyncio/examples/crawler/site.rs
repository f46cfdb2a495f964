//! The site the crawler crawls: a few hundred generated pages, served over
//! HTTP/1.1 by a small server on `start_server`.
//!
//! Nothing is random: page `i` links to other pages by a fixed formula, so
//! the crawl's result is known in advance (the test computes it with a plain
//! breadth-first search over [`links`]) and python/capstone/crawler.py,
//! which generates the same site, must find the same pages.

use std::io;

use asyncio::prelude::*;

/// How many pages the site has: `/page/0` … `/page/299`.
pub const PAGES: usize = 300;

// ANCHOR: links
/// The links on page `i`, as the `href`s of its HTML, in order. `host` is
/// the `host:port` the page was asked for, for the links that name it.
///
/// Between them they exercise every rule of the crawler: a link repeated
/// on the same page, links back to pages seen already, an absolute link to
/// this site, a fragment (`#top`) that names the same page, links to other
/// sites (which must not be followed) and a few links to pages that do not
/// exist (404).
pub fn links(i: usize, host: &str) -> Vec<String> {
    let mut hrefs = vec![
        format!("/page/{}", (i + 1) % PAGES),
        format!("/page/{}", (i * 7 + 3) % PAGES),
        format!("/page/{}", (i * 7 + 3) % PAGES), // the same link twice
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
// ANCHOR_END: links

/// The HTML of page `i`.
fn page(i: usize, host: &str) -> String {
    let mut html = format!("<html><head><title>Page {i}</title></head><body>\n<h1>Page {i}</h1>\n");
    for href in links(i, host) {
        html.push_str(&format!("<p><a href=\"{href}\">{href}</a></p>\n"));
    }
    html.push_str("</body></html>\n");
    html
}

/// The page number in a path `/page/N`, if the site has that page.
fn page_number(path: &str) -> Option<usize> {
    let n: usize = path.strip_prefix("/page/")?.parse().ok()?;
    (n < PAGES).then_some(n)
}

// ANCHOR: serve
/// Serves one connection: reads a GET request, answers it, closes. The
/// handler `start_server` runs as a task for every connection.
pub async fn serve(mut reader: StreamReader, writer: StreamWriter) -> io::Result<()> {
    let request_line = String::from_utf8_lossy(&reader.readline().await?).into_owned();
    let mut host = String::new();
    loop {
        let line = reader.readline().await?;
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end();
        if line.is_empty() {
            break; // the blank line that ends the head (or the end of file)
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("host") {
                host = value.trim().to_owned();
            }
        }
    }
    let path = match request_line.split_whitespace().collect::<Vec<_>>()[..] {
        ["GET", path, _version] => path,
        _ => return respond(writer, "400 Bad Request", "bad request\n").await,
    };
    match page_number(path) {
        Some(i) => respond(writer, "200 OK", &page(i, &host)).await,
        None => respond(writer, "404 Not Found", "no such page\n").await,
    }
}

/// Sends one response and closes our side (`Connection: close`): the
/// client's read of the body may then also end at end of file.
async fn respond(mut writer: StreamWriter, status: &str, body: &str) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    writer.write(head.as_bytes());
    writer.write(body.as_bytes());
    writer.close().await
}
// ANCHOR_END: serve
