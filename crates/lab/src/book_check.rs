//! `cargo lab book --check`: proves that every `{{#include}}` of the book
//! resolves, without mdBook.
//!
//! mdBook is forgiving where a book that shows real code must not be: an
//! anchor it cannot find or a line range past the end of a file quietly
//! includes the wrong text (or nothing). So this check reads the book the way
//! mdBook does and refuses each of those:
//!
//! * the included file must exist (its path is relative to the page);
//! * a named anchor needs an `ANCHOR: name` line and an `ANCHOR_END: name`
//!   line after it;
//! * a line range must lie inside the file;
//! * an insta snapshot (`.snap`) must be included from exactly the first line
//!   after insta's header (the line after the second `---`), so the book
//!   shows the demo's output and nothing of the header;
//! * every link in `SUMMARY.md` must name an existing page (a draft chapter,
//!   `[Title]()`, is fine);
//! * every picture a page shows exists, can be drawn and has alt text, and
//!   every picture in the book is shown somewhere ([`pictures`]).
//!
//! It also holds the book to three rules of how it reads:
//!
//! * every listing (a fenced block that includes source, not a snapshot of
//!   output) has a caption naming its file, right above the fence:
//!   `<span class="filename">Filename: crates/…</span>`, or, for a script
//!   folded away in `<details>`, a `<summary>` that names it in `<code>`;
//! * a page the table of contents lists at the top level (a chapter, not
//!   one of its sub-pages) has at most [`MAX_PROSE_WORDS`] words of prose,
//!   code blocks and includes not counted: a chapter is read in one
//!   sitting, and deeper material goes on "going further" sub-pages;
//! * a note is named by its label ("note 001"); its file name
//!   (`001_` and sixteen hex digits, `.txt`) appears on the source-notes
//!   page only.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::LabError;
use crate::toml_subset;

pub mod pictures;

/// The most words of prose a top-level page of the book may have.
pub const MAX_PROSE_WORDS: usize = 5_000;

/// The page that lists the notes, the only one that may show their file
/// names.
const SOURCE_NOTES_PAGE: &str = "source-notes.md";

/// One thing wrong with the book, at a place in one of its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The page, relative to the workspace root.
    pub file: PathBuf,
    /// The 1-based line of the page where the problem is.
    pub line: usize,
    /// What is wrong, and what would fix it.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// What the check looked at, and what it found wrong.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// How many markdown pages were read.
    pub pages: usize,
    /// How many includes were checked.
    pub includes: usize,
    /// Every problem, in page order then line order; empty when the book is
    /// sound.
    pub problems: Vec<Problem>,
    /// The prose words of each top-level page, in the order of the table
    /// of contents.
    pub words: Vec<(PathBuf, usize)>,
    /// How many images the pages show.
    pub pictures: usize,
}

/// Which part of a file an include takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// The whole file: `{{#include file.rs}}`.
    Whole,
    /// The lines between `ANCHOR: name` and `ANCHOR_END: name`.
    Anchor(String),
    /// A 1-based, inclusive line range; an open end runs to the end of the
    /// file (`:5:`), an open start from its first line (`::9`). A single
    /// line (`:5`) is `start == end`.
    Lines {
        /// The first line, if given.
        start: Option<usize>,
        /// The last line, if given.
        end: Option<usize>,
    },
}

/// One `{{#include ...}}` or `{{#rustdoc_include ...}}` of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Include {
    /// The 1-based line of the page it is on.
    pub line: usize,
    /// The file as written, relative to the page's folder.
    pub path: String,
    /// The part of the file it takes.
    pub selection: Selection,
}

