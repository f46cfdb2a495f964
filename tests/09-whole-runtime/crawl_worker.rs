// Suite for exercise 9.1, the crawler's worker loop. Written once, run
// against the stub (`ex09-whole-runtime`) and the solution
// (`sol09-whole-runtime`) through a wrapper that names the code under test
// `subject`. Every crawl runs on a virtual clock under a one-hour guard, so
// a `join` that never returns fails instead of hanging; a fetch takes one
// second of virtual time, so the times below are exact.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

use asyncio::{Runner, get_running_loop, wait_for};
use subject::{FetchResult, Fetcher, Report, crawl};

const SECOND: Duration = Duration::from_secs(1);

const HANG: &str = "crawl() had not returned after an hour of virtual time. Either its \
    join() never saw the count of unfinished URLs reach zero (every URL a worker gets \
    needs one task_done(), also when its fetch fails, and a worker must not end on a \
    failed fetch), or it awaits a worker that was never cancelled (a worker loops for \
    ever: cancel it first, then await it)";

/// A site in memory: each page's links. A URL that is not a page is a
/// broken link (404).
#[derive(Default)]
struct Site {
    pages: BTreeMap<String, Vec<String>>,
    /// How many times each URL was fetched.
    fetches: RefCell<BTreeMap<String, usize>>,
    /// Fetches started and not finished, now and at most.
    in_flight: RefCell<(usize, usize)>,
    /// Fetches dropped before they finished: cancelled mid-page.
    cut_off: RefCell<usize>,
}

#[derive(Clone)]
struct FakeFetcher(Rc<Site>);

impl Fetcher for FakeFetcher {
    fn fetch(&self, url: &str) -> Pin<Box<dyn Future<Output = FetchResult>>> {
        let site = self.0.clone();
        let url = url.to_owned();
        Box::pin(async move {
            *site.fetches.borrow_mut().entry(url.clone()).or_default() += 1;
            {
                let mut in_flight = site.in_flight.borrow_mut();
                in_flight.0 += 1;
                in_flight.1 = in_flight.1.max(in_flight.0);
            }
            // Counted down even if the fetch is cancelled mid-way.
            struct Done(Rc<Site>, bool);
            impl Drop for Done {
                fn drop(&mut self) {
                    self.0.in_flight.borrow_mut().0 -= 1;
                    if !self.1 {
                        *self.0.cut_off.borrow_mut() += 1;
                    }
                }
            }
            let mut done = Done(site.clone(), false);
            asyncio::sleep(SECOND).await;
            done.1 = true;
            match site.pages.get(&url) {
                Some(links) => Ok(links.clone()),
                None => Err(format!("404 {url}")),
            }
        })
    }
}

/// A site from `(page, links)` pairs.
fn site(pages: &[(&str, &[&str])]) -> Rc<Site> {
    Rc::new(Site {
        pages: pages
            .iter()
            .map(|(page, links)| {
                let links = links.iter().map(|l| l.to_string()).collect();
                (page.to_string(), links)
            })
            .collect(),
        ..Site::default()
    })
}

/// A site of 40 pages with cycles, self-links and links found on many
/// pages: page `n` links to `2n`, `3n`, `n + 1` (modulo 40), itself and
/// the root.
fn tangled_site() -> Rc<Site> {
    let names: Vec<String> = (0..40).map(|n| format!("/p{n}")).collect();
    let pages: Vec<(String, Vec<String>)> = (0..40)
        .map(|n| {
            let links = [2 * n % 40, 3 * n % 40, (n + 1) % 40, n, 0]
                .iter()
                .map(|&m| names[m].clone())
                .collect();
            (names[n].clone(), links)
        })
        .collect();
    Rc::new(Site {
        pages: pages.into_iter().collect(),
        ..Site::default()
    })
}

/// Crawls `site` from `root` with `workers` workers on a fresh virtual
/// clock; gives the report and the virtual time the crawl took.
fn run_crawl(site: &Rc<Site>, root: &str, workers: usize) -> (Report, Duration) {
    let fetcher = Rc::new(FakeFetcher(site.clone()));
    let root = root.to_owned();
    Runner::with_virtual_clock().run(async move {
        let start = get_running_loop().time();
        match wait_for(crawl(&root, workers, fetcher), Duration::from_secs(3600)).await {
            Ok(report) => (report, get_running_loop().time() - start),
            Err(_) => panic!("{HANG}"),
        }
    })
}

fn sorted(pages: &[String]) -> BTreeSet<&str> {
    pages.iter().map(String::as_str).collect()
}

