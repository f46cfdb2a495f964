//! `cargo lab book --check`: every include of the book resolves, checked on
//! a fixture book with one of each mistake, and on the real book.

use crate::common;

use std::path::Path;

use lab::book_check::{Include, Selection, check_book, find_includes, snapshot_body_start};

fn fixture_problems() -> Vec<String> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let report = check_book(&fixtures, Path::new("book")).expect("the fixture book can be read");
    assert_eq!(report.pages, 3, "SUMMARY.md, good.md and broken.md");
    report.problems.iter().map(ToString::to_string).collect()
}

#[test]
fn good_includes_pass() {
    let problems = fixture_problems();
    assert!(
        !problems.iter().any(|p| p.starts_with("book/src/good.md")),
        "good.md has only good includes: {problems:#?}"
    );
}

#[test]
fn each_broken_include_is_reported_at_its_line() {
    let problems = fixture_problems();
    let broken: Vec<&str> = problems
        .iter()
        .filter(|p| p.starts_with("book/src/broken.md"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        broken,
        [
            "book/src/broken.md:3: includes `../code/nowhere.rs`, which does not exist \
             (looked for book/src/../code/nowhere.rs)",
            "book/src/broken.md:4: anchor `farewell` not found in `../code/sample.rs` \
             (no `ANCHOR: farewell` line)",
            "book/src/broken.md:5: anchor `unclosed` in `../code/sample.rs` is never closed \
             (no `ANCHOR_END: unclosed` line)",
            "book/src/broken.md:6: `../code/sample.rs` has 8 lines; line 20 is past its end",
            "book/src/broken.md:7: `../code/demo.snap` is a snapshot whose output starts at \
             line 5, not 4: include it as `../code/demo.snap:5:`",
            "book/src/broken.md:8: `../code/demo.snap` is a snapshot; including it from its \
             first line shows insta's header: include it as `../code/demo.snap:5:`",
        ]
    );
}

#[test]
fn a_summary_link_to_a_missing_page_is_reported() {
    let problems = fixture_problems();
    let summary: Vec<&String> = problems
        .iter()
        .filter(|p| p.starts_with("book/src/SUMMARY.md"))
        .collect();
    assert_eq!(
        summary.len(),
        1,
        "only the missing page, not the draft: {summary:#?}"
    );
    assert!(
        summary[0]
            .starts_with("book/src/SUMMARY.md:7: links to `missing-page.md`, which does not exist"),
        "{}",
        summary[0]
    );
}

#[test]
fn directives_are_read_as_mdbook_reads_them() {
    let page = "a {{#include x.rs:name}} and {{ #rustdoc_include y.rs:2: }}\n\
                \\{{#include escaped.rs}} {{#playground z.rs}} {{#include w.rs::4}}\n\
                {{#include v.rs:7}}";
    let found = find_includes(page);
    let include = |line, path: &str, selection| Include {
        line,
        path: path.to_owned(),
        selection,
    };
    assert_eq!(
        found,
        [
            include(1, "x.rs", Selection::Anchor("name".into())),
            include(
                1,
                "y.rs",
                Selection::Lines {
                    start: Some(2),
                    end: None
                }
            ),
            include(
                2,
                "w.rs",
                Selection::Lines {
                    start: None,
                    end: Some(4)
                }
            ),
            include(
                3,
                "v.rs",
                Selection::Lines {
                    start: Some(7),
                    end: Some(7)
                }
            ),
        ]
    );
}

#[test]
fn a_snapshot_body_starts_after_the_second_rule() {
    let snap = "---\nsource: tests/demos.rs\nassertion_line: 12\nexpression: out\n---\nbody\n";
    assert_eq!(snapshot_body_start(snap), Some(6));
    assert_eq!(snapshot_body_start("no header here\n"), None);
}

#[test]
fn the_real_book_has_no_problems() {
    let report =
        check_book(&common::workspace_root(), Path::new("book")).expect("the book can be read");
    let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "`cargo lab book --check` finds problems in book/:\n{}",
        problems.join("\n")
    );
}
