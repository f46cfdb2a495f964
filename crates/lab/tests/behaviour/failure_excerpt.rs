//! `cargo lab check -v` and `cargo lab verify` show the first lines of a
//! failed suite's report. libtest lists the failed tests in the order they
//! finished, which changes from run to run; the excerpt puts them in name
//! order, folds a panic repeated word for word, gives each test a fair
//! share of the lines and keeps each test's last panic, so a noisy test
//! cannot push out the one that says what is wrong.

use lab::commands::rearranged_failures;

/// A report as libtest 1.95 prints it: `sections` of (name, body), in the
/// order given (a test with an empty body gets no section, as in libtest).
fn report(sections: &[(&str, &str)]) -> String {
    let mut text = String::from("failures:\n\n");
    for (name, body) in sections.iter().filter(|(_, body)| !body.is_empty()) {
        text.push_str(&format!("---- {name} stdout ----\n\n{body}\n\n"));
    }
    text.push_str("\nfailures:\n");
    for (name, _) in sections {
        text.push_str(&format!("    {name}\n"));
    }
    text.push_str("\ntest result: FAILED. 1 passed; 2 failed\n");
    text
}

/// A panic as libtest shows it, from a thread numbered 7.
fn panic(test: &str, message: &str) -> String {
    format!("thread '{test}' (7) panicked at tests/x.rs:1:1:\n{message}\n")
}

fn has(lines: &[String], line: &str) -> bool {
    lines.iter().any(|l| l == line)
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
        !has(&lines, "    a"),
        "the list of names after the sections is left out: the headers name them"
    );
}

#[test]
fn the_real_report_of_a_wrong_lock_names_the_mistake_first() {
    // `cargo test -p ex08-queues --test fifo_lock` on the wrong answer
    // tests/08-queues/wrong/fifo_lock/newcomer_jumps_the_line.wrong, in the
    // order CI saw: the noisy test finished first, and its 37 lines pushed
    // the newcomer test's message out of the old 40-line excerpt.
    let report = include_str!("../fixtures/libtest/fifo_lock_newcomer_jumps_the_line.txt");
    let at = report.find("\nfailures:\n").expect("a failures report");
    let lines = rearranged_failures(&report[at + 1..], 40);
    let text = lines.join("\n");
    let first = lines.iter().position(|l| l.starts_with("----"));
    assert_eq!(
        first.map(|at| lines[at].as_str()),
        Some("---- a_newcomer_does_not_overtake_a_woken_waiter stdout ----"),
        "{text}"
    );
    for (words, what) in [
        (
            "a newcomer took the lock while a woken waiter had not run yet",
            "the newcomer test's message, which names the mistake",
        ),
        (
            "(the same panic 5 more times)",
            "the noisy test's six panics, folded",
        ),
        ("a task failed: Panicked(", "the noisy test's own verdict"),
        (
            "seed 4354685564936845354: a task panicked",
            "the random test's verdict",
        ),
    ] {
        assert!(text.contains(words), "{what} is missing: {text}");
    }
    assert!(
        !text.contains("RUST_BACKTRACE"),
        "libtest's hint lands on whichever test panicked first, so it goes: {text}"
    );
    assert!(lines.len() <= 40, "{} lines: {text}", lines.len());
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
    assert!(has(&lines, "(the same panic 2 more times)"), "{lines:#?}");
    assert!(
        has(&lines, "a task failed"),
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
fn the_same_panic_from_another_thread_is_the_same_panic() {
    let body = [
        "thread 'worker' (101) panicked at tests/x.rs:5:9:\nstep failed\n",
        "thread 'worker' (102) panicked at tests/x.rs:5:9:\nstep failed\n",
        "thread 'worker' (103) panicked at tests/x.rs:5:9:\nstep failed\n",
        &panic("threads", "a worker failed"),
    ]
    .join("\n");
    let lines = rearranged_failures(&report(&[("threads", &body)]), 40);
    assert!(has(&lines, "(the same panic 2 more times)"), "{lines:#?}");
    assert!(has(&lines, "a worker failed"), "{lines:#?}");
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
    assert!(has(&lines, "the newcomer took the lock"), "{lines:#?}");
    assert!(lines.len() <= 40, "{} lines", lines.len());
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("… (") && l.contains("more lines from this test")),
        "the cut says how much it left out: {lines:#?}"
    );
}

#[test]
fn a_test_cut_short_still_shows_the_panic_that_failed_it() {
    // Eight lines of its own output, then the verdict; four other tests
    // as long, so each gets only its fair share.
    let states: Vec<String> = (0..8).map(|i| format!("state {i}")).collect();
    let body = format!("{}\n\n{}", states.join("\n"), panic("a", "THE REASON"));
    let long: Vec<String> = (0..30).map(|i| format!("line {i}")).collect();
    let long = long.join("\n");
    let sections: Vec<(&str, &str)> = vec![
        ("a", &body),
        ("b", &long),
        ("c", &long),
        ("d", &long),
        ("e", &long),
    ];
    let lines = rearranged_failures(&report(&sections), 30);
    assert!(has(&lines, "THE REASON"), "{lines:#?}");
    assert!(has(&lines, "state 0"), "the top is kept too: {lines:#?}");
    assert!(
        lines.iter().any(|l| l.ends_with("lines left out)")),
        "the gap before the verdict is said: {lines:#?}"
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
    // 40 lines: 3 × (header, blank) and the result line leave 33, of
    // which the short section takes its 5 and the long ones 14 each
    // (13 lines and the cut).
    let lines = rearranged_failures(&report(&[("b", &long), ("a", short), ("c", &long)]), 40);
    assert!(has(&lines, "five"), "{lines:#?}");
    let cuts: Vec<&String> = lines.iter().filter(|l| l.starts_with("… (")).collect();
    assert_eq!(
        cuts,
        [
            "… (87 more lines from this test)",
            "… (87 more lines from this test)"
        ],
        "{lines:#?}"
    );
    assert_eq!(lines.len(), 40, "{lines:#?}");
}

#[test]
fn a_line_saying_failures_inside_a_test_s_output_loses_nothing() {
    let odd = format!("failures:\nsomething\n\n{}", panic("a_odd", "odd failed"));
    let later = panic("b_later", "later failed");
    let lines = rearranged_failures(&report(&[("a_odd", &odd), ("b_later", &later)]), 40);
    assert!(has(&lines, "odd failed"), "{lines:#?}");
    assert!(
        has(&lines, "later failed"),
        "the sections after it are kept: {lines:#?}"
    );
}

#[test]
fn a_failed_test_that_printed_nothing_is_still_named() {
    // A panic hook that prints nothing: libtest writes no section for it,
    // only its name in the closing list.
    let loud = panic("a_loud", "loud failed");
    let lines = rearranged_failures(&report(&[("a_loud", &loud), ("b_silent", "")]), 40);
    assert!(has(&lines, "---- b_silent stdout ----"), "{lines:#?}");
    assert!(has(&lines, "loud failed"), "{lines:#?}");
}

#[test]
fn a_report_without_sections_is_shown_as_it_is() {
    let report = "failures:\n    odd_test\n\ntest result: FAILED. 0 passed; 1 failed\n";
    let lines = rearranged_failures(report, 40);
    assert!(has(&lines, "    odd_test"), "{lines:#?}");
}
