//! `cargo lab check [CHAPTER] [--watch] [--verbose]`: run the exercise
//! suites, show the progress table and the next hint, remember the result.

use std::fs;
use std::process::ExitCode;

use crate::commands::{suite_excerpt, watch};
use crate::course::{Chapter, Course, Exercise};
use crate::error::LabError;
use crate::hints::HintLog;
use crate::output::{self, DIM, TITLE};
use crate::progress::{self, Progress, Row, Status};
use crate::workspace::{StubState, Workspace};

/// How many lines of a failing suite's output `--verbose` shows.
const EXCERPT_LINES: usize = 40;

/// Runs the command.
pub fn run(
    workspace: &Workspace,
    course: &Course,
    chapter: Option<&str>,
    watch_mode: bool,
    verbose: bool,
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
        anstream::println!("{what}");
        return Ok(ExitCode::SUCCESS);
    }
    if !watch_mode {
        return check_once(workspace, &selected, chapter, verbose);
    }
    let changes = watch::Changes::watch(&workspace.path("exercises"))?;
    loop {
        check_once(workspace, &selected, chapter, verbose)?;
        anstream::println!(
            "\n{}",
            output::styled(
                DIM,
                "Watching exercises/: save a file to check again, Ctrl-C to stop."
            )
        );
        changes.wait()?;
        anstream::println!(
            "\n{}",
            output::styled(TITLE, "── a file changed; checking again ──")
        );
    }
}

/// Checks the selected exercises once, prints the table and what to do
/// next, and records the result.
fn check_once(
    workspace: &Workspace,
    selected: &[(&Chapter, &Exercise)],
    chapter: Option<&str>,
    verbose: bool,
) -> Result<ExitCode, LabError> {
    anstream::eprintln!(
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
    for (chapter, exercise) in selected {
        anstream::eprintln!(
            "{}",
            output::styled(DIM, &format!("  {} {}", exercise.id, exercise.name))
        );
        let run = workspace.run_suite(&chapter.exercise_package(), &exercise.test, &[])?;
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

    anstream::println!();
    anstream::print!("{}", progress::render_table(&rows));

    if verbose {
        for (exercise, run) in &failures {
            let heading = format!(
                "── {} {}: what the tests said ──",
                exercise.id, exercise.name
            );
            anstream::println!("\n{}", output::styled(TITLE, &heading));
            anstream::println!("{}", suite_excerpt(run, EXCERPT_LINES));
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
        None => anstream::println!(
            "\n{}",
            output::styled(output::GOOD, "All done here. On to the next chapter!")
        ),
    }

    let mut saved = Progress::load(workspace).unwrap_or_default();
    saved.merge(&rows);
    saved.save(workspace)?;

    Ok(if all_done {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Done if the suite passed; otherwise not started if the stub is as it was
/// committed, failing if the learner has changed it.
fn classify(workspace: &Workspace, chapter: &Chapter, exercise: &Exercise, passed: bool) -> Status {
    if passed {
        return Status::Done;
    }
    let stub = chapter.exercise_paths(exercise).stub;
    match workspace.stub_state(&stub) {
        StubState::Untouched => Status::NotStarted,
        StubState::Edited => Status::Failing,
        // Without git, a stub that still has its `todo!(` is taken as
        // untouched.
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
    anstream::println!("\n{}: {}", output::styled(TITLE, &heading), exercise.about);
    anstream::println!("  edit {}", exercise.file);
    if let Some(first) = exercise.hints.first() {
        anstream::println!("  hint 1 of {}: {first}", exercise.hints.len());
        let mut log = HintLog::load(workspace);
        log.mark_seen(&exercise.id, 1);
        log.save(workspace)?;
        if exercise.hints.len() > 1 {
            let more = format!("cargo lab hint {}", exercise.id);
            anstream::println!("  more hints: {}", output::command(&more));
        }
    }
    if status == Status::Failing && !verbose {
        let scope = chapter_given.map_or_else(String::new, |_| format!(" {}", chapter.number));
        let why = format!("cargo lab check{scope} --verbose");
        anstream::println!("  see what the tests say: {}", output::command(&why));
    }
    Ok(())
}
