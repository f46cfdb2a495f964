//! `cargo lab check [CHAPTER] [--watch] [--verbose]`: run the exercise
//! suites, show the progress table and the next hint, remember the result.

use std::fs;
use std::process::ExitCode;
use std::time::Duration;

use crate::commands::{suite_excerpt, watch};
use crate::course::{Chapter, Course, Exercise};
use crate::error::LabError;
use crate::hints::HintLog;
use crate::output::{self, DIM, TITLE};
use crate::progress::{self, Progress, Row, Status};
use crate::workspace::{Ending, Limit, StubState, Workspace, seconds};

/// How many lines of a failing suite's output `--verbose` shows.
const EXCERPT_LINES: usize = 40;

/// How to check, as asked on the command line.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Check again on every save.
    pub watch: bool,
    /// Show what the tests said for each failing exercise.
    pub verbose: bool,
    /// How long each exercise's tests may run (compiling not counted).
    pub time_limit: Duration,
}

/// Runs the command.
pub fn run(
    workspace: &Workspace,
    course: &Course,
    chapter: Option<&str>,
    options: Options,
) -> Result<ExitCode, LabError> {
    let selected: Vec<(&Chapter, &Exercise)> = match chapter {
        Some(given) => {
            let chapter = course.find_chapter(given)?;
            chapter.exercises.iter().map(|ex| (chapter, ex)).collect()
        }
        None => course
            .exercises()
            .filter(|(chapter, _)| chapter.is_ready(workspace.root()))
            .collect(),
    };
    if selected.is_empty() {
        let what = match chapter.and_then(|c| course.find_chapter(c).ok()) {
            Some(chapter) => format!("Chapter {} has no exercises yet.", chapter.number),
            None => "There are no exercises yet.".to_owned(),
        };
        outln!("{what}");
        return Ok(ExitCode::SUCCESS);
    }
    if !options.watch {
        let code = check_once(workspace, &selected, chapter, options, None)?;
        return Ok(code.unwrap_or(ExitCode::FAILURE));
    }
    let changes = watch::Changes::watch(&workspace.path("exercises"))?;
    let saved = || changes.saved();
    loop {
        if check_once(workspace, &selected, chapter, options, Some(&saved))?.is_none() {
            // A save made this check stale (it may have been stuck in a
            // loop the save fixes): start again on the new code.
            outln!(
                "\n{}",
                output::styled(
                    TITLE,
                    "── a file changed; stopped this check, checking again ──"
                )
            );
            changes.settle()?;
            continue;
        }
        outln!(
            "\n{}",
            output::styled(
                DIM,
                "Watching exercises/: save a file to check again, Ctrl-C to stop."
            )
        );
        changes.wait()?;
        outln!(
            "\n{}",
            output::styled(TITLE, "── a file changed; checking again ──")
        );
    }
}

/// Checks the selected exercises once, prints the table and what to do
/// next, and records the result. `None` when `interrupt` said to stop
/// before the check was over: nothing is printed or recorded then.
fn check_once(
    workspace: &Workspace,
    selected: &[(&Chapter, &Exercise)],
    chapter: Option<&str>,
    options: Options,
    interrupt: Option<&dyn Fn() -> bool>,
) -> Result<Option<ExitCode>, LabError> {
    let verbose = options.verbose;
    errln!(
        "{}",
        output::styled(
            DIM,
            &format!(
                "Checking {} exercise{} (the first check compiles them, so it takes longer)…",
                selected.len(),
                if selected.len() == 1 { "" } else { "s" }
            )
        )
    );
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    let mut stuck = Vec::new();
    let mut checker = Checker::new(workspace, options.time_limit, interrupt);
    for (chapter, exercise) in selected {
        errln!(
            "{}",
            output::styled(DIM, &format!("  {} {}", exercise.id, exercise.name))
        );
        let Some(judged) = checker.judge(chapter, exercise)? else {
            return Ok(None);
        };
        if let Ending::TimedOut(limit) = judged.ending {
            errln!(
                "{}",
                output::styled(
                    output::BAD,
                    &format!("    stopped after {}", seconds(limit))
                )
            );
            stuck.push((*exercise, limit));
        }
        if judged.status == Status::Failing {
            failures.push((*exercise, judged.ending, judged.said));
        }
        rows.push(Row {
            id: exercise.id.clone(),
            name: exercise.name.clone(),
            status: judged.status,
        });
    }

    outln!();
    out!("{}", progress::render_table(&rows));

    for (exercise, limit) in &stuck {
        outln!(
            "\n{} {}",
            output::styled(output::BAD, &format!("{} {}:", exercise.id, exercise.name)),
            endless_loop(exercise, *limit)
        );
    }

    for broken in checker.broken() {
        outln!(
            "\n{} {}",
            output::styled(output::BAD, "The chapter does not build:"),
            broken.explain()
        );
    }

    // Tests that pass with code clippy rejects: say so even without
    // `--verbose`, or "failing" would send the learner to tests that pass.
    for (exercise, _, said) in failures.iter().filter(|(_, _, said)| is_lint(said)) {
        outln!(
            "\n{}\n{said}",
            output::styled(output::BAD, &format!("{} {}:", exercise.id, exercise.name))
        );
    }

    if verbose {
        for (exercise, ending, said) in &failures {
            if matches!(ending, Ending::TimedOut(_)) || is_lint(said) {
                continue; // said above
            }
            let heading = format!(
                "── {} {}: what the tests said ──",
                exercise.id, exercise.name
            );
            outln!("\n{}", output::styled(TITLE, &heading));
            outln!("{said}");
        }
    }

    // An exercise that was not checked waits for the one that breaks the
    // build, so point at that one first.
    let pending = |row: &&Row| row.status != Status::Done && row.status != Status::NotChecked;
    let next = selected
        .iter()
        .zip(&rows)
        .find(|(_, row)| pending(row))
        .or_else(|| {
            selected
                .iter()
                .zip(&rows)
                .find(|(_, row)| row.status != Status::Done)
        });
    let all_done = next.is_none();
    match next {
        Some(((exercise_chapter, exercise), row)) => {
            show_next(
                workspace,
                exercise_chapter,
                exercise,
                row.status,
                chapter,
                verbose,
            )?;
        }
        None => outln!(
            "\n{}",
            output::styled(output::GOOD, "All done here. On to the next chapter!")
        ),
    }

    let mut saved = Progress::load(workspace).unwrap_or_default();
    saved.merge(&rows);
    saved.save(workspace)?;

    Ok(Some(if all_done {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }))
}