/// Checks the mdBook at `book` (relative to `root`); problems name their
/// files relative to `root`.
pub fn check_book(root: &Path, book: &Path) -> Result<Report, LabError> {
    let book_dir = root.join(book);
    let src = book.join(source_folder(&book_dir)?);
    let mut report = Report::default();

    let summary = src.join("SUMMARY.md");
    let mut top_level = Vec::new();
    match fs::read_to_string(root.join(&summary)) {
        Ok(text) => {
            check_summary(root, &src, &summary, &text, &mut report.problems);
            top_level = top_level_pages(&text);
        }
        Err(_) => report.problems.push(Problem {
            file: summary.clone(),
            line: 1,
            message: "the book has no SUMMARY.md, so mdBook has no table of contents".into(),
        }),
    }

    let mut pages = Vec::new();
    markdown_files(root, &src, &mut pages)?;
    pages.sort();
    for page in pages {
        let text = fs::read_to_string(root.join(&page))
            .map_err(|err| LabError::failure(format!("cannot read {}: {err}", page.display())))?;
        report.pages += 1;
        let mut problems = Vec::new();
        for include in find_includes(&text) {
            report.includes += 1;
            if let Some(message) = check_include(root, &page, &include) {
                problems.push((include.line, message));
            }
        }
        problems.extend(check_captions(&page, &text));
        if page
            .file_name()
            .is_none_or(|name| name != SOURCE_NOTES_PAGE)
        {
            problems.extend(check_note_file_names(&text));
        }
        problems.sort_by_key(|(line, _)| *line);
        report
            .problems
            .extend(problems.into_iter().map(|(line, message)| Problem {
                file: page.clone(),
                line,
                message,
            }));
    }

    for name in top_level {
        let page = src.join(&name);
        let Ok(text) = fs::read_to_string(root.join(&page)) else {
            continue; // a missing page is reported with SUMMARY.md
        };
        let words = prose_words(&text);
        if words > MAX_PROSE_WORDS {
            report.problems.push(Problem {
                file: page.clone(),
                line: 1,
                message: format!(
                    "{words} words of prose, more than the {MAX_PROSE_WORDS} a chapter may have: \
                     move deeper material to a \"going further\" sub-page"
                ),
            });
        }
        report.words.push((page, words));
    }
    report.pictures = pictures::check_pictures(root, &src, &mut report.problems)?;
    Ok(report)
}

/// The pages `SUMMARY.md` lists at the top level, unindented: the
/// chapters, the prefix and suffix pages, not the sub-pages.
fn top_level_pages(summary: &str) -> Vec<String> {
    summary
        .lines()
        .filter(|line| !line.starts_with(char::is_whitespace))
        .filter_map(|line| {
            let (_, after) = line.split_once("](")?;
            let target = after.split(')').next()?.trim();
            let page = target.split('#').next().unwrap_or(target);
            (!page.is_empty() && !page.contains("://")).then(|| page.to_owned())
        })
        .collect()
}

/// Counts the words of prose on a page: fenced code blocks, include
/// directives, HTML tags and listing captions are not prose. A word is a
/// run of non-blank characters with at least one letter or digit in it.
pub fn prose_words(text: &str) -> usize {
    let mut in_fence = false;
    let mut words = 0;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || is_filename_caption(trimmed) {
            continue;
        }
        let prose = strip_between(&strip_between(line, "{{#", "}}"), "<", ">");
        words += prose
            .split_whitespace()
            .filter(|word| word.chars().any(char::is_alphanumeric))
            .count();
    }
    words
}

