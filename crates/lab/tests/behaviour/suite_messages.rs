//! Every assertion in the exercise suites says in words what the learner's
//! code did wrong: a bare `assert_eq!(a, b)` fails with `left: 1, right: 0`,
//! which names no mistake. Reads `tests/NN-slug/*.rs` (and their
//! `support/`), not the wrong answers kept under `wrong/`.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

/// The suites and their helpers.
fn suite_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let tests = common::workspace_root().join("tests");
    for chapter in fs::read_dir(&tests)
        .expect("tests/ can be listed")
        .flatten()
    {
        for dir in [chapter.path(), chapter.path().join("support")] {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            files.extend(
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "rs")),
            );
        }
    }
    files.sort();
    files
}

/// The assertions of `text` with too few arguments to carry a message, as
/// `(line, macro)`.
fn bare_assertions(text: &str) -> Vec<(usize, &'static str)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for (name, needed) in [("assert_eq!", 2), ("assert_ne!", 2), ("assert!", 1)] {
        let mut from = 0;
        while let Some(at) = text[from..].find(name) {
            let start = from + at;
            from = start + name.len();
            // `debug_assert!` and the like are not ours; `assert!` inside
            // `assert_eq!` is not a match either (the `!` follows `assert`).
            let before = text[..start].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let Some(open) = text[from..].find(|c: char| !c.is_whitespace()) else {
                continue;
            };
            if bytes[from + open] != b'(' {
                continue;
            }
            let commas = top_level_commas(&text[from + open + 1..]);
            if commas < needed {
                let line = text[..start].matches('\n').count() + 1;
                found.push((line, name));
            }
        }
    }
    found.sort();
    found
}

/// The arguments after the first in a macro call's text (from just after
/// its `(`): the commas at depth zero, a trailing one not counted.
fn top_level_commas(rest: &str) -> usize {
    let mut depth = 0usize;
    let mut commas = 0;
    let mut last_significant = ' ';
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                while let Some(s) = chars.next() {
                    match s {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => {
                return if last_significant == ',' {
                    commas - 1
                } else {
                    commas
                };
            }
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => commas += 1,
            _ => {}
        }
        if !c.is_whitespace() {
            last_significant = c;
        }
    }
    commas
}

#[test]
fn every_assertion_in_the_suites_has_a_message() {
    let files = suite_files();
    assert!(
        files.len() > 8,
        "found only {} suite files under tests/: the scan looks in the wrong place",
        files.len()
    );
    let mut bare = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("a suite can be read");
        let shown = file
            .strip_prefix(common::workspace_root())
            .unwrap_or(Path::new(&file))
            .display()
            .to_string();
        bare.extend(
            bare_assertions(&text)
                .into_iter()
                .map(|(line, name)| format!("{shown}:{line}: {name}")),
        );
    }
    assert!(
        bare.is_empty(),
        "these assertions have no message, so a learner whose code fails them reads only \
         `left: …, right: …`; say in words what the code did wrong:\n{}",
        bare.join("\n")
    );
}

#[test]
fn the_scan_finds_a_bare_assertion_and_passes_one_with_a_message() {
    let text = "fn t() {\n    assert_eq!(f(1, 2), [3, 4]);\n    assert_eq!(a, b, \"say why\");\n    \
                assert!(ok,);\n    assert!(ok, \"why, {x}\", x = 1);\n}\n";
    assert_eq!(
        bare_assertions(text),
        [(2, "assert_eq!"), (4, "assert!")],
        "the scan must flag the assertions without a message and only those"
    );
}
