//! The capstone crawler (examples/crawler.rs): it finds every page the
//! site links to, its Python twin finds the same, and the demo's output is
//! snapshotted for chapter 9 with the times (the only part that varies)
//! redacted.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

// The demo is an example binary; its `main` is not used here.
#[allow(dead_code)]
#[path = "../../examples/crawler.rs"]
mod crawler;

use crawler::site::{PAGES, links};

/// What a correct crawl of the site must find, worked out without the
/// runtime: a breadth-first search over `links`, with the crawler's rules
/// written once more in the plainest way.
fn expected(host: &str) -> crawler::Report {
    let mut report = crawler::Report::default();
    let mut seen = BTreeSet::from(["/page/0".to_owned()]);
    let mut todo = VecDeque::from(["/page/0".to_owned()]);
    while let Some(path) = todo.pop_front() {
        let page = path
            .strip_prefix("/page/")
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|&n| n < PAGES);
        let Some(i) = page else {
            report.fetched.insert(path, 404);
            continue;
        };
        report.fetched.insert(path, 200);
        for href in links(i, host) {
            let href = href.split('#').next().unwrap().to_owned();
            let own = format!("http://{host}");
            let path = match href.strip_prefix(&own) {
                Some(path) => path.to_owned(),
                None if href.starts_with('/') => href,
                None => {
                    report.outside.insert(href);
                    continue;
                }
            };
            if seen.insert(path.clone()) {
                todo.push_back(path);
            }
        }
    }
    report
}

/// Replaces each time in the demo's output (`12.3 ms`, `4.5 times`) with
/// `[time]` / `[ratio]`: they change from run to run.
fn redact_times(text: &str) -> String {
    let mut lines = Vec::new();
    for line in text.lines() {
        let words: Vec<&str> = line.split(' ').collect();
        let mut redacted = Vec::new();
        for (k, word) in words.iter().enumerate() {
            let is_number = !word.is_empty() && word.parse::<f64>().is_ok();
            redacted.push(match words.get(k + 1) {
                Some(&"ms") if is_number => "[time]",
                Some(&"times") if is_number => "[ratio]",
                _ => word,
            });
        }
        lines.push(redacted.join(" "));
    }
    lines.join("\n") + "\n"
}

#[test]
fn the_crawl_finds_every_page_once_and_ours_matches_cpythons() {
    let comparison = crawler::compare().expect("the crawl ran");
    let ours = &comparison.ours;
    // The host part of the absolute links is the server's address, which
    // the crawl does not report: any host gives the same paths.
    assert_eq!(
        *ours,
        expected("127.0.0.1:1"),
        "our crawl missed or added pages"
    );
    assert_eq!(ours.count(200), PAGES);
    assert!(ours.failed.is_empty(), "{:?}", ours.failed);
    assert!(
        comparison.peak_connections <= crawler::CONNECTIONS as u64,
        "the Semaphore let {} connections open at once",
        comparison.peak_connections
    );

    let Some((python, _)) = &comparison.python else {
        return; // no python3 here (and not CI): run_script said it skipped
    };
    let (ours_only, python_only) = differences(ours, python);
    assert!(
        ours_only.is_empty() && python_only.is_empty(),
        "the two crawls differ:\n  only ours: {ours_only:?}\n  only CPython's: {python_only:?}"
    );

    let out = aio_testkit::capture(|out| comparison.write(out));
    insta::assert_snapshot!("crawler", redact_times(&out));
}

fn differences(ours: &crawler::Report, python: &crawler::Report) -> (Vec<String>, Vec<String>) {
    let ours: BTreeSet<String> = ours.lines().into_iter().collect();
    let python: BTreeSet<String> = python.lines().into_iter().collect();
    (
        ours.difference(&python).cloned().collect(),
        python.difference(&ours).cloned().collect(),
    )
}

#[test]
fn links_are_taken_apart_as_the_twin_does() {
    let html = br#"<a href="/page/1">x</a> <a href="http://h/page/2#top">y</a><a href="">"#;
    assert_eq!(crawler::hrefs(html), ["/page/1", "http://h/page/2#top", ""]);
    let report =
        crawler::Report::parse("200 /page/0\n404 /missing/0\noutside https://e\nelapsed_ms 3\n");
    let mut fetched = BTreeMap::new();
    fetched.insert("/page/0".to_owned(), 200);
    fetched.insert("/missing/0".to_owned(), 404);
    assert_eq!(report.fetched, fetched);
    assert_eq!(report.outside, BTreeSet::from(["https://e".to_owned()]));
    assert_eq!(
        redact_times("  ours: 12.5 ms\n  CPython took 3.0 times as long\n"),
        "  ours: [time] ms\n  CPython took [ratio] times as long\n"
    );
}