#[test]
fn every_page_is_found_and_fetched_once() {
    let site = tangled_site();
    let (report, _) = run_crawl(&site, "/p1", 4);
    let all: BTreeSet<&str> = site.pages.keys().map(String::as_str).collect();
    let found = sorted(&report.pages);
    let missing: Vec<_> = all.difference(&found).collect();
    assert!(
        missing.is_empty(),
        "the crawl missed {} of 40 pages, e.g. {:?}: links were lost. Queue every \
         new link before the page's task_done(), and wait with queue.join()",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
    let twice: Vec<_> = (site.fetches.borrow().iter())
        .filter(|(_, n)| **n > 1)
        .map(|(url, n)| format!("{url} ({n} times)"))
        .collect();
    assert!(
        twice.is_empty(),
        "{} pages were fetched more than once, e.g. {:?}. Mark a URL as seen when you queue \
         it, not when you fetch it: two pages that link to it can both be fetched \
         before either fetch of it starts",
        twice.len(),
        &twice[..twice.len().min(3)]
    );
    assert_eq!(
        report.pages.len(),
        40,
        "the report lists {} pages for 40 distinct ones: each page once",
        report.pages.len()
    );
    assert!(report.failed.is_empty(), "no link of this site is broken");
}

#[test]
fn the_workers_fetch_at_once() {
    // The root, then six pages that link nowhere new.
    let leaves: &[&str] = &["/a", "/b", "/c", "/d", "/e", "/f"];
    let mut pages: Vec<(&str, &[&str])> = vec![("/", leaves)];
    pages.extend(leaves.iter().map(|leaf| (*leaf, &[][..])));
    let site = site(&pages);
    let (report, took) = run_crawl(&site, "/", 3);
    assert_eq!(
        report.pages.len(),
        7,
        "the crawl found {} of 7 pages: links were lost. Queue every new link before \
         the page's task_done(), and wait with queue.join()",
        report.pages.len()
    );
    let most = site.in_flight.borrow().1;
    assert_eq!(
        most, 3,
        "at most {most} fetches ran at once with 3 workers; all 3 should be busy \
         while 6 URLs wait. Create the workers as tasks (create_task), each with \
         its own loop, and do not await one before creating the next"
    );
    assert_eq!(
        took,
        3 * SECOND,
        "the crawl took {took:?} of virtual time: the root (1 s), then 6 pages 3 at \
         a time (2 s) make 3 s"
    );
}

#[test]
fn a_broken_link_is_reported_and_the_crawl_goes_on() {
    let site = site(&[
        ("/", &["/gone", "/a", "/missing"]),
        ("/a", &["/b", "/gone"]),
        ("/b", &[]),
    ]);
    let (report, _) = run_crawl(&site, "/", 2);
    assert_eq!(
        sorted(&report.pages),
        BTreeSet::from(["/", "/a", "/b"]),
        "the crawl stopped early. Either a worker ended on a broken link (its URL \
         never got its task_done, and the pages after it were never fetched), or \
         join() returned before a page's links were queued (call task_done() after \
         queuing them)"
    );
    let failed: BTreeSet<&str> = report.failed.iter().map(|(url, _)| url.as_str()).collect();
    assert_eq!(
        failed,
        BTreeSet::from(["/gone", "/missing"]),
        "the report's `failed` should list each broken link once, with its error"
    );
    assert!(
        report
            .failed
            .iter()
            .all(|(url, why)| why == &format!("404 {url}")),
        "each failure should carry the fetcher's error: {:?}",
        report.failed
    );
}

#[test]
fn join_waits_for_the_pages_still_being_fetched() {
    // A chain: each page's one link is found only when its fetch ends, so
    // the queue is empty during every fetch.
    let site = site(&[
        ("/1", &["/2"]),
        ("/2", &["/3"]),
        ("/3", &["/4"]),
        ("/4", &[]),
    ]);
    let (report, took) = run_crawl(&site, "/1", 2);
    let cut_off = *site.cut_off.borrow();
    assert_eq!(
        cut_off, 0,
        "crawl() cancelled {cut_off} fetch(es) in the middle of a page: it stopped the \
         workers while the queue was empty but a page was still being fetched, whose \
         links were not queued yet. Wait with queue.join(), which counts every URL \
         from put to task_done"
    );
    assert_eq!(
        sorted(&report.pages),
        BTreeSet::from(["/1", "/2", "/3", "/4"]),
        "the crawl stopped before the end of the chain; wait with queue.join()"
    );
    assert_eq!(took, 4 * SECOND, "four pages in a chain take 4 s");
}

#[test]
fn no_worker_outlives_the_crawl() {
    let site = tangled_site();
    let fetcher = Rc::new(FakeFetcher(site.clone()));
    let (alive, later) = Runner::with_virtual_clock().run(async move {
        let before = asyncio::all_tasks().len();
        let _report = wait_for(crawl("/p0", 5, fetcher), Duration::from_secs(3600))
            .await
            .unwrap_or_else(|_| panic!("{HANG}"));
        let alive = asyncio::all_tasks().len() - before;
        let fetched: usize = site.fetches.borrow().values().sum();
        asyncio::sleep(Duration::from_secs(60)).await;
        let later: usize = site.fetches.borrow().values().sum::<usize>() - fetched;
        (alive, later)
    });
    assert_eq!(
        alive, 0,
        "{alive} worker task(s) still alive when crawl() returned: cancel every \
         worker once join() returns, and await each so it has ended"
    );
    assert_eq!(later, 0, "pages were fetched after the crawl had returned");
}
