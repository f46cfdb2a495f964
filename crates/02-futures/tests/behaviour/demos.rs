//! Every demo's output, snapshotted: the book shows these snapshots, so a
//! change in what a demo prints shows up here first.

// The demos are example binaries; their `main` is not used here.
#[allow(dead_code)]
#[path = "../../examples/busy_poll.rs"]
mod busy_poll;
#[allow(dead_code)]
#[path = "../../examples/placeholder.rs"]
mod placeholder;
#[allow(dead_code)]
#[path = "../../examples/two_awaits.rs"]
mod two_awaits;

use aio_testkit::capture;

#[test]
fn busy_poll_counts_the_wasted_polls() {
    let out = capture(busy_poll::run);
    let (redacted, polls) = redact_measured_polls(&out);
    // The setter thread waits for 1,000 polls before it sets the flag, so
    // fewer means the demo stopped counting the polls it wasted.
    assert!(
        polls > 1_000,
        "the flag future was polled only {polls} times: the count is wrong\n{out}"
    );
    insta::assert_snapshot!("busy_poll", redacted);
}

/// The flag future's poll count is measured, so it differs on every run:
/// the snapshot keeps the line with the count replaced by `[measured]`, and
/// the book says what a typical run prints. Returns the output so redacted,
/// and the count.
fn redact_measured_polls(out: &str) -> (String, u64) {
    let mut after_flag = false;
    let mut polls = None;
    let mut redacted = String::new();
    for line in out.lines() {
        let measured = line
            .strip_prefix("  polls: ")
            .and_then(|rest| rest.split_once(','))
            .and_then(|(count, _)| count.parse::<u64>().ok());
        match measured {
            Some(count) if after_flag => {
                polls = Some(count);
                redacted.push_str("  polls: [measured], useful: 1, wasted: [measured - 1]");
            }
            _ => redacted.push_str(line),
        }
        redacted.push('\n');
        after_flag |= line.starts_with("a future waiting for a flag");
    }
    let polls = polls.unwrap_or_else(|| panic!("no poll count after the flag line:\n{out}"));
    (redacted, polls)
}

#[test]
fn two_awaits_prints_what_each_pause_holds() {
    let out = capture(two_awaits::run);
    // The point of the demo, checked outright as well as snapshotted: the
    // hand-written machine and the compiler's take the same number of polls.
    assert!(out.contains("poll 4 -> Ready(5)"), "{out}");
    assert!(
        out.contains("add_later_async(2, 3): 5 after 4 polls"),
        "{out}"
    );
    insta::assert_snapshot!("two_awaits", out);
}

#[test]
fn placeholder_runs_callbacks_in_order_and_wakes_the_task_once() {
    insta::assert_snapshot!("placeholder", capture(placeholder::run));
}