/// What a check found about one exercise.
#[derive(Debug, Clone)]
pub(crate) struct Judgement {
    /// Where it stands.
    pub status: Status,
    /// What the learner reads about it with `--verbose`: the failed tests,
    /// the compiler's errors, or clippy's findings; empty when done.
    pub said: String,
    /// How its test run ended (a time-out is reported on its own).
    pub ending: Ending,
}

/// A file of a chapter's exercise crate that does not compile: no suite of
/// the chapter can run until it does.
#[derive(Debug, Clone)]
pub(crate) struct BuildBreak {
    /// The file, relative to the workspace root, as the compiler names it.
    pub file: String,
    /// The compiler's first error in it, with its place.
    pub first_error: String,
}

impl BuildBreak {
    /// One paragraph for the learner: which file, what error, what it means.
    pub fn explain(&self) -> String {
        format!(
            "{}\n  The exercises of a chapter are one crate, so the others were not checked: \
             fix {} first.",
            self.first_error, self.file
        )
    }
}

/// Judges exercises one at a time, remembering what holds for their whole
/// chapter: a file that breaks its build, and what clippy said about it.
pub(crate) struct Checker<'a> {
    workspace: &'a Workspace,
    time_limit: Duration,
    interrupt: Option<&'a dyn Fn() -> bool>,
    /// By exercise package: the file that breaks it, once seen.
    broken: Vec<(String, BuildBreak)>,
    /// By exercise package: clippy's errors on its library, once run.
    clippy: Vec<(String, Result<Vec<String>, String>)>,
}

impl<'a> Checker<'a> {
    /// A checker on `workspace` giving each suite `time_limit` to run.
    pub fn new(
        workspace: &'a Workspace,
        time_limit: Duration,
        interrupt: Option<&'a dyn Fn() -> bool>,
    ) -> Self {
        Checker {
            workspace,
            time_limit,
            interrupt,
            broken: Vec::new(),
            clippy: Vec::new(),
        }
    }

    /// The files found to break a chapter's build, in the order found.
    pub fn broken(&self) -> impl Iterator<Item = &BuildBreak> {
        self.broken.iter().map(|(_, broken)| broken)
    }

