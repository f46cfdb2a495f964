//! libtest's report of failed tests, rearranged so a short excerpt of it
//! names every failed test and why.
//!
//! libtest prints one section per failed test, in the order the tests
//! *finished*: with tests on several threads that order changes from run
//! to run, and one noisy test (a loop whose every task panics the same
//! way) can fill the excerpt before the test that says what is wrong gets
//! a line. So the sections are put in name order, a panic repeated word
//! for word is shown once with a count, each test gets a fair share of the
//! lines, and a test cut short still shows its last panic: the one that
//! failed it.

use std::collections::HashMap;

/// The lines a failed test shows at least, whatever the budget.
const AT_LEAST: usize = 6;

/// The sections of `report` (libtest's stdout from its `failures:` line
/// on), then its `test result:` line. With few failed tests that is at
/// most `max_lines` lines; each failed test shows at least [`AT_LEAST`],
/// so with many it can be more.
pub fn rearranged(report: &str, max_lines: usize) -> Vec<String> {
    // libtest ends the report with a list of the failed tests' names
    // after a second `failures:` line: the last one, since a test may
    // print that word too.
    let (body, names) = match report.rfind("\nfailures:\n") {
        Some(at) => (&report[..at], &report[at..]),
        None => (report, ""),
    };
    let mut sections = sections(body);
    // A test that printed nothing has no section: only the list names it.
    for name in listed_names(names) {
        if !sections.iter().any(|s| s.name == name) {
            sections.push(Section {
                header: format!("---- {name} stdout ----"),
                name: name.to_owned(),
                body: vec!["(the test printed nothing)".to_owned()],
            });
        }
    }
    if sections.is_empty() {
        // Not the shape libtest prints: its first lines as they are.
        return first_lines(&report.lines().collect::<Vec<_>>(), max_lines);
    }
    sections.sort_by(|a, b| a.name.cmp(&b.name));
    for section in &mut sections {
        section.body = folded(&section.body);
    }
    // Each section also takes a header and a blank line; the result line
    // closes the excerpt.
    let frame = 2 * sections.len() + 1;
    let shares = fair_shares(
        &sections.iter().map(|s| s.body.len()).collect::<Vec<_>>(),
        max_lines.saturating_sub(frame),
    );
    let mut lines = Vec::new();
    for (section, share) in sections.iter().zip(shares) {
        lines.push(section.header.clone());
        lines.extend(shown(&section.body, share));
        lines.push(String::new());
    }
    if let Some(result) = report.lines().rev().find(|l| l.starts_with("test result:")) {
        lines.push(result.to_owned());
    }
    lines
}

/// One failed test's part of the report.
struct Section {
    /// The test's name.
    name: String,
    /// The `---- name stdout ----` line.
    header: String,
    /// What the test printed, without the blank lines around it.
    body: Vec<String>,
}

/// The `---- name stdout ----` sections of `report`, in its order.
fn sections(report: &str) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    for line in report.lines() {
        if let Some(name) = section_name(line) {
            sections.push(Section {
                name: name.to_owned(),
                header: line.to_owned(),
                body: Vec::new(),
            });
        } else if let Some(section) = sections.last_mut() {
            section.body.push(line.to_owned());
        }
    }
    for section in &mut sections {
        section.body = without_blank_ends(&section.body).to_vec();
    }
    sections
}

/// `lines` without the blank lines at either end.
fn without_blank_ends<T: AsRef<str>>(lines: &[T]) -> &[T] {
    let blank = |l: &T| l.as_ref().trim().is_empty();
    let start = lines.iter().position(|l| !blank(l)).unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !blank(l))
        .map_or(start, |i| i + 1);
    &lines[start..end]
}

/// The first `max_lines` of `lines`, without the blank lines at either
/// end, and a line saying how many more there were: for output that is
/// not libtest's report (a compiler's errors, a crash's last words).
pub(crate) fn first_lines(lines: &[&str], max_lines: usize) -> Vec<String> {
    let lines = without_blank_ends(lines);
    let mut first: Vec<String> = lines
        .iter()
        .take(max_lines)
        .map(|l| (*l).to_owned())
        .collect();
    if lines.len() > max_lines {
        first.push(format!("… ({} more lines)", lines.len() - max_lines));
    }
    first
}

/// The test's name, if `line` starts a section.
fn section_name(line: &str) -> Option<&str> {
    line.strip_prefix("---- ")?.strip_suffix(" stdout ----")
}

/// The names in libtest's closing list (`names` starts at its `failures:`
/// line): the indented lines up to the first blank one.
fn listed_names(names: &str) -> impl Iterator<Item = &str> {
    names
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.strip_prefix("    "))
        .map(str::trim)
}