/// `text` with every span from `open` to the next `close` replaced by a
/// space.
fn strip_between(text: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        out.push(' ');
        match rest[start + open.len()..].find(close) {
            Some(end) => rest = &rest[start + open.len() + end + close.len()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The caption line the book puts above a listing.
fn is_filename_caption(line: &str) -> bool {
    line.starts_with("<span class=\"filename\">")
}

/// The file a caption line names: `<span class="filename">Filename:
/// PATH</span>`, or `<summary>…<code>PATH</code></summary>`.
fn caption_file(line: &str) -> Option<&str> {
    let line = line.trim();
    if is_filename_caption(line) {
        let inner = line.split_once("Filename:")?.1;
        return Some(inner.split("</span>").next()?.trim());
    }
    if line.starts_with("<summary>") {
        let inner = line.split_once("<code>")?.1;
        return Some(inner.split("</code>").next()?.trim());
    }
    None
}

/// `path` with `.` and `folder/..` pairs taken out, as `/`-separated text.
fn normalize(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if parts.last().is_some_and(|last| last != "..") => {
                parts.pop();
            }
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    parts.join("/")
}

/// Checks that every listing of `page` has a caption naming the file it
/// includes. Returns the problems with their lines.
fn check_captions(page: &Path, text: &str) -> Vec<(usize, String)> {
    let folder = page.parent().unwrap_or(Path::new(""));
    let lines: Vec<&str> = text.lines().collect();
    let mut problems = Vec::new();
    let mut fence_start: Option<usize> = None;
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence_start = match fence_start {
                None => Some(index),
                Some(_) => None,
            };
            continue;
        }
        let Some(start) = fence_start else { continue };
        for include in find_includes(line) {
            // A snapshot is a program's output, not a listing of a file.
            if include.path.ends_with(".snap") {
                continue;
            }
            let file = normalize(&folder.join(&include.path));
            let above = lines[..start]
                .iter()
                .rev()
                .find(|line| !line.trim().is_empty())
                .copied()
                .unwrap_or("");
            let message = match caption_file(above) {
                Some(named) if named == file => continue,
                Some(named) => {
                    format!("the listing's caption names `{named}`, but it includes `{file}`")
                }
                None => format!(
                    "a listing of `{file}` has no caption: put \
                     `<span class=\"filename\">Filename: {file}</span>` and a blank line \
                     above its fence"
                ),
            };
            problems.push((index + 1, message));
        }
    }
    problems
}

/// Finds the file names of notes (`001_` and sixteen hex digits, then
/// `.txt`): the book names a note by its label, and the file name belongs
/// on the source-notes page only.
fn check_note_file_names(text: &str) -> Vec<(usize, String)> {
    let mut problems = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let bytes = line.as_bytes();
        let mut at = 0;
        while let Some(found) = line[at..].find(".txt") {
            let end = at + found;
            at = end + 4;
            if end < 20 {
                continue;
            }
            let name = &bytes[end - 20..end];
            let is_note = name[..3].iter().all(u8::is_ascii_digit)
                && name[3] == b'_'
                && name[4..]
                    .iter()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b));
            if is_note {
                let label = &line[end - 20..end - 17];
                problems.push((
                    index + 1,
                    format!(
                        "names a note by its file name `{}.txt`: write \"note {label}\"; \
                         the file names belong on {SOURCE_NOTES_PAGE} only",
                        &line[end - 20..end]
                    ),
                ));
            }
        }
    }
    problems
}

/// The `[book] src` folder named in `book.toml` (mdBook's default: `src`).
fn source_folder(book_dir: &Path) -> Result<PathBuf, LabError> {
    let config = book_dir.join("book.toml");
    let text = fs::read_to_string(&config).map_err(|err| {
        LabError::failure(format!("cannot read {}: {err}", config.display()))
            .help("the book lives in book/ at the workspace root, configured by book/book.toml")
    })?;
    let table = toml_subset::parse(&text)
        .map_err(|err| LabError::failure(format!("{} does not parse: {err}", config.display())))?;
    let src = match table.get_path(&["book", "src"]) {
        None => "src",
        Some(item) => item.value.as_str().ok_or_else(|| {
            LabError::failure(format!(
                "{}: line {}: `src` must be a string in quotes",
                config.display(),
                item.line
            ))
        })?,
    };
    Ok(PathBuf::from(src))
}

/// Collects the `.md` files under `dir` (relative to `root`), recursively.
fn markdown_files(root: &Path, dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), LabError> {
    files_with_extension(root, dir, &["md"], found)
}