    /// Builds an exercise's tests (no time limit: compiling is not the
    /// learner's loop), runs them within the time limit, and for an
    /// exercise that passes and has `unsafe` code, runs clippy on it.
    /// `None` when `interrupt` stopped it.
    pub fn judge(
        &mut self,
        chapter: &Chapter,
        exercise: &Exercise,
    ) -> Result<Option<Judgement>, LabError> {
        let package = chapter.exercise_package();
        let workspace = self.workspace;
        if let Some((_, broken)) = self.broken.iter().find(|(p, _)| *p == package) {
            if broken.file != exercise.file {
                return Ok(Some(not_checked(broken)));
            }
        }
        let build = Limit {
            time: None,
            interrupt: self.interrupt,
        };
        let built = workspace.run_suite(&package, &exercise.test, &["--no-run"], build)?;
        if built.ending == Ending::Interrupted {
            return Ok(None);
        }
        if !built.passed {
            let crate_src = format!("exercises/{}/src/", chapter.folder());
            let errors = compile_errors(&built.stderr, workspace.root());
            if let Some((file, first_error)) =
                errors.iter().find(|(file, _)| file.starts_with(&crate_src))
            {
                let broken = BuildBreak {
                    file: file.clone(),
                    first_error: first_error.clone(),
                };
                let judged = if broken.file == exercise.file {
                    Judgement {
                        status: classify(workspace, chapter, exercise, false),
                        said: format!(
                            "    your code does not compile: {first_error}\n{}",
                            suite_excerpt(&built, EXCERPT_LINES)
                        ),
                        ending: built.ending,
                    }
                } else {
                    not_checked(&broken)
                };
                if !self.broken.iter().any(|(p, _)| *p == package) {
                    self.broken.push((package, broken));
                }
                return Ok(Some(judged));
            }
            return Ok(Some(Judgement {
                status: classify(workspace, chapter, exercise, false),
                said: suite_excerpt(&built, EXCERPT_LINES),
                ending: built.ending,
            }));
        }
        let limit = Limit {
            time: Some(self.time_limit),
            interrupt: self.interrupt,
        };
        let run = workspace.run_suite(&package, &exercise.test, &[], limit)?;
        if run.ending == Ending::Interrupted {
            return Ok(None);
        }
        if !run.passed {
            return Ok(Some(Judgement {
                status: classify(workspace, chapter, exercise, false),
                said: suite_excerpt(&run, EXCERPT_LINES),
                ending: run.ending,
            }));
        }
        let said = self.unsafe_without_safety(&package, exercise)?;
        Ok(Some(Judgement {
            status: if said.is_empty() {
                Status::Done
            } else {
                Status::Failing
            },
            said,
            ending: run.ending,
        }))
    }

    /// For an exercise whose file has `unsafe` code: clippy's errors in
    /// that file, said for the learner (empty when there are none). The
    /// exercise crates that have `unsafe` deny
    /// `clippy::undocumented_unsafe_blocks`, which only clippy checks: an
    /// `unsafe` block without a `// SAFETY:` comment is not done.
    fn unsafe_without_safety(
        &mut self,
        package: &str,
        exercise: &Exercise,
    ) -> Result<String, LabError> {
        let text = fs::read_to_string(self.workspace.path(&exercise.file)).unwrap_or_default();
        if !text.contains("unsafe") {
            return Ok(String::new());
        }
        if !self.clippy.iter().any(|(p, _)| p == package) {
            let found = run_clippy(self.workspace, package)?;
            self.clippy.push((package.to_owned(), found));
        }
        let found = self
            .clippy
            .iter()
            .find(|(p, _)| p == package)
            .map(|(_, found)| found);
        Ok(match found {
            Some(Ok(errors)) => {
                let mine: Vec<&String> = errors
                    .iter()
                    .filter(|line| line.starts_with(&format!("{}:", exercise.file)))
                    .collect();
                if mine.is_empty() {
                    String::new()
                } else {
                    let mut said = format!(
                        "{LINT_OPENING}: every `unsafe` block needs a `// SAFETY:` comment \
                         saying why it is sound (clippy::undocumented_unsafe_blocks; the crate \
                         denies it):"
                    );
                    for line in mine {
                        said.push_str(&format!("\n    {line}"));
                    }
                    said
                }
            }
            // Without clippy the comments cannot be checked: say so, and
            // judge by the tests alone.
            Some(Err(why)) => {
                errln!("{}", output::styled(DIM, &format!("    {why}")));
                String::new()
            }
            None => String::new(),
        })
    }
}

/// The opening of what a check says about tests that pass on code clippy
/// rejects.
const LINT_OPENING: &str = "    the tests pass, but clippy rejects the code";

/// Whether what a check said is clippy's rejection of code whose tests pass.
fn is_lint(said: &str) -> bool {
    said.starts_with(LINT_OPENING)
}

/// The judgement of an exercise that could not be checked because `broken`
/// breaks its chapter's build.
fn not_checked(broken: &BuildBreak) -> Judgement {
    Judgement {
        status: Status::NotChecked,
        said: format!(
            "    not checked: the chapter does not build: {}",
            broken.explain()
        ),
        ending: Ending::Exited,
    }
}

