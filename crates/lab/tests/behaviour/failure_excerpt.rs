//! `cargo lab check` shows the first lines of a failed suite's report.
//! libtest lists the failed tests in the order they finished, which changes
//! from run to run; the excerpt puts them in name order, folds a panic
//! repeated word for word, and gives each test a fair share of the lines,
//! so a noisy test cannot push out the one that says what is wrong.

use lab::commands::rearranged_failures;

/// A report as libtest prints it: `sections` of (name, body), in the
/// order given.
fn report(sections: &[(&str, &str)]) -> String {
    let mut text = String::from("failures:\n\n");
    for (name, body) in sections {
        text.push_str(&format!("---- {name} stdout ----\n\n{body}\n\n"));
    }
    text.push_str("\nfailures:\n");
    for (name, _) in sections {
        text.push_str(&format!("    {name}\n"));
    }
    text.push_str("\ntest result: FAILED. 1 passed; 2 failed\n");
    text
}

fn panic(test: &str, message: &str) -> String {
    format!("thread '{test}' (7) panicked at tests/x.rs:1:1:\n{message}\n")
}

#[test]
fn sections_come_in_name_order_whatever_order_the_tests_finished_in() {
    let b = panic("b", "b went wrong");
    let a = panic("a", "a went wrong");
    let lines = rearranged_failures(&report(&[("b", &b), ("a", &a)]), 40);
    let headers: Vec<&String> = lines.iter().filter(|l| l.starts_with("----")).collect();
    assert_eq!(headers, ["---- a stdout ----", "---- b stdout ----"]);
    assert_eq!(
        lines.last().map(String::as_str),
        Some("test result: FAILED. 1 passed; 2 failed"),
        "the result line closes the excerpt"
    );
    assert!(
        !lines.iter().any(|l| l == "    a"),
        "the list of names after the sections is left out: the headers name them"
    );
}

#[test]
fn a_panic_repeated_word_for_word_is_shown_once_with_a_count() {
    let first = format!(
        "{}note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n",
        panic("noisy", "released twice")
    );
    let again = panic("noisy", "released twice");
    let last = panic("noisy", "a task failed");
    let body = format!("{first}\n{again}\n{again}\n{last}");
    let lines = rearranged_failures(&report(&[("noisy", &body)]), 40);
    assert_eq!(
        lines.iter().filter(|l| *l == "released twice").count(),
        1,
        "{lines:#?}"
    );
    assert!(
        lines.contains(&"(the same panic 2 more times)".to_owned()),
        "{lines:#?}"
    );
    assert!(
        lines.contains(&"a task failed".to_owned()),
        "a different panic is kept: {lines:#?}"
    );
    let blank_pairs = lines
        .windows(2)
        .filter(|w| w[0].is_empty() && w[1].is_empty())
        .count();
    assert_eq!(
        blank_pairs, 0,
        "folding left two blank lines in a row: {lines:#?}"
    );
}

#[test]
fn a_long_section_cannot_push_a_short_one_out_of_the_excerpt() {
    // The noisy test finished first and says 200 different lines.
    let noise: Vec<String> = (0..200).map(|i| format!("task {i} failed")).collect();
    let short = panic("quiet", "the newcomer took the lock");
    let lines = rearranged_failures(
        &report(&[("zz_noisy", &noise.join("\n")), ("quiet", &short)]),
        40,
    );
    assert!(
        lines.contains(&"the newcomer took the lock".to_owned()),
        "{lines:#?}"
    );
    assert!(lines.len() <= 40, "{} lines", lines.len());
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("… (") && l.contains("more lines from this test")),
        "the cut says how much it left out: {lines:#?}"
    );
}

#[test]
fn many_failed_tests_each_keep_their_first_lines() {
    let bodies: Vec<(String, String)> = (0..12)
        .map(|i| {
            let name = format!("t{i:02}");
            let body = format!(
                "{}line 3\nline 4\nline 5\nline 6\nline 7",
                panic(&name, "why")
            );
            (name, body)
        })
        .collect();
    let sections: Vec<(&str, &str)> = bodies
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_str()))
        .collect();
    let lines = rearranged_failures(&report(&sections), 40);
    assert_eq!(
        lines.iter().filter(|l| *l == "why").count(),
        12,
        "every failed test says why, even past the budget: {lines:#?}"
    );
}

#[test]
fn short_sections_show_whole_and_long_ones_share_what_is_left() {
    let long: Vec<String> = (0..100).map(|i| format!("line {i}")).collect();
    let long = long.join("\n");
    let short = "one\ntwo\nthree\nfour\nfive";
    // 40 lines: 3 × (header, blank, cut) and the result line leave 30,
    // of which the short section takes its 5 and the long ones 12 and 13.
    let lines = rearranged_failures(&report(&[("b", &long), ("a", short), ("c", &long)]), 40);
    assert!(lines.contains(&"five".to_owned()), "{lines:#?}");
    let cuts: Vec<&String> = lines.iter().filter(|l| l.starts_with("… (")).collect();
    assert_eq!(
        cuts,
        [
            "… (88 more lines from this test)",
            "… (87 more lines from this test)"
        ],
        "{lines:#?}"
    );
    assert_eq!(
        lines.len(),
        39,
        "the short section needs no cut line: {lines:#?}"
    );
}

#[test]
fn a_report_without_sections_is_shown_as_it_is() {
    let report = "failures:\n    odd_test\n\ntest result: FAILED. 0 passed; 1 failed\n";
    let lines = rearranged_failures(report, 40);
    assert!(lines.contains(&"    odd_test".to_owned()), "{lines:#?}");
}

#[test]
fn a_cut_of_one_line_shows_the_line_instead() {
    let long: Vec<String> = (0..32).map(|i| format!("line {i}")).collect();
    let long = long.join("\n");
    // 35 lines: header, blank, cut and result leave 31 for a body of 32.
    let lines = rearranged_failures(&report(&[("a", &long)]), 35);
    assert!(lines.contains(&"line 31".to_owned()), "{lines:#?}");
    assert!(!lines.iter().any(|l| l.starts_with("… (")), "{lines:#?}");
    // 34 lines leave 30: two lines over, cut.
    let lines = rearranged_failures(&report(&[("a", &long)]), 34);
    assert!(!lines.contains(&"line 31".to_owned()), "{lines:#?}");
    assert!(
        lines.contains(&"… (2 more lines from this test)".to_owned()),
        "{lines:#?}"
    );
}