/// `body` with each panic that repeats an earlier one of the same test
/// word for word left out, and a line after the first saying how many
/// times it came again. libtest's hint about `RUST_BACKTRACE` goes too: it
/// follows whichever test happened to panic first, so where it stands
/// changes from run to run.
fn folded(body: &[String]) -> Vec<String> {
    let body = body
        .iter()
        .filter(|l| !l.starts_with("note: run with `RUST_BACKTRACE"));
    // Split into blocks: a panic runs from its `thread '…' panicked at`
    // line to the next blank line; any other line is a block of its own.
    let mut blocks: Vec<Vec<String>> = Vec::new();
    let mut in_panic = false;
    for line in body {
        if is_panic_start(line) {
            blocks.push(vec![line.clone()]);
            in_panic = true;
        } else if in_panic && !line.trim().is_empty() {
            blocks
                .last_mut()
                .expect("a panic block is open")
                .push(line.clone());
        } else {
            blocks.push(vec![line.clone()]);
            in_panic = false;
        }
    }
    // Each panic's text without its thread's number, by where it is kept.
    let mut seen: HashMap<Vec<String>, usize> = HashMap::new();
    let mut kept: Vec<(Vec<String>, usize)> = Vec::new();
    for block in blocks {
        if is_panic_start(&block[0]) {
            let mut key = block.clone();
            key[0] = without_thread_number(&key[0]);
            if let Some(&at) = seen.get(&key) {
                kept[at].1 += 1;
                continue;
            }
            seen.insert(key, kept.len());
        }
        kept.push((block, 0));
    }
    let mut lines: Vec<String> = Vec::new();
    for (block, again) in kept {
        // The blank lines that stood between the left-out panics are now
        // side by side: keep one.
        let blank = block.len() == 1 && block[0].trim().is_empty();
        if blank && lines.last().is_some_and(|l| l.trim().is_empty()) {
            continue;
        }
        lines.extend(block);
        if again > 0 {
            let times = if again == 1 { "time" } else { "times" };
            lines.push(format!("(the same panic {again} more {times})"));
        }
    }
    lines
}

/// Whether `line` opens a panic message.
fn is_panic_start(line: &str) -> bool {
    line.starts_with("thread '") && line.contains(" panicked at ")
}

/// A panic's first line without the operating system's number for the
/// thread (`thread 'main' (30741) panicked at …`): the same panic from
/// another thread of the test is the same panic.
fn without_thread_number(line: &str) -> String {
    if let Some(open) = line.find("' (") {
        let after = &line[open + 3..];
        if let Some(close) = after.find(") panicked at ") {
            if after[..close].bytes().all(|b| b.is_ascii_digit()) {
                return format!("{}'{}", &line[..open], &after[close + 1..]);
            }
        }
    }
    line.to_owned()
}

/// The lines of `body` to show in `share` lines. When it does not fit,
/// the top of it, a line saying how many were left out, and the test's
/// last panic (the one that failed it), as much of it as fits.
fn shown(body: &[String], share: usize) -> Vec<String> {
    if body.len() <= share {
        return body.to_vec();
    }
    let left_out = |n: usize| format!("… ({n} more lines from this test)");
    let last_panic = body.iter().rposition(|l| is_panic_start(l));
    // Room for lines of the body, besides one line saying what was cut.
    let room = share.saturating_sub(1).max(1);
    match last_panic {
        // Its first line and the message after it would not both fit.
        Some(start) if start + 2 > room => {
            // The verdict would be cut: keep as much of the top as leaves
            // room for it (a cut line before it, and one after if its end
            // does not fit either).
            let end = body[start..]
                .iter()
                .position(|l| l.trim().is_empty())
                .map_or(body.len(), |n| start + n);
            let verdict = (end - start).min(room.saturating_sub(1).max(1));
            let top = room.saturating_sub(1 + verdict);
            let mut lines = body[..top].to_vec();
            lines.push(format!("… ({} lines left out)", start - top));
            lines.extend(body[start..start + verdict].iter().cloned());
            let after = body.len() - (start + verdict);
            if after > 0 {
                lines.push(left_out(after));
            }
            lines
        }
        _ => {
            let mut lines = body[..room].to_vec();
            lines.push(left_out(body.len() - room));
            lines
        }
    }
}

/// How many lines each of the sections of these `lengths` may show, out of
/// `budget`: short sections whole, the long ones an equal share of what is
/// left. Each gets at least [`AT_LEAST`], even past the budget, so that
/// every failed test says why.
fn fair_shares(lengths: &[usize], budget: usize) -> Vec<usize> {
    let mut shares = vec![0; lengths.len()];
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    order.sort_by_key(|&i| lengths[i]);
    let mut left = budget;
    for (done, &i) in order.iter().enumerate() {
        let share = (left / (lengths.len() - done)).max(AT_LEAST);
        shares[i] = lengths[i].min(share);
        left = left.saturating_sub(shares[i]);
    }
    shares
}