/// The compiler's errors in cargo's output, as `(file, "file:line:col:
/// message")`, in order; files relative to `root`.
pub(crate) fn compile_errors(stderr: &str, root: &std::path::Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut message: Option<&str> = None;
    for line in stderr.lines() {
        if let Some(rest) = line.strip_prefix("error") {
            // `error[E0425]: cannot find…` or `error: expected …`; not
            // cargo's own summary lines.
            let text = rest.split_once(": ").map_or(rest, |(_, text)| text);
            let summary = text.starts_with("could not compile")
                || text.starts_with("aborting due to")
                || rest.starts_with(": test failed");
            message = (!summary).then_some(text);
            continue;
        }
        if line.starts_with("warning") {
            // A warning's place is not an error's.
            message = None;
            continue;
        }
        let Some(place) = line.trim_start().strip_prefix("--> ") else {
            continue;
        };
        let Some(text) = message.take() else {
            continue;
        };
        let place = place.trim();
        let absolute = root.to_string_lossy();
        let place = place
            .strip_prefix(absolute.as_ref())
            .map_or(place, |rest| rest.trim_start_matches('/'));
        let place = place.strip_prefix("./").unwrap_or(place);
        let file = place.split(':').next().unwrap_or(place).to_owned();
        found.push((file, format!("{place}: {text}")));
    }
    found
}

/// Runs clippy on an exercise crate's library and returns its errors, one
/// line each (`file:line:col: error: message`); `Err` saying why when
/// clippy cannot be run.
fn run_clippy(
    workspace: &Workspace,
    package: &str,
) -> Result<Result<Vec<String>, String>, LabError> {
    errln!(
        "{}",
        output::styled(
            DIM,
            "    the tests pass; clippy checks the SAFETY comments…"
        )
    );
    let output = workspace
        .cargo()
        .args([
            "clippy",
            "--quiet",
            "-p",
            package,
            "--lib",
            "--message-format=short",
            "--",
            "-D",
            "clippy::undocumented_unsafe_blocks",
        ])
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|err| LabError::failure(format!("cannot run cargo: {err}")))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("no such command") || stderr.contains("is not installed") {
        return Ok(Err(
            "clippy is not installed, so `// SAFETY:` comments were not checked \
             (install it: `rustup component add clippy`)"
                .to_owned(),
        ));
    }
    Ok(Ok(stderr
        .lines()
        .filter(|line| line.contains(": error: ") || line.contains(": error["))
        .map(str::to_owned)
        .collect()))
}

/// What to say about an exercise whose tests ran past the time limit.
fn endless_loop(exercise: &Exercise, limit: Duration) -> String {
    let more = (limit.as_secs() * 2).max(120);
    format!(
        "your code did not finish within {} — an endless loop?\n  \
         The tests were stopped. Look in {} for a loop that never ends, or a \
         wait that nothing wakes.\n  \
         If it is only slow, give it more time: {}",
        seconds(limit),
        exercise.file,
        output::command(&format!("cargo lab check --time-limit {more}"))
    )
}

/// Done if the suite passed; otherwise not started if the stub is as
/// shipped, failing if the learner has changed it (committed or not).
fn classify(workspace: &Workspace, chapter: &Chapter, exercise: &Exercise, passed: bool) -> Status {
    if passed {
        return Status::Done;
    }
    let stub = chapter.exercise_paths(exercise).stub;
    match workspace.stub_state(&stub) {
        StubState::Untouched => Status::NotStarted,
        StubState::Edited => Status::Failing,
        // Without a blob id to compare with, a stub that still has its `todo!(` is
        // taken as untouched.
        StubState::Unknown => match fs::read_to_string(workspace.path(&stub)) {
            Ok(text) if text.contains("todo!(") => Status::NotStarted,
            _ => Status::Failing,
        },
    }
}

/// Prints the first exercise that is not done, its first hint, and the
/// commands that help further; records that hint as seen.
fn show_next(
    workspace: &Workspace,
    chapter: &Chapter,
    exercise: &Exercise,
    status: Status,
    chapter_given: Option<&str>,
    verbose: bool,
) -> Result<(), LabError> {
    let heading = format!("Next: {} `{}`", exercise.id, exercise.name);
    outln!("\n{}: {}", output::styled(TITLE, &heading), exercise.about);
    outln!("  edit {}", exercise.file);
    if let Some(first) = exercise.hints.first() {
        outln!("  hint 1 of {}: {first}", exercise.hints.len());
        let mut log = HintLog::load(workspace);
        log.mark_seen(&exercise.id, 1);
        log.save(workspace)?;
        if exercise.hints.len() > 1 {
            let more = format!("cargo lab hint {}", exercise.id);
            outln!("  more hints: {}", output::command(&more));
        }
    }
    if status == Status::Failing && !verbose {
        let scope = chapter_given.map_or_else(String::new, |_| format!(" {}", chapter.number));
        let why = format!("cargo lab check{scope} --verbose");
        outln!("  see what the tests say: {}", output::command(&why));
    }
    Ok(())
}
