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
use crate::workspace::{Ending, Limit, StubState, SuiteRun, Workspace, seconds};

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
    for (chapter, exercise) in selected {
        errln!(
            "{}",
            output::styled(DIM, &format!("  {} {}", exercise.id, exercise.name))
        );
        let Some(run) = run_exercise(workspace, chapter, exercise, options, interrupt)? else {
            return Ok(None);
        };
        if let Ending::TimedOut(limit) = run.ending {
            errln!(
                "{}",
                output::styled(
                    output::BAD,
                    &format!("    stopped after {}", seconds(limit))
                )
            );
            stuck.push((*exercise, limit));
        }
        let status = classify(workspace, chapter, exercise, run.passed);
        if status == Status::Failing {
            failures.push((*exercise, run));
        }
        rows.push(Row {
            id: exercise.id.clone(),
            name: exercise.name.clone(),
            status,
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

    if verbose {
        for (exercise, run) in &failures {
            if matches!(run.ending, Ending::TimedOut(_)) {
                continue; // said above
            }
            let heading = format!(
                "── {} {}: what the tests said ──",
                exercise.id, exercise.name
            );
            outln!("\n{}", output::styled(TITLE, &heading));
            outln!("{}", suite_excerpt(run, EXCERPT_LINES));
        }
    }

    let next = selected
        .iter()
        .zip(&rows)
        .find(|(_, row)| row.status != Status::Done);
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

/// Builds an exercise's tests (no time limit: compiling is not the
/// learner's loop), then runs them within the time limit. `None` when
/// `interrupt` stopped it.
fn run_exercise(
    workspace: &Workspace,
    chapter: &Chapter,
    exercise: &Exercise,
    options: Options,
    interrupt: Option<&dyn Fn() -> bool>,
) -> Result<Option<SuiteRun>, LabError> {
    let package = chapter.exercise_package();
    let build = Limit {
        time: None,
        interrupt,
    };
    let built = workspace.run_suite(&package, &exercise.test, &["--no-run"], build)?;
    let run = if built.passed {
        let limit = Limit {
            time: Some(options.time_limit),
            interrupt,
        };
        workspace.run_suite(&package, &exercise.test, &[], limit)?
    } else {
        built
    };
    Ok((run.ending != Ending::Interrupted).then_some(run))
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
