//! The wrong answers kept as fixtures, and the proof that each is caught:
//! `cargo lab verify` judges each one as `cargo lab check` would, in a
//! scratch copy of the exercises, and wants the learner told the mistake.
//!
//! A fixture, `tests/NN-slug/wrong/<test>/<mistake>.wrong`, is the solution
//! of the exercise whose suite is `<test>`, changed into the wrong answer:
//! only the change is written down, so a fixture shows the mistake and
//! nothing else, and follows the solution when the rest of it changes.
//! Its header, `//` lines, says what is wrong and what the learner must
//! read, one `// expect: <words>` line per phrase; every phrase must be in
//! what the check says about it. Then come the changes, each a block of
//! the solution's lines, found exactly once, and the lines that replace it:
//!
//! ```text
//! @@ solution
//!             if !inner.locked && inner.waiters.is_empty() {
//! @@ wrong
//!             if !inner.locked {
//! @@ end
//! ```
//!
//! The learner's files are never touched: the copy lives in cargo's target
//! folder (`lab-verify/`), and builds into the same target folder as the
//! workspace, so the stage crates it uses are not built twice.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::commands::check::Checker;
use crate::course::{Chapter, Course, Exercise};
use crate::error::LabError;
use crate::manifest;
use crate::progress::Status;
use crate::workspace::{Ending, Workspace};

/// The folder of a chapter's suites that holds its wrong answers.
pub const WRONG_DIR: &str = "wrong";

/// The marker of one phrase a fixture's check must say.
const EXPECT: &str = "// expect:";

/// A fixture's file extension.
const EXTENSION: &str = "wrong";

/// The markers of one change: the solution's lines, the wrong ones, the end.
const SOLUTION: &str = "@@ solution";
const WRONG: &str = "@@ wrong";
const END: &str = "@@ end";

/// One wrong answer.
#[derive(Debug, Clone)]
pub struct Fixture<'a> {
    /// Its chapter.
    pub chapter: &'a Chapter,
    /// The exercise it answers.
    pub exercise: &'a Exercise,
    /// The file, relative to the workspace root.
    pub path: PathBuf,
    /// The phrases the check must say about it.
    pub expect: Vec<String>,
    /// The wrong answer: the solution with the fixture's changes made.
    pub text: String,
}

impl Fixture<'_> {
    /// The mistake's name: the file stem.
    pub fn mistake(&self) -> String {
        self.path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
    }
}

/// What judging one fixture found.
#[derive(Debug, Clone)]
pub struct Caught {
    /// The exercise id.
    pub id: String,
    /// The fixture, relative to the workspace root.
    pub path: PathBuf,
    /// `None` when it was caught and named; else what went wrong.
    pub defect: Option<String>,
    /// What the check said about it.
    pub said: String,
    /// The line of `said` with the first expected phrase, trimmed.
    pub quote: String,
}

/// Every fixture of the course, in course order, and the problems with
/// those that cannot be used (no expected phrase, no such exercise).
pub fn find<'a>(workspace: &Workspace, course: &'a Course) -> (Vec<Fixture<'a>>, Vec<String>) {
    let mut fixtures = Vec::new();
    let mut problems = Vec::new();
    for chapter in &course.chapters {
        let dir = Path::new("tests").join(chapter.folder()).join(WRONG_DIR);
        let Ok(entries) = fs::read_dir(workspace.path(&dir)) else {
            continue;
        };
        let mut tests: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        tests.sort();
        for test_dir in tests {
            let test = test_dir
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let Some(exercise) = chapter.exercises.iter().find(|ex| ex.test == test) else {
                problems.push(format!(
                    "{}: no exercise of chapter {} has the suite `{test}`",
                    dir.join(&test).display(),
                    chapter.number
                ));
                continue;
            };
            let Ok(files) = fs::read_dir(&test_dir) else {
                continue;
            };
            let mut files: Vec<PathBuf> = files
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == EXTENSION))
                .collect();
            files.sort();
            for file in files {
                let path = dir.join(&test).join(file.file_name().unwrap_or_default());
                let text = fs::read_to_string(&file).unwrap_or_default();
                let expect: Vec<String> = text
                    .lines()
                    .filter_map(|l| l.trim().strip_prefix(EXPECT))
                    .map(|l| l.trim().to_owned())
                    .filter(|l| !l.is_empty())
                    .collect();
                if expect.is_empty() {
                    problems.push(format!(
                        "{}: says nothing the check must say (add `{EXPECT} <words>` lines)",
                        path.display()
                    ));
                    continue;
                }
                let solution = chapter.exercise_paths(exercise).solution;
                let made = fs::read_to_string(workspace.path(&solution))
                    .map_err(|err| format!("cannot read {}: {err}", solution.display()))
                    .and_then(|solution_text| wrong_answer(&text, &solution_text, &solution));
                match made {
                    Ok(text) => fixtures.push(Fixture {
                        chapter,
                        exercise,
                        path,
                        expect,
                        text,
                    }),
                    Err(problem) => problems.push(format!("{}: {problem}", path.display())),
                }
            }
        }
    }
    // In course order, the order of the bite table above.
    let order = |fixture: &Fixture<'_>| {
        course
            .exercises()
            .position(|(_, ex)| ex.id == fixture.exercise.id)
    };
    fixtures.sort_by_key(|fixture| (order(fixture), fixture.path.clone()));
    (fixtures, problems)
}

