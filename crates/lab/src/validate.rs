//! Checks `course.toml` against the tree: every name it gives must be real.
//!
//! Used by `cargo lab verify` and by a test of the lab, so a data file that
//! has gone stale (a demo renamed, a stub moved) fails `cargo test`.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use crate::book_check::files_with_extension;
use crate::course::{COURSE_FILE, Chapter, Course, DEMOS_MANIFEST, DEMOS_PACKAGE};
use crate::stubs::{Manifest, STUBS_FILE, UPDATE_COMMAND};
use crate::toml_subset;
use crate::workspace::SOLUTION_SUITES;

/// Every way the course file disagrees with the tree under `root`, one
/// sentence each; empty when it is all consistent.
pub fn validate(course: &Course, root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    check_chapters(course, root, &mut problems);
    check_headline(course, &mut problems);
    check_exercise_names(course, &mut problems);
    let manifest = check_manifest(course, root, &mut problems);
    for chapter in &course.chapters {
        check_demos(chapter, root, &mut problems);
        check_exercises(chapter, root, manifest.as_ref(), &mut problems);
    }
    check_demo_targets(course, root, &mut problems);
    problems
}

/// Chapter numbers and slugs are unique, and a ready chapter's crate has
/// the package name the course gives.
fn check_chapters(course: &Course, root: &Path, problems: &mut Vec<String>) {
    let mut numbers = HashSet::new();
    let mut slugs = HashSet::new();
    for chapter in &course.chapters {
        if !numbers.insert(chapter.number) {
            problems.push(format!("chapter number {} is used twice", chapter.number));
        }
        if !slugs.insert(chapter.slug.as_str()) {
            problems.push(format!("chapter slug `{}` is used twice", chapter.slug));
        }
        if chapter.is_ready(root) {
            let manifest = chapter.crate_dir().join("Cargo.toml");
            check_package_name(root, &manifest, &chapter.package, problems);
        }
    }
}

/// The headline demo is a listed demo.
fn check_headline(course: &Course, problems: &mut Vec<String>) {
    let headline = &course.headline;
    match course.chapter_by_number(headline.chapter) {
        None => problems.push(format!(
            "the headline names chapter {}, which the course does not have",
            headline.chapter
        )),
        Some(chapter) if chapter.demos.iter().all(|d| d.name != headline.demo) => {
            problems.push(format!(
                "the headline demo `{}` is not listed among chapter {}'s demos",
                headline.demo, headline.chapter
            ));
        }
        Some(_) => {}
    }
}

/// Exercise ids and names are unique across the course.
fn check_exercise_names(course: &Course, problems: &mut Vec<String>) {
    let mut ids = HashSet::new();
    let mut names = HashSet::new();
    for (_, exercise) in course.exercises() {
        if !ids.insert(exercise.id.as_str()) {
            problems.push(format!("exercise id {} is used twice", exercise.id));
        }
        if !names.insert(exercise.name.to_ascii_lowercase()) {
            problems.push(format!("exercise name `{}` is used twice", exercise.name));
        }
    }
}

/// The manifest of the stubs as shipped ([`STUBS_FILE`]) can be read, if
/// the course has exercises; `None` (and a problem) when it cannot.
fn check_manifest(course: &Course, root: &Path, problems: &mut Vec<String>) -> Option<Manifest> {
    match Manifest::load(root) {
        Ok(manifest) => Some(manifest),
        Err(_) if course.exercises().next().is_none() => None,
        Err(why) => {
            problems.push(format!(
                "{why} (what `cargo lab check` and `cargo lab reset` know the stubs as shipped \
                 by); generate it: `{UPDATE_COMMAND}`"
            ));
            None
        }
    }
}

/// Every demo is an example file of the chapter's crate.
fn check_demos(chapter: &Chapter, root: &Path, problems: &mut Vec<String>) {
    let mut names = HashSet::new();
    for demo in &chapter.demos {
        if !names.insert(demo.name.as_str()) {
            problems.push(format!(
                "chapter {} lists the demo `{}` twice",
                chapter.number, demo.name
            ));
        }
        let file = chapter.demo_file(demo);
        if !root.join(&file).is_file() {
            problems.push(format!(
                "demo `{}` of chapter {}: {} does not exist",
                demo.name,
                chapter.number,
                file.display()
            ));
        }
    }
}

