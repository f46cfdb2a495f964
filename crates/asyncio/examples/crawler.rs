//! The capstone: a concurrent web crawler on the `asyncio` crate, in the
//! style of the classic asyncio crawler. A queue of URLs, a few worker
//! tasks, `queue.join()` to learn that the crawl is over, a `Semaphore`
//! that limits the connections open at once, the workers cancelled at the
//! end. It crawls a generated site of 300 pages (crawler/site.rs) that the
//! demo serves itself on 127.0.0.1, on the same loop; then its Python twin
//! (python/capstone/crawler.py, stdlib asyncio only) does the same under
//! CPython, and the two results and times are printed side by side.
//!
//! Run: cargo lab demo 9 crawler

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::{self, Write};
use std::net::SocketAddr;
use std::rc::Rc;
use std::time::{Duration, Instant};

use asyncio::prelude::*;

#[path = "crawler/http.rs"]
pub mod http;
#[path = "crawler/site.rs"]
pub mod site;

/// Worker tasks: how many URLs are being handled at once.
pub const WORKERS: usize = 10;
/// How many connections the workers may have open at once.
pub const CONNECTIONS: usize = 5;
/// Where the crawl starts.
pub const ROOT: &str = "/page/0";
/// How long one fetch may take, connecting included.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(10);

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    let comparison = compare()?;
    comparison.write(out)
}

fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}

// ANCHOR: report
/// What a crawl found. Two crawls of the same site, whatever the order of
/// their fetches and whatever the runtime, must find the same things.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Every path of the site that was fetched, with its status code.
    pub fetched: BTreeMap<String, u16>,
    /// Paths whose fetch failed (no status): the error, in words.
    pub failed: BTreeMap<String, String>,
    /// Links to other sites, seen and not followed.
    pub outside: BTreeSet<String>,
}
// ANCHOR_END: report

// ANCHOR: crawler
/// The crawl's shared state: every worker holds an `Rc` of it. One thread,
/// so `RefCell`s, borrowed only between `await`s.
struct Crawler {
    /// The server, and its `host:port` as links spell it.
    addr: SocketAddr,
    host: String,
    /// Paths to fetch. Unbounded, as in the classic crawler: a worker that
    /// finds links must never wait to queue them.
    queue: Queue<String>,
    /// Every path ever queued, so that none is fetched twice.
    seen: RefCell<HashSet<String>>,
    /// At most this many connections open at once.
    connections: Semaphore,
    report: RefCell<Report>,
}
// ANCHOR_END: crawler

// ANCHOR: crawl
/// Crawls the site at `addr` from `root` with `workers` tasks and at most
/// `connections` connections open at once.
pub async fn crawl(addr: SocketAddr, root: &str, workers: usize, connections: usize) -> Report {
    let crawler = Rc::new(Crawler {
        addr,
        host: addr.to_string(),
        queue: Queue::new(0),
        seen: RefCell::new(HashSet::new()),
        connections: Semaphore::new(connections),
        report: RefCell::new(Report::default()),
    });
    crawler.add_url(root);
    let workers: Vec<Task<()>> = (1..=workers)
        .map(|n| create_task_named(format!("worker-{n}"), crawler.clone().work()))
        .collect();

    // Every path queued has had its task_done: nothing is being fetched,
    // and nothing is left to fetch.
    crawler.queue.join().await;

    // The workers wait in get() for ever: cancel them, and wait until they
    // have gone (their futures dropped, their Rc<Crawler>s with them).
    for worker in &workers {
        worker.cancel();
    }
    let (done, pending) = wait(workers, ALL_COMPLETED, None).await;
    assert!(pending.is_empty() && done.iter().all(|w| w.cancelled()));

    crawler.report.take()
}
// ANCHOR_END: crawl

// ANCHOR: work
impl Crawler {
    /// A worker: take a path, fetch it, say it is done; again, until
    /// cancelled.
    async fn work(self: Rc<Self>) {
        loop {
            let path = self
                .queue
                .get()
                .await
                .expect("the queue is never shut down");
            // task_done runs when this guard drops, even if the fetch
            // panics: Python's `try: ... finally: q.task_done()`. Without
            // it, a panic would leave join() waiting for ever.
            let _done = TaskDone(&self.queue);
            self.fetch(&path).await;
        }
    }
}

