//! The pictures half of `cargo lab book --check`: every image a page shows
//! exists, is a picture a browser can draw, and says in words what it shows;
//! every picture in the book's source folder is shown by some page.
//!
//! mdBook copies whatever sits in `src/` and renders a broken `<img>` without
//! a word, so a renamed file, an SVG cut short, or a diagram that no page
//! uses any more would go unnoticed. This check refuses each of them:
//!
//! * an image (`![alt](path)` or `<img src="path" alt="...">`) must name a
//!   file that exists, relative to its page;
//! * it must have alt text, for readers who cannot see it;
//! * an `.svg` must be well-formed XML (every tag closed, in order) whose
//!   root `<svg>` has a `viewBox` and a non-zero `width` and `height`; a
//!   `.png` must have a PNG header with a non-zero size; other kinds are
//!   refused;
//! * every `.svg` and `.png` under the source folder must be shown by at
//!   least one page.
//!
//! Images inside fenced code blocks are code, not pictures, and are skipped;
//! so are images from the web (`https://...`).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use super::Problem;
use crate::error::LabError;

/// One image shown by a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// The 1-based line of the page it is on.
    pub line: usize,
    /// The alt text, trimmed (empty when there is none).
    pub alt: String,
    /// The file as written, relative to the page's folder.
    pub path: String,
}

/// Checks the pictures of the book whose source folder is `src` (relative to
/// `root`); adds what is wrong to `problems` and returns how many images the
/// pages show.
pub fn check_pictures(
    root: &Path,
    src: &Path,
    problems: &mut Vec<Problem>,
) -> Result<usize, LabError> {
    let mut pages = Vec::new();
    super::markdown_files(root, src, &mut pages)?;
    pages.sort();
    let mut shown = BTreeSet::new();
    let mut count = 0;
    for page in &pages {
        let text = fs::read_to_string(root.join(page))
            .map_err(|err| LabError::failure(format!("cannot read {}: {err}", page.display())))?;
        for image in find_images(&text) {
            count += 1;
            let target = normalize(&page.parent().unwrap_or(Path::new("")).join(&image.path));
            let mut report = |message: String| {
                problems.push(Problem {
                    file: page.clone(),
                    line: image.line,
                    message,
                });
            };
            if image.alt.is_empty() {
                report(format!(
                    "the image `{}` has no alt text: say in a few words what it shows, \
                     as `![what it shows]({})`",
                    image.path, image.path
                ));
            }
            shown.insert(target.clone());
            if let Some(message) = check_picture_file(root, &target, &image.path) {
                report(message);
            }
        }
    }

    let mut pictures = Vec::new();
    picture_files(root, src, &mut pictures)?;
    pictures.sort();
    for picture in pictures {
        if !shown.contains(&normalize(&picture)) {
            problems.push(Problem {
                file: picture.clone(),
                line: 1,
                message: "no page shows this picture: show it with `![what it shows](path)` \
                          next to the text it illustrates, or delete it"
                    .into(),
            });
        }
    }
    Ok(count)
}

/// Finds the images of a page: markdown's `![alt](path "title")` and HTML's
/// `<img src="path" alt="...">`, outside fenced code blocks, and not from
/// the web.
pub fn find_images(text: &str) -> Vec<Image> {
    let mut images = Vec::new();
    let mut fence: Option<&str> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"]
            .into_iter()
            .find(|marker| trimmed.starts_with(marker));
        match (fence, marker) {
            (None, Some(marker)) => {
                fence = Some(marker);
                continue;
            }
            (Some(open), Some(marker)) if open == marker => {
                fence = None;
                continue;
            }
            (Some(_), _) => continue,
            (None, None) => {}
        }
        let mut found = markdown_images(line);
        found.extend(html_images(line));
        for (alt, path) in found {
            if path.contains("://") || path.starts_with("data:") {
                continue;
            }
            images.push(Image {
                line: index + 1,
                alt: alt.trim().to_owned(),
                path,
            });
        }
    }
    images
}

/// `![alt](path)` and `![alt](path "title")` on one line.
fn markdown_images(line: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find("![") {
        // `#![forbid(...)]` in prose is an attribute, not an image.
        let attribute = rest[..open].ends_with('#');
        let after = &rest[open + 2..];
        let Some(close) = after.find("](") else { break };
        let alt = &after[..close];
        let target = &after[close + 2..];
        let Some(end) = target.find(')') else { break };
        if attribute {
            rest = after;
            continue;
        }
        rest = &target[end + 1..];
        let path = target[..end].split_whitespace().next().unwrap_or("");
        found.push((alt.to_owned(), path.to_owned()));
    }
    found
}

/// `<img ... src="path" ... alt="...">` on one line.
fn html_images(line: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find("<img") {
        let after = &rest[open + 4..];
        let end = after.find('>').unwrap_or(after.len());
        let tag = &after[..end];
        rest = &after[end..];
        let path = attribute(tag, "src").unwrap_or_default();
        let alt = attribute(tag, "alt").unwrap_or_default();
        found.push((alt.to_owned(), path.to_owned()));
    }
    found
}