/// Collects the files under `dir` (relative to `root`), recursively, whose
/// extension is one of `extensions`.
pub(crate) fn files_with_extension(
    root: &Path,
    dir: &Path,
    extensions: &[&str],
    found: &mut Vec<PathBuf>,
) -> Result<(), LabError> {
    let entries = fs::read_dir(root.join(dir)).map_err(|err| {
        LabError::failure(format!("cannot read the folder {}: {err}", dir.display()))
    })?;
    for entry in entries {
        let entry = entry
            .map_err(|err| LabError::failure(format!("cannot list {}: {err}", dir.display())))?;
        let relative = dir.join(entry.file_name());
        if entry.path().is_dir() {
            files_with_extension(root, &relative, extensions, found)?;
        } else if relative
            .extension()
            .is_some_and(|ext| extensions.iter().any(|wanted| ext == *wanted))
        {
            found.push(relative);
        }
    }
    Ok(())
}

/// Checks that each link of `SUMMARY.md` names a page that exists.
fn check_summary(root: &Path, src: &Path, summary: &Path, text: &str, problems: &mut Vec<Problem>) {
    for (index, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(open) = rest.find("](") {
            let after = &rest[open + 2..];
            let Some(close) = after.find(')') else { break };
            let target = after[..close].trim();
            rest = &after[close + 1..];
            // `[Title]()` is a draft chapter: listed, not written yet.
            if target.is_empty() || target.contains("://") {
                continue;
            }
            let page = target.split('#').next().unwrap_or(target);
            if !root.join(src).join(page).is_file() {
                problems.push(Problem {
                    file: summary.to_path_buf(),
                    line: index + 1,
                    message: format!(
                        "links to `{page}`, which does not exist in {}: write the page, \
                         or make the entry a draft with an empty link `[...]()`",
                        src.display()
                    ),
                });
            }
        }
    }
}

/// Finds the includes of a page, as mdBook would: `{{#include ARGS}}` and
/// `{{#rustdoc_include ARGS}}`, with optional spaces after `{{`, except
/// where escaped as `\{{#...}}`.
pub fn find_includes(text: &str) -> Vec<Include> {
    let mut includes = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(open) = rest.find("{{") {
            let escaped = rest[..open].ends_with('\\');
            let after = &rest[open + 2..];
            let Some(close) = after.find("}}") else { break };
            let inner = &after[..close];
            rest = &after[close + 2..];
            if escaped {
                continue;
            }
            if let Some(arg) = include_argument(inner) {
                let (path, selection) = parse_target(arg);
                includes.push(Include {
                    line: index + 1,
                    path,
                    selection,
                });
            }
        }
    }
    includes
}

/// The argument of an include directive (the text between `{{` and `}}`),
/// or `None` if it is some other directive.
fn include_argument(inner: &str) -> Option<&str> {
    let directive = inner.trim_start().strip_prefix('#')?;
    let name_end = directive
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(directive.len());
    let (name, args) = directive.split_at(name_end);
    // mdBook wants whitespace between the name and its argument, and no
    // `}` inside.
    if !matches!(name, "include" | "rustdoc_include")
        || !args.starts_with(char::is_whitespace)
        || args.contains('}')
    {
        return None;
    }
    args.split_whitespace().next()
}

/// Splits `path:selection` the way mdBook does.
fn parse_target(arg: &str) -> (String, Selection) {
    let Some((path, selector)) = arg.split_once(':') else {
        return (arg.to_owned(), Selection::Whole);
    };
    let number = |s: &str| -> Option<Option<usize>> {
        if s.is_empty() {
            Some(None)
        } else {
            s.parse().ok().map(Some)
        }
    };
    let selection = if selector.is_empty() {
        Selection::Whole
    } else if let Some((start, end)) = selector.split_once(':') {
        match (number(start), number(end)) {
            (Some(start), Some(end)) => Selection::Lines { start, end },
            _ => Selection::Anchor(selector.to_owned()),
        }
    } else if let Ok(line) = selector.parse::<usize>() {
        Selection::Lines {
            start: Some(line),
            end: Some(line),
        }
    } else {
        Selection::Anchor(selector.to_owned())
    };
    (path.to_owned(), selection)
}