/// Calls `task_done` on its queue when dropped.
struct TaskDone<'a>(&'a Queue<String>);

impl Drop for TaskDone<'_> {
    fn drop(&mut self) {
        self.0.task_done().expect("one task_done per get");
    }
}
// ANCHOR_END: work

// ANCHOR: fetch
impl Crawler {
    /// Fetches one path, records the outcome, and queues the new links of
    /// a page that was found.
    async fn fetch(&self, path: &str) {
        let response = {
            // The permit is held for the connection's whole life, and given
            // back when `_permit` drops at the end of this block.
            let _permit = self.connections.acquire().await;
            timeout(FETCH_TIMEOUT, http::get(self.addr, path)).await
        };
        let response = match response {
            Ok(Ok(response)) => response,
            Ok(Err(err)) => return self.failed(path, err.to_string()),
            Err(TimeoutError) => return self.failed(path, "timed out".to_owned()),
        };
        self.report
            .borrow_mut()
            .fetched
            .insert(path.to_owned(), response.status);
        if response.status == 200 {
            for href in hrefs(&response.body) {
                self.add_url(&href);
            }
        }
    }

    fn failed(&self, path: &str, why: String) {
        self.report.borrow_mut().failed.insert(path.to_owned(), why);
    }
}
// ANCHOR_END: fetch

// ANCHOR: add_url
impl Crawler {
    /// Queues a link if it is on this site and not seen before.
    fn add_url(&self, href: &str) {
        // A fragment names a part of a page, not another page.
        let href = href.split('#').next().unwrap_or_default();
        let path = match href.strip_prefix("http://") {
            Some(rest) => match rest.split_once('/') {
                Some((host, path)) if host == self.host => format!("/{path}"),
                None if rest == self.host => "/".to_owned(),
                _ => return self.outside(href),
            },
            None if href.starts_with('/') => href.to_owned(),
            None => return self.outside(href), // https:, mailto:, relative links
        };
        if self.seen.borrow_mut().insert(path.clone()) {
            // An unbounded queue is never full: put_nowait cannot fail.
            self.queue.put_nowait(path).expect("an unbounded queue");
        }
    }

    fn outside(&self, href: &str) {
        self.report.borrow_mut().outside.insert(href.to_owned());
    }
}
// ANCHOR_END: add_url

/// The `href="…"` values of a page, in order.
pub fn hrefs(html: &[u8]) -> Vec<String> {
    let html = String::from_utf8_lossy(html);
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(href, _)| href.to_owned()))
        .collect()
}

impl Report {
    /// One line per finding, sorted: `200 /page/0`, `404 /missing/0`,
    /// `failed /path`, `outside https://…`. The Python twin prints the same
    /// lines, so the two crawls are compared line for line. (Why a fetch
    /// failed is left out: the two languages word their errors differently.)
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = (self.fetched.iter())
            .map(|(path, status)| format!("{status} {path}"))
            .chain(self.failed.keys().map(|path| format!("failed {path}")))
            .chain(self.outside.iter().map(|href| format!("outside {href}")))
            .collect();
        lines.sort();
        lines
    }

    /// Reads the lines of [`Report::lines`] back (what the twin printed).
    pub fn parse(text: &str) -> Report {
        let mut report = Report::default();
        for line in text.lines() {
            let Some((first, rest)) = line.split_once(' ') else {
                continue;
            };
            match first {
                "outside" => {
                    report.outside.insert(rest.to_owned());
                }
                "failed" => {
                    // The twin prints why on its standard error.
                    report.failed.insert(rest.to_owned(), String::new());
                }
                status => {
                    if let Ok(status) = status.parse() {
                        report.fetched.insert(rest.to_owned(), status);
                    }
                }
            }
        }
        report
    }

    /// What [`Report::counts`] counts, in its order.
    pub const COUNTED: [&str; 4] = [
        "pages found (200)",
        "not found (404)",
        "failed",
        "links to other sites",
    ];

    /// The four numbers the demo prints, in the order of [`Report::COUNTED`].
    pub fn counts(&self) -> [usize; 4] {
        [
            self.count(200),
            self.count(404),
            self.failed.len(),
            self.outside.len(),
        ]
    }

    /// How many fetches gave `status`.
    pub fn count(&self, status: u16) -> usize {
        self.fetched.values().filter(|&&s| s == status).count()
    }
}

