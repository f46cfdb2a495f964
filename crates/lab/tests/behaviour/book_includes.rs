//! `cargo lab book --check`: every include of the book resolves, every
//! listing has a caption, chapters stay short and notes go by their labels;
//! checked on a fixture book with one of each mistake, and on the real book.

use crate::common;

use std::path::Path;

use lab::book_check::{
    Include, MAX_PROSE_WORDS, Selection, check_book, find_includes, prose_words,
    snapshot_body_start,
};

fn fixture_problems() -> Vec<String> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let report = check_book(&fixtures, Path::new("book")).expect("the fixture book can be read");
    assert_eq!(
        report.pages, 4,
        "SUMMARY.md, good.md, broken.md and captions.md"
    );
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
            .starts_with("book/src/SUMMARY.md:8: links to `missing-page.md`, which does not exist"),
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
fn a_listing_without_its_caption_and_a_note_file_name_are_reported() {
    let problems = fixture_problems();
    let captions: Vec<&str> = problems
        .iter()
        .filter(|p| p.starts_with("book/src/captions.md"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        captions,
        [
            "book/src/captions.md:6: a listing of `book/code/sample.rs` has no caption: put \
             `<span class=\"filename\">Filename: book/code/sample.rs</span>` and a blank line \
             above its fence",
            "book/src/captions.md:14: the listing's caption names `book/code/other.rs`, but it \
             includes `book/code/sample.rs`",
            "book/src/captions.md:17: names a note by its file name \
             `001_0123456789abcdef.txt`: write \"note 001\"; the file names belong on \
             source-notes.md only",
        ]
    );
}

#[test]
fn prose_words_leave_out_code_includes_tags_and_captions() {
    let page = "# A title\n\
                \n\
                Two words, then `code` counts.\n\
                \n\
                <span class=\"filename\">Filename: src/lib.rs</span>\n\
                \n\
                ```rust\n\
                fn not_prose() {}\n\
                ```\n\
                {{#include ../x.rs}} <b>bold</b> -- end\n";
    // "A title" (2, the `#` has no letter), "Two words, then `code`
    // counts." (5), "bold end" (2).
    assert_eq!(prose_words(page), 9);
}

#[test]
fn a_chapter_over_the_word_limit_is_reported_and_a_sub_page_is_not() {
    let root = std::env::temp_dir().join(format!("lab-book-words-{}", std::process::id()));
    let src = root.join("book/src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(root.join("book/book.toml"), "[book]\ntitle = \"t\"\n").unwrap();
    std::fs::write(
        src.join("SUMMARY.md"),
        "# Summary\n\n- [Long](long.md)\n    - [Deeper](deeper.md)\n",
    )
    .unwrap();
    let long = "word ".repeat(MAX_PROSE_WORDS + 1);
    std::fs::write(src.join("long.md"), &long).unwrap();
    std::fs::write(src.join("deeper.md"), &long).unwrap();

    let report = check_book(&root, Path::new("book")).expect("the temporary book can be read");
    std::fs::remove_dir_all(&root).unwrap();
    let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [format!(
            "book/src/long.md:1: {} words of prose, more than the {MAX_PROSE_WORDS} a chapter \
             may have: move deeper material to a \"going further\" sub-page",
            MAX_PROSE_WORDS + 1
        )],
        "only the top-level page is held to the limit"
    );
    assert_eq!(
        report.words,
        [(
            Path::new("book/src/long.md").to_path_buf(),
            MAX_PROSE_WORDS + 1
        )]
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
