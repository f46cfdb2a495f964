//! libtest's report of failed tests, rearranged so a short excerpt of it
//! names every failed test and why.
//!
//! libtest prints one section per failed test, in the order the tests
//! *finished*: with tests on several threads that order changes from run
//! to run, and one noisy test (a loop whose every task panics the same
//! way) can fill the excerpt before the test that says what is wrong gets
//! a line. So the sections are put in name order, a panic repeated word
//! for word is shown once with a count, and each test gets a fair share
//! of the lines.

/// The sections of `report` (libtest's stdout from its `failures:` line
/// on), at most `max_lines` lines in all when there are enough lines for
/// each failed test's first few, then the `test result:` line.
pub fn rearranged(report: &str, max_lines: usize) -> Vec<String> {
    let mut sections = sections(report);
    if sections.is_empty() {
        // Not the shape libtest prints: its first lines as they are.
        let mut lines: Vec<String> = report.lines().take(max_lines).map(str::to_owned).collect();
        let more = report.lines().count().saturating_sub(max_lines);
        if more > 0 {
            lines.push(format!("… ({more} more lines)"));
        }
        return lines;
    }
    sections.sort_by(|a, b| a.name.cmp(&b.name));
    for section in &mut sections {
        section.body = folded(&section.body);
    }
    // Each section also takes a header, a blank line and perhaps a line
    // saying what was cut; the result line closes the excerpt.
    let frame = 3 * sections.len() + 1;
    let shares = fair_shares(
        &sections.iter().map(|s| s.body.len()).collect::<Vec<_>>(),
        max_lines.saturating_sub(frame),
    );
    let mut lines = Vec::new();
    for (section, share) in sections.iter().zip(shares) {
        // A cut of one line would take a line to say so: show that line.
        let share = if section.body.len() == share + 1 {
            share + 1
        } else {
            share
        };
        lines.push(section.header.clone());
        lines.extend(section.body.iter().take(share).cloned());
        if section.body.len() > share {
            let more = section.body.len() - share;
            lines.push(format!("… ({more} more lines from this test)"));
        }
        lines.push(String::new());
    }
    if let Some(result) = report.lines().find(|l| l.starts_with("test result:")) {
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
        } else if line == "failures:" && !sections.is_empty() {
            // The second `failures:` starts the list of names: the end.
            break;
        } else if let Some(section) = sections.last_mut() {
            section.body.push(line.to_owned());
        }
    }
    for section in &mut sections {
        let start = section.body.iter().position(|l| !l.trim().is_empty());
        let end = section.body.iter().rposition(|l| !l.trim().is_empty());
        section.body = match (start, end) {
            (Some(start), Some(end)) => section.body[start..=end].to_vec(),
            _ => Vec::new(),
        };
    }
    sections
}

/// The test's name, if `line` starts a section.
fn section_name(line: &str) -> Option<&str> {
    line.strip_prefix("---- ")?.strip_suffix(" stdout ----")
}

/// `body` with each panic that repeats an earlier one of the same test
/// word for word left out, and a line after the first saying how many
/// times it came again.
fn folded(body: &[String]) -> Vec<String> {
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
    // The first panic carries libtest's hint about RUST_BACKTRACE; the
    // ones after it do not, and are the same otherwise.
    let key = |block: &[String]| -> Vec<String> {
        block
            .iter()
            .filter(|l| !l.starts_with("note: run with `RUST_BACKTRACE"))
            .cloned()
            .collect()
    };
    let mut kept: Vec<(Vec<String>, usize)> = Vec::new();
    for block in blocks {
        let repeat = if is_panic_start(&block[0]) {
            kept.iter_mut()
                .find(|(earlier, _)| is_panic_start(&earlier[0]) && key(earlier) == key(&block))
        } else {
            None
        };
        match repeat {
            Some((_, again)) => *again += 1,
            None => kept.push((block, 0)),
        }
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

/// How many lines each of the sections of these `lengths` may show, out of
/// `budget`: short sections whole, the long ones an equal share of what is
/// left. Each gets at least a few lines, even past the budget, so that
/// every failed test says why.
fn fair_shares(lengths: &[usize], budget: usize) -> Vec<usize> {
    const AT_LEAST: usize = 6;
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