/// Both crawls of one run: ours and, when python3 is there, CPython's.
#[derive(Debug)]
pub struct Comparison {
    /// What our crawl found.
    pub ours: Report,
    /// How long our crawl took (server and crawler on one loop).
    pub our_time: Duration,
    /// The most connections our server had open at once.
    pub peak_connections: u64,
    /// What the Python twin found and how long it took, by its own clock.
    pub python: Option<(Report, Duration)>,
}

// ANCHOR: compare
/// Serves the site and crawls it on our runtime, then runs the Python twin.
pub fn compare() -> io::Result<Comparison> {
    let (ours, our_time, peak_connections) = asyncio::run(async {
        let server = start_server(site::serve, "127.0.0.1:0").await?;
        let started = Instant::now();
        let report = crawl(server.local_addr(), ROOT, WORKERS, CONNECTIONS).await;
        let elapsed = started.elapsed();
        let peak = server.stats().peak_open;
        server.close();
        io::Result::Ok((report, elapsed, peak))
    })?;
    let (workers, connections) = (WORKERS.to_string(), CONNECTIONS.to_string());
    let python = aio_testkit::python::run_script("capstone/crawler.py", &[&workers, &connections])
        .map(|out| (Report::parse(&out), python_time(&out)));
    Ok(Comparison {
        ours,
        our_time,
        peak_connections,
        python,
    })
}
// ANCHOR_END: compare

/// The `elapsed_ms` line the twin prints last.
fn python_time(out: &str) -> Duration {
    let ms = out
        .lines()
        .find_map(|line| line.strip_prefix("elapsed_ms "))
        .and_then(|ms| ms.trim().parse::<f64>().ok())
        .expect("the Python twin prints `elapsed_ms <milliseconds>`");
    Duration::from_secs_f64(ms / 1000.0)
}

fn millis(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

impl Comparison {
    /// Prints the two crawls side by side. The times are the only part
    /// that changes from run to run.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "Crawling a generated site of {} pages on 127.0.0.1 from {ROOT}:",
            site::PAGES
        )?;
        writeln!(
            out,
            "{WORKERS} worker tasks, at most {CONNECTIONS} connections at once.\n"
        )?;
        let ours = &self.ours;
        let python = self.python.as_ref().map(|(report, _)| report.counts());
        writeln!(out, "  {:<21}{:>5}   {:>9}", "", "ours", "CPython's")?;
        for (row, label) in Report::COUNTED.iter().enumerate() {
            let theirs = python.map_or("-".to_owned(), |counts| counts[row].to_string());
            writeln!(out, "  {label:<21}{:>5}   {theirs:>9}", ours.counts()[row])?;
        }
        writeln!(out)?;
        let mut missing: Vec<&str> = (ours.fetched.iter())
            .filter(|(_, status)| **status == 404)
            .map(|(path, _)| path.as_str())
            .collect();
        missing.sort_by_key(|path| (path.len(), *path)); // /missing/37 before /missing/111
        writeln!(out, "Not found: {}", missing.join(" "))?;
        writeln!(
            out,
            "Never more than {CONNECTIONS} connections open at the server: {}",
            if self.peak_connections <= CONNECTIONS as u64 {
                "yes"
            } else {
                "no"
            }
        )?;
        match &self.python {
            Some((report, python_time)) => {
                let same = if report.lines() == ours.lines() {
                    "yes"
                } else {
                    "NO"
                };
                writeln!(out, "Same pages, same 404s, same outside links: {same}\n")?;
                writeln!(
                    out,
                    "Time to crawl (server and crawler on one thread; interpreter start not counted):"
                )?;
                writeln!(out, "  ours, the asyncio crate: {}", millis(self.our_time))?;
                writeln!(out, "  CPython's asyncio:       {}", millis(*python_time))?;
                let ratio = python_time.as_secs_f64() / self.our_time.as_secs_f64();
                writeln!(out, "  CPython took {ratio:.1} times as long")?;
            }
            None => {
                writeln!(out, "\nThe Python twin did not run (no python3).")?;
                writeln!(
                    out,
                    "Time to crawl: ours, the asyncio crate: {}",
                    millis(self.our_time)
                )?;
            }
        }
        Ok(())
    }
}