/// The value of `name="..."` (or `'...'`) in the text of a tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    loop {
        let at = rest.find(name)?;
        let before_ok = rest[..at].ends_with(char::is_whitespace);
        let after = rest[at + name.len()..].trim_start();
        rest = &rest[at + name.len()..];
        let Some(value) = after.strip_prefix('=').map(str::trim_start) else {
            continue;
        };
        if !before_ok {
            continue;
        }
        let quote = value.chars().next()?;
        if quote != '"' && quote != '\'' {
            return value.split_whitespace().next();
        }
        let value = &value[1..];
        return value.find(quote).map(|end| &value[..end]);
    }
}

/// Checks the file an image names; `Some(message)` says what is wrong.
fn check_picture_file(root: &Path, target: &Path, shown: &str) -> Option<String> {
    let bytes = match fs::read(root.join(target)) {
        Ok(bytes) => bytes,
        Err(_) => {
            return Some(format!(
                "shows `{shown}`, which does not exist (looked for {})",
                target.display()
            ));
        }
    };
    match target.extension().and_then(|ext| ext.to_str()) {
        Some("svg") => match std::str::from_utf8(&bytes) {
            Ok(text) => check_svg(text).err().map(|why| format!("`{shown}`: {why}")),
            Err(_) => Some(format!("`{shown}` is not UTF-8 text, so not an SVG")),
        },
        Some("png") => png_size(&bytes)
            .filter(|&(w, h)| w > 0 && h > 0)
            .is_none()
            .then(|| format!("`{shown}` is not a PNG with a width and a height")),
        _ => Some(format!(
            "`{shown}`: the book's pictures are SVG (or PNG); draw this one as an SVG"
        )),
    }
}

/// The width and height in a PNG's header (its `IHDR` chunk).
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.len() < 24 || !bytes.starts_with(SIGNATURE) || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let word =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    Some((word(16), word(20)))
}

/// Checks that `text` is a well-formed SVG document with a drawable size:
/// every element closed in order, one root `<svg>` with a `viewBox` and a
/// positive `width` and `height`. Returns what is wrong.
pub fn check_svg(text: &str) -> Result<(), String> {
    let mut open: Vec<&str> = Vec::new();
    let mut root: Option<&str> = None;
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        let after = &rest[start..];
        // Comments, processing instructions and declarations are skipped
        // whole; a CDATA section holds text, not tags.
        let skip = [
            ("<!--", "-->"),
            ("<![CDATA[", "]]>"),
            ("<?", "?>"),
            ("<!", ">"),
        ]
        .into_iter()
        .find(|(open, _)| after.starts_with(open));
        if let Some((opener, closer)) = skip {
            let Some(end) = after[opener.len()..].find(closer) else {
                return Err(format!("a `{opener}` is never closed with `{closer}`"));
            };
            rest = &after[opener.len() + end + closer.len()..];
            continue;
        }
        let Some(end) = tag_end(after) else {
            return Err("the file ends inside a tag".into());
        };
        let tag = &after[1..end];
        rest = &after[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim();
            match open.pop() {
                Some(expected) if expected == name => {}
                Some(expected) => {
                    return Err(format!(
                        "`</{name}>` closes `<{expected}>`: the tags are not nested"
                    ));
                }
                None => return Err(format!("`</{name}>` closes nothing")),
            }
            continue;
        }
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        if name.is_empty() {
            return Err("a `<` that starts no tag (write `&lt;` in text)".into());
        }
        if open.is_empty() {
            if root.is_some() {
                return Err(format!("`<{name}>` after the root element ended"));
            }
            root = Some(tag);
        }
        if !tag.ends_with('/') {
            open.push(name);
        }
    }
    if let Some(unclosed) = open.last() {
        return Err(format!("`<{unclosed}>` is never closed"));
    }
    let Some(root) = root else {
        return Err("no element at all: not an SVG".into());
    };
    if !root.starts_with("svg") {
        return Err(format!(
            "the root element is `<{}>`, not `<svg>`",
            root.split_whitespace().next().unwrap_or("")
        ));
    }
    if attribute(root, "viewBox").is_none() {
        return Err("the `<svg>` has no viewBox, so it cannot scale to the page".into());
    }
    for side in ["width", "height"] {
        let value = attribute(root, side)
            .map(|v| v.trim_end_matches("px"))
            .and_then(|v| v.parse::<f64>().ok());
        if !value.is_some_and(|v| v > 0.0) {
            return Err(format!(
                "the `<svg>` needs a positive `{side}` (in pixels), or it may be drawn with no size"
            ));
        }
    }
    Ok(())
}

/// Where a tag that starts `text` (at its `<`) ends: its `>`, skipping any
/// `>` inside a quoted attribute value.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote = None;
    for (at, c) in text.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if q == c => quote = None,
            (None, '>') => return Some(at),
            _ => {}
        }
    }
    None
}

/// Collects the `.svg` and `.png` files under `dir` (relative to `root`).
fn picture_files(root: &Path, dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), LabError> {
    super::files_with_extension(root, dir, &["svg", "png"], found)
}

/// `a/b/../c` as `a/c`, without asking the file system, so that two names
/// of one file compare equal.
fn normalize(path: &Path) -> PathBuf {
    let mut parts: Vec<Component<'_>> = Vec::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir
                if parts
                    .last()
                    .is_some_and(|last| matches!(last, Component::Normal(_))) =>
            {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.iter().collect()
}