/// The wrong answer a fixture describes: `solution` (the text of the file
/// at `path`) with the fixture's changes made, or what is wrong with them.
pub fn wrong_answer(fixture: &str, solution: &str, path: &Path) -> Result<String, String> {
    apply(solution, &changes(fixture)?, path)
}

/// A fixture's changes, in order: each the solution's lines and the wrong
/// lines that replace them.
fn changes(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut changes = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        if line != SOLUTION {
            if line.starts_with("@@") {
                return Err(format!("line {}: `{line}` outside a change", n + 1));
            }
            continue;
        }
        let mut block = |until: &str| -> Result<String, String> {
            let mut taken = Vec::new();
            for (_, line) in lines.by_ref() {
                if line == until {
                    return Ok(taken.join("\n"));
                }
                taken.push(line);
            }
            Err(format!("the change at line {} has no `{until}`", n + 1))
        };
        let old = block(WRONG)?;
        let new = block(END)?;
        if old.trim().is_empty() {
            return Err(format!(
                "the change at line {} names no line of the solution",
                n + 1
            ));
        }
        changes.push((old, new));
    }
    if changes.is_empty() {
        return Err(format!(
            "changes nothing (add `{SOLUTION}` … `{WRONG}` … `{END}` blocks)"
        ));
    }
    Ok(changes)
}

/// The solution with `changes` made, each to text found exactly once.
fn apply(solution: &str, changes: &[(String, String)], path: &Path) -> Result<String, String> {
    let mut text = solution.to_owned();
    for (old, new) in changes {
        let found = text.matches(old.as_str()).count();
        if found != 1 {
            let first = old.lines().next().unwrap_or_default().trim();
            return Err(format!(
                "{} has the lines starting `{first}` {found} times, not once: \
                 the solution changed, so update the fixture",
                path.display()
            ));
        }
        text = text.replacen(old.as_str(), new, 1);
    }
    Ok(text)
}

