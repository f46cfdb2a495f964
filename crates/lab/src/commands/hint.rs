//! `cargo lab hint EXERCISE [--all]`: one more hint each time, or all.

use std::process::ExitCode;

use crate::course::Course;
use crate::error::LabError;
use crate::hints::HintLog;
use crate::output::{self, DIM, TITLE};
use crate::workspace::Workspace;

/// Runs the command.
pub fn run(
    workspace: &Workspace,
    course: &Course,
    given: &str,
    all: bool,
) -> Result<ExitCode, LabError> {
    let (chapter, exercise) = course.find_exercise(given)?;
    let heading = format!("{} `{}`", exercise.id, exercise.name);
    outln!("{}: {}", output::styled(TITLE, &heading), exercise.about);
    let total = exercise.hints.len();
    if total == 0 {
        outln!(
            "  this exercise has no hints; the header of {} explains the goal",
            exercise.file
        );
        return Ok(ExitCode::SUCCESS);
    }

    let mut log = HintLog::load(workspace);
    if all {
        for (index, hint) in exercise.hints.iter().enumerate() {
            outln!("  hint {} of {total}: {hint}", index + 1);
        }
        log.mark_seen(&exercise.id, total);
    } else if let Some(index) = log.next(&exercise.id, total) {
        outln!("  hint {} of {total}: {}", index + 1, exercise.hints[index]);
        let tip = if index + 1 < total {
            format!(
                "another: {}",
                output::command(&format!("cargo lab hint {}", exercise.id))
            )
        } else {
            format!(
                "that was the last hint; {} shows them all, and the book's chapter is book/src/{}",
                output::command(&format!("cargo lab hint {} --all", exercise.id)),
                chapter.book
            )
        };
        outln!("  {}", output::styled(DIM, &tip));
    }
    log.save(workspace)?;
    Ok(ExitCode::SUCCESS)
}