/// Checks one include of `page`; `Some(message)` says what is wrong.
fn check_include(root: &Path, page: &Path, include: &Include) -> Option<String> {
    let folder = page.parent().unwrap_or(Path::new(""));
    let target = folder.join(&include.path);
    let shown = &include.path;
    let text = match fs::read_to_string(root.join(&target)) {
        Ok(text) => text,
        Err(_) if !root.join(&target).is_file() => {
            // mdBook expands directives even inside `code`; prose that only
            // mentions one (`{{#include …}}`) must escape it.
            let escape = if shown.contains(['.', '/']) {
                ""
            } else {
                "; to show the directive as text, escape it: `\\{{#include ...}}`"
            };
            return Some(format!(
                "includes `{shown}`, which does not exist (looked for {}){escape}",
                target.display()
            ));
        }
        Err(err) => return Some(format!("cannot read `{shown}`: {err}")),
    };
    let line_count = text.lines().count();

    if let Some(message) = check_selection(shown, &text, line_count, &include.selection) {
        return Some(message);
    }
    if include.path.ends_with(".snap") {
        return check_snapshot_start(shown, &text, &include.selection);
    }
    None
}

/// Checks that an anchor or a line range exists in the included text.
fn check_selection(
    shown: &str,
    text: &str,
    line_count: usize,
    selection: &Selection,
) -> Option<String> {
    match selection {
        Selection::Whole => None,
        Selection::Anchor(name) => {
            let start = text
                .lines()
                .position(|l| anchor_in(l, "ANCHOR:") == Some(name));
            let end = text
                .lines()
                .position(|l| anchor_in(l, "ANCHOR_END:") == Some(name));
            match (start, end) {
                (None, _) => Some(format!(
                    "anchor `{name}` not found in `{shown}` (no `ANCHOR: {name}` line)"
                )),
                (Some(_), None) => Some(format!(
                    "anchor `{name}` in `{shown}` is never closed (no `ANCHOR_END: {name}` line)"
                )),
                (Some(start), Some(end)) if end < start => Some(format!(
                    "anchor `{name}` in `{shown}` ends (line {}) before it starts (line {})",
                    end + 1,
                    start + 1
                )),
                _ => None,
            }
        }
        Selection::Lines { start, end } => {
            if *start == Some(0) || *end == Some(0) {
                return Some(format!("`{shown}`: line numbers count from 1"));
            }
            for line in [start, end].into_iter().flatten() {
                if *line > line_count {
                    return Some(format!(
                        "`{shown}` has {line_count} lines; line {line} is past its end"
                    ));
                }
            }
            if let (Some(start), Some(end)) = (start, end) {
                if start > end {
                    return Some(format!("`{shown}`: the range {start}:{end} runs backwards"));
                }
            }
            None
        }
    }
}

/// The name after `marker` on a line (`// ANCHOR: name`), if any.
fn anchor_in<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    let at = line.find(marker)?;
    let after = line[at + marker.len()..].trim_start();
    let end = after
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(after.len());
    Some(&after[..end])
}

/// The first line of a snapshot's body: the line after the second `---`.
pub fn snapshot_body_start(text: &str) -> Option<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| line.trim_end() == "---")
        .nth(1)
        .map(|(index, _)| index + 2)
}

/// Checks that an include of an insta snapshot starts right after its
/// header.
fn check_snapshot_start(shown: &str, text: &str, selection: &Selection) -> Option<String> {
    let Some(body) = snapshot_body_start(text) else {
        return Some(format!(
            "`{shown}` has no insta header (two `---` lines); is it a snapshot?"
        ));
    };
    let fix = format!("include it as `{shown}:{body}:`");
    match selection {
        Selection::Lines {
            start: Some(start), ..
        } if *start == body => None,
        Selection::Lines {
            start: Some(start), ..
        } => Some(format!(
            "`{shown}` is a snapshot whose output starts at line {body}, not {start}: {fix}"
        )),
        _ => Some(format!(
            "`{shown}` is a snapshot; including it {} shows insta's header: {fix}",
            match selection {
                Selection::Anchor(_) => "by anchor",
                _ => "from its first line",
            }
        )),
    }
}