/// The demos are built once, by the demos' package: it declares every demo,
/// at its file, and nothing else; every program in a stage crate's
/// `examples/` is a demo; every demo is compiled by its stage's suites; and
/// no stage crate builds examples of its own (which a plain `cargo test`
/// would then compile a second time).
fn check_demo_targets(course: &Course, root: &Path, problems: &mut Vec<String>) {
    check_demo_names(course, problems);
    let declared = declared_examples(root, problems);
    for chapter in &course.chapters {
        for demo in &chapter.demos {
            let file = chapter.demo_file(demo);
            if !root.join(&file).is_file() {
                continue; // `check_demos` says so
            }
            // The manifest's paths are relative to its own folder.
            let expected = Path::new("..").join(&file);
            match declared.iter().find(|(name, _)| *name == demo.name) {
                Some((_, Some(path))) if Path::new(path) == expected => {}
                Some((_, Some(path))) => problems.push(format!(
                    "{DEMOS_MANIFEST} builds the demo `{}` from {path}, not from {}",
                    demo.name,
                    expected.display()
                )),
                Some((_, None)) => problems.push(format!(
                    "{DEMOS_MANIFEST} declares the example `{}` without a path: add \
                     path = \"{}\"",
                    demo.name,
                    expected.display()
                )),
                None => problems.push(format!(
                    "demo `{}` of chapter {} is not declared in {DEMOS_MANIFEST}, so `cargo \
                     lab demo` cannot run it: add [[example]] name = \"{}\", path = \"{}\"",
                    demo.name,
                    chapter.number,
                    demo.name,
                    expected.display()
                )),
            }
            check_demo_in_suites(chapter, &demo.name, root, problems);
        }
        check_stray_programs(chapter, root, problems);
        check_no_own_examples(chapter, root, problems);
    }
    for (name, _) in &declared {
        if course
            .chapters
            .iter()
            .all(|c| c.demos.iter().all(|d| d.name != *name))
        {
            problems.push(format!(
                "{DEMOS_MANIFEST} declares the example `{name}`, which no chapter of \
                 {COURSE_FILE} lists"
            ));
        }
    }
}

/// Demo names are unique across the course: each is an example name of the
/// one demos' package.
fn check_demo_names(course: &Course, problems: &mut Vec<String>) {
    let mut seen: Vec<(&str, u32)> = Vec::new();
    for chapter in &course.chapters {
        for demo in &chapter.demos {
            match seen.iter().find(|(name, _)| *name == demo.name) {
                Some((_, first)) if *first != chapter.number => problems.push(format!(
                    "the demo name `{}` is used by chapters {first} and {}: every demo is \
                     an example of {DEMOS_PACKAGE}, so names must be unique across the course",
                    demo.name, chapter.number
                )),
                Some(_) => {} // twice in one chapter: `check_demos` says so
                None => seen.push((&demo.name, chapter.number)),
            }
        }
    }
}

/// The `[[example]]`s of the demos' package: each name, and its path if it
/// gives one. Empty (and a problem) when the manifest cannot be read.
fn declared_examples(root: &Path, problems: &mut Vec<String>) -> Vec<(String, Option<String>)> {
    let Some(manifest) = read_manifest(root, Path::new(DEMOS_MANIFEST), problems) else {
        return Vec::new();
    };
    let Some(toml_subset::Value::Tables(tables)) = manifest.get("example").map(|item| &item.value)
    else {
        return Vec::new();
    };
    tables
        .iter()
        .filter_map(|table| {
            let name = table.get("name")?.value.as_str()?.to_owned();
            let path = table.get("path").and_then(|item| item.value.as_str());
            Some((name, path.map(str::to_owned)))
        })
        .collect()
}

