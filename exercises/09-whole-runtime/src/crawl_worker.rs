//! # Exercise 9.1: the crawler's worker loop
//!
//! Goal: write the heart of the classic asyncio crawler on our `asyncio`
//! crate. A `Queue` holds the URLs still to fetch; `workers` tasks each
//! loop: get a URL, fetch it, queue the links not seen before, mark the URL
//! done. `crawl` starts the workers, waits with `join` until every URL put
//! has been marked done, then cancels the workers, which are all waiting
//! in `get` by then.
//!
//! What you write:
//!
//! * [`crawl`]: queue the root (it counts as seen), create the workers as
//!   tasks, wait for the queue's `join`, cancel every worker and wait until
//!   each has ended, then hand back the report.
//! * `work`, one worker's loop. A page that fails to fetch goes in the
//!   report's `failed` list, and the worker goes on: every URL it got must
//!   get its `task_done`, or `join` waits forever.
//!
//! Read first: `book/src/ch09-whole-runtime.md` and chapter 8's section
//! "task_done and join" (`ch08-queues.md#task_done-and-join`).
//!
//! Stuck? `cargo lab hint crawl_worker` shows one hint at a time.
//!
//! Check: `cargo lab check 9` or
//! `cargo test -p ex09-whole-runtime --test crawl_worker`.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use asyncio::{Queue, create_task};

/// What fetching a page gives: the links on it, or why it failed.
pub type FetchResult = Result<Vec<String>, String>;

/// Fetches pages. The suite hands in a fake one: a site held in memory,
/// one second of virtual time per page.
pub trait Fetcher {
    /// Starts fetching `url`; the future gives its links.
    fn fetch(&self, url: &str) -> Pin<Box<dyn Future<Output = FetchResult>>>;
}

/// What a crawl found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// The pages fetched, in the order their fetches finished.
    pub pages: Vec<String>,
    /// The pages that could not be fetched, with why.
    pub failed: Vec<(String, String)>,
}

/// What the workers share.
struct Crawler {
    /// The URLs still to fetch; unbounded (`maxsize` 0).
    queue: Queue<String>,
    /// Every URL ever put in the queue.
    seen: RefCell<HashSet<String>>,
    /// What the crawl has found so far.
    report: RefCell<Report>,
    fetcher: Rc<dyn Fetcher>,
}

impl fmt::Debug for Crawler {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Crawler")
            .field("queued", &self.queue.qsize())
            .field("seen", &self.seen.borrow().len())
            .finish()
    }
}

/// Crawls from `root` with `workers` tasks fetching at once, following
/// every link, and fetching each page once.
///
/// # Panics
///
/// When no loop runs on this thread.
pub async fn crawl(root: &str, workers: usize, fetcher: Rc<dyn Fetcher>) -> Report {
    // TODO: make the shared `Crawler` (an unbounded queue: `Queue::new(0)`),
    // queue the root as seen, create `workers` tasks running `work`, wait
    // until every URL put is done, cancel the workers, wait for each to end,
    // and return the report.
    todo!()
}

/// One worker: get a URL, fetch it, queue the new links, mark it done;
/// again, until cancelled.
async fn work(crawler: Rc<Crawler>) {
    // TODO: loop: get a URL, fetch it, queue each link not seen before,
    // record the page (or its failure), mark the URL done.
    todo!()
}