/// Judges every fixture in a scratch copy of the exercises; `on_start` is
/// told of each before it runs.
pub fn judge_all(
    workspace: &Workspace,
    fixtures: &[Fixture<'_>],
    time_limit: std::time::Duration,
    on_start: &dyn Fn(&Fixture<'_>),
) -> Result<Vec<Caught>, LabError> {
    if fixtures.is_empty() {
        return Ok(Vec::new());
    }
    let mut results = Vec::new();
    for fixture in fixtures {
        on_start(fixture);
        let scratch = scratch_copy(workspace, fixture).map_err(|err| {
            LabError::failure(format!(
                "cannot make the scratch copy for {}: {err}",
                fixture.path.display()
            ))
        })?;
        let mut checker = Checker::new(&scratch, time_limit, None);
        let judged = checker
            .judge(fixture.chapter, fixture.exercise)?
            .ok_or_else(|| LabError::failure("the check was interrupted"))?;
        let missing: Vec<&String> = fixture
            .expect
            .iter()
            .filter(|words| !judged.said.contains(words.as_str()))
            .collect();
        let defect = if let Ending::TimedOut(limit) = judged.ending {
            Some(format!(
                "the suite ran past the time limit ({}) instead of failing with a reason",
                crate::workspace::seconds(limit)
            ))
        } else if judged.status == Status::Done {
            Some("it passes: the check counts this wrong answer as done".to_owned())
        } else if !missing.is_empty() {
            let words: Vec<String> = missing.iter().map(|w| format!("`{w}`")).collect();
            Some(format!(
                "it fails, but what the check says lacks {}",
                words.join(", ")
            ))
        } else {
            None
        };
        let quote = fixture
            .expect
            .first()
            .and_then(|words| judged.said.lines().find(|l| l.contains(words.as_str())))
            .map(|line| quote_of(line.trim()))
            .unwrap_or_default();
        results.push(Caught {
            quote,
            id: fixture.exercise.id.clone(),
            path: fixture.path.clone(),
            defect,
            said: judged.said,
        });
    }
    Ok(results)
}

/// The scratch copy for one fixture: a workspace of its own under
/// `lab-verify/` in the target folder, holding its chapter's exercise crate
/// with the wrong answer in place of the stub, and the chapter's suites; its
/// dependencies are the real stage crates. Files already equal are left
/// alone, so a verify run after another rebuilds only what changed.
fn scratch_copy(workspace: &Workspace, fixture: &Fixture<'_>) -> io::Result<Workspace> {
    let target = workspace.target_dir();
    let folder = fixture.chapter.folder();
    let root = target
        .join("lab-verify")
        .join(&folder)
        .join(&fixture.exercise.test)
        .join(fixture.mistake());
    fs::create_dir_all(&root)?;
    let crate_dir = Path::new("exercises").join(&folder);
    let manifest = fs::read_to_string(workspace.path("Cargo.toml"))?;
    let manifest = manifest::scratch_workspace(&manifest, workspace.root(), &crate_dir)
        .map_err(io::Error::other)?;
    write_if_changed(&root.join("Cargo.toml"), manifest.as_bytes())?;
    if let Ok(lock) = fs::read(workspace.path("Cargo.lock")) {
        // The workspace's versions; cargo then fits it to this copy.
        write_if_changed(&root.join("Cargo.lock"), &lock)?;
    }
    let stub = Path::new(&fixture.exercise.file);
    let crate_manifest = crate_dir.join("Cargo.toml");
    let own = [root.join(stub), root.join(&crate_manifest)];
    sync_tree(&workspace.path(&crate_dir), &root.join(&crate_dir), &own)?;
    let suites = Path::new("tests").join(&folder);
    sync_tree(&workspace.path(&suites), &root.join(&suites), &[])?;
    write_if_changed(&root.join(stub), fixture.text.as_bytes())?;
    // cargo names a workspace member's build after its name, its version
    // and its path in the workspace, which every copy of a chapter shares:
    // a version of its own keeps each copy's build apart from the others'.
    let text = fs::read_to_string(workspace.path(&crate_manifest))?;
    let tag = format!("{}-{}", fixture.exercise.test, fixture.mistake()).replace('_', "-");
    let text =
        manifest::with_version(&text, &format!("0.0.0-wrong.{tag}")).map_err(io::Error::other)?;
    write_if_changed(&root.join(&crate_manifest), text.as_bytes())?;
    Ok(Workspace::new(root).with_target_dir(target))
}

/// Makes `to` hold every file of `from` (recursively), writing only those
/// that differ; skips the `wrong/` folders and the files in `except`.
fn sync_tree(from: &Path, to: &Path, except: &[PathBuf]) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if name == WRONG_DIR {
            continue;
        }
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            sync_tree(&path, &to.join(&name), except)?;
        } else if !except.contains(&to.join(&name)) {
            write_if_changed(&to.join(&name), &fs::read(&path)?)?;
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` unless it holds them already (so its time
/// stamp, which cargo reads, changes only when its text does).
fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(path, bytes)
}

/// A line to quote, cut to a length that fits a terminal's two lines.
fn quote_of(line: &str) -> String {
    const MAX: usize = 160;
    if line.chars().count() <= MAX {
        return format!("“{line}”");
    }
    let cut: String = line.chars().take(MAX).collect();
    format!("“{cut}…”")
}