/// A demo is compiled (and run) by a suite of its stage crate, which pulls
/// its file in as a module: since the stage no longer builds it as an
/// example, nothing else in a plain `cargo test` would even compile it.
fn check_demo_in_suites(chapter: &Chapter, name: &str, root: &Path, problems: &mut Vec<String>) {
    let tests = chapter.crate_dir().join("tests");
    let needle = format!("examples/{name}.rs\"");
    // No tests folder (or an unreadable one) pulls nothing in.
    let mut files = Vec::new();
    let _ = files_with_extension(root, &tests, &["rs"], &mut files);
    let included = files
        .iter()
        .any(|file| fs::read_to_string(root.join(file)).is_ok_and(|text| text.contains(&needle)));
    if !included {
        problems.push(format!(
            "demo `{name}` of chapter {} is compiled by no suite in {}/: pull it in with \
             `#[path = \"../../examples/{name}.rs\"] mod {name};` (see CONTRIBUTING, \"A demo\")",
            chapter.number,
            tests.display()
        ));
    }
}

/// Every program in the stage crate's `examples/` (a file with a `main`,
/// or a folder with a `main.rs`; not the modules they share) is a listed
/// demo: nothing else builds it.
fn check_stray_programs(chapter: &Chapter, root: &Path, problems: &mut Vec<String>) {
    let folder = chapter.crate_dir().join("examples");
    let mut programs: Vec<(String, std::path::PathBuf)> = fs::read_dir(root.join(&folder))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let path = entry.path();
            if path.is_dir() {
                path.join("main.rs")
                    .is_file()
                    .then(|| (name.clone(), folder.join(&name).join("main.rs")))
            } else {
                let stem = name.strip_suffix(".rs")?;
                let text = fs::read_to_string(&path).ok()?;
                text.contains("fn main(")
                    .then(|| (stem.to_owned(), folder.join(&name)))
            }
        })
        .collect();
    programs.sort();
    for (name, file) in programs {
        if chapter.demos.iter().all(|d| d.name != name) {
            problems.push(format!(
                "{} is no demo of chapter {} in {COURSE_FILE}, so nothing builds it as a \
                 program: list it there and in {DEMOS_MANIFEST}",
                file.display(),
                chapter.number
            ));
        }
    }
}

/// A stage crate (once its folder exists) sets `autoexamples = false` and
/// declares no example: its demos are the demos' package's.
fn check_no_own_examples(chapter: &Chapter, root: &Path, problems: &mut Vec<String>) {
    if !root.join(chapter.crate_dir()).is_dir() {
        return;
    }
    let stage = chapter.crate_dir().join("Cargo.toml");
    let Some(table) = read_manifest(root, &stage, problems) else {
        return;
    };
    let auto_off = matches!(
        table
            .get_path(&["package", "autoexamples"])
            .map(|item| &item.value),
        Some(toml_subset::Value::Boolean(false))
    );
    if !auto_off {
        problems.push(format!(
            "{} lacks `autoexamples = false`: every `cargo test` would build chapter {}'s \
             demos twice (they belong to {DEMOS_PACKAGE})",
            stage.display(),
            chapter.number
        ));
    }
    if table.get("example").is_some() {
        problems.push(format!(
            "{} declares an [[example]] of its own, which every `cargo test` would build: \
             demos belong to {DEMOS_PACKAGE} ({DEMOS_MANIFEST})",
            stage.display()
        ));
    }
}

/// A manifest under `root`, parsed; `None`, and a problem, when it cannot
/// be read.
fn read_manifest(
    root: &Path,
    manifest: &Path,
    problems: &mut Vec<String>,
) -> Option<toml_subset::Table> {
    let text = match fs::read_to_string(root.join(manifest)) {
        Ok(text) => text,
        Err(err) => {
            problems.push(format!("cannot read {}: {err}", manifest.display()));
            return None;
        }
    };
    match toml_subset::parse(&text) {
        Ok(table) => Some(table),
        Err(err) => {
            problems.push(format!("{}: {err}", manifest.display()));
            None
        }
    }
}

