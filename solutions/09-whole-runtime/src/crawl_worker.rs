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
    let crawler = Rc::new(Crawler {
        queue: Queue::new(0),
        seen: RefCell::new(HashSet::new()),
        report: RefCell::new(Report::default()),
        fetcher,
    });
    // The root is seen the moment it is queued, like every other URL.
    crawler.seen.borrow_mut().insert(root.to_owned());
    crawler
        .queue
        .put_nowait(root.to_owned())
        .expect("an unbounded queue takes every item");

    let tasks: Vec<_> = (0..workers)
        .map(|_| create_task(work(crawler.clone())))
        .collect();
    // `join`, not "until the queue is empty": an empty queue can still
    // have pages being fetched, whose links are not queued yet. `join`
    // counts a URL from its `put` to its `task_done`.
    crawler.queue.join().await;
    // Every worker waits in `get` now; cancelling it there loses nothing.
    for task in &tasks {
        task.cancel();
    }
    // Wait for each to end, so that none outlives the crawl.
    for task in tasks {
        let _cancelled = task.await;
    }
    crawler.report.take()
}

/// One worker: get a URL, fetch it, queue the new links, mark it done;
/// again, until cancelled.
async fn work(crawler: Rc<Crawler>) {
    loop {
        let Ok(url) = crawler.queue.get().await else {
            return; // the queue was shut down
        };
        match crawler.fetcher.fetch(&url).await {
            Ok(links) => {
                for link in links {
                    // Seen when queued, not when fetched: a link found on
                    // two pages before either fetch ends is queued once.
                    if crawler.seen.borrow_mut().insert(link.clone()) {
                        crawler
                            .queue
                            .put_nowait(link)
                            .expect("an unbounded queue takes every item");
                    }
                }
                crawler.report.borrow_mut().pages.push(url);
            }
            // A broken link is part of the report, not the end of the
            // worker: it still needs its task_done below.
            Err(why) => crawler.report.borrow_mut().failed.push((url, why)),
        }
        // After the links went in: marked done first, the count could reach
        // zero with this page's links not queued yet, and `join` return.
        crawler
            .queue
            .task_done()
            .expect("one task_done per URL got");
    }
}