/// Every exercise has its id in the chapter, a stub under the chapter's
/// exercise crate, a mirrored solution, a shared suite, both wrappers and at
/// least one hint; every stub has its blob id in the manifest (when there
/// is one to read).
fn check_exercises(
    chapter: &Chapter,
    root: &Path,
    manifest: Option<&Manifest>,
    problems: &mut Vec<String>,
) {
    if chapter.exercises.is_empty() {
        return;
    }
    let folder = chapter.folder();
    for (side, package) in [
        ("exercises", chapter.exercise_package()),
        ("solutions", chapter.solution_package()),
    ] {
        let manifest = Path::new(side).join(&folder).join("Cargo.toml");
        check_package_name(root, &manifest, &package, problems);
    }
    for exercise in &chapter.exercises {
        let who = format!("exercise {} `{}`", exercise.id, exercise.name);
        let in_chapter = exercise.id.split_once('.').is_some_and(|(number, rest)| {
            number.parse() == Ok(chapter.number) && rest.parse::<u32>().is_ok()
        });
        if !in_chapter {
            problems.push(format!(
                "{who}: its id should be `{}.<n>`, as it belongs to chapter {}",
                chapter.number, chapter.number
            ));
        }
        let stub_home = Path::new("exercises").join(&folder).join("src");
        if !Path::new(&exercise.file).starts_with(&stub_home) || !exercise.file.ends_with(".rs") {
            problems.push(format!(
                "{who}: its file `{}` should be a `.rs` file under {}",
                exercise.file,
                stub_home.display()
            ));
        }
        if exercise.test.is_empty() || exercise.test.contains(['/', '.']) {
            problems.push(format!(
                "{who}: `test = \"{}\"` should be the suite's file stem, without folder or `.rs`",
                exercise.test
            ));
        }
        if exercise.hints.is_empty() {
            problems.push(format!("{who}: has no hints"));
        }
        let paths = chapter.exercise_paths(exercise);
        let unrecorded = manifest.is_some_and(|m| m.id_of(&exercise.file).is_none());
        if unrecorded && root.join(&paths.stub).is_file() {
            problems.push(format!(
                "{who}: its stub has no entry in {STUBS_FILE} (what `cargo lab reset` restores \
                 and `cargo lab check` compares with): `{UPDATE_COMMAND}`"
            ));
        }
        for (what, path) in [
            ("stub", &paths.stub),
            ("solution", &paths.solution),
            ("suite", &paths.suite),
            ("stub's test wrapper", &paths.stub_wrapper),
            ("solution's test wrapper", &paths.solution_wrapper),
        ] {
            if !root.join(path).is_file() {
                problems.push(format!(
                    "{who}: its {what} {} does not exist",
                    path.display()
                ));
            }
        }
        // The solutions link every wrapper into one binary, as a module.
        let suites = Path::new("solutions")
            .join(&folder)
            .join("tests")
            .join(format!("{SOLUTION_SUITES}.rs"));
        let listed = fs::read_to_string(root.join(&suites)).is_ok_and(|text| {
            text.lines()
                .any(|l| l.trim() == format!("mod {};", exercise.test))
        });
        if !listed {
            problems.push(format!(
                "{who}: {} has no `mod {};` line, so its suite never runs against the solution",
                suites.display(),
                exercise.test
            ));
        }
    }
}

/// The manifest at `manifest` (relative to `root`) declares `expected`.
fn check_package_name(root: &Path, manifest: &Path, expected: &str, problems: &mut Vec<String>) {
    let Some(table) = read_manifest(root, manifest, problems) else {
        return;
    };
    match table
        .get_path(&["package", "name"])
        .and_then(|item| item.value.as_str())
    {
        Some(name) if name == expected => {}
        Some(name) => problems.push(format!(
            "{} names the package `{name}`, but {COURSE_FILE} expects `{expected}`",
            manifest.display()
        )),
        None => problems.push(format!(
            "{} has no [package] name (expected `{expected}`)",
            manifest.display()
        )),
    }
}
