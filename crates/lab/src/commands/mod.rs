//! One module per command; [`dispatch`] picks the one the learner asked
//! for.

mod book;
mod check;
mod demo;
mod hint;
mod reset;
mod tour;
mod verify;
mod watch;

use std::process::ExitCode;

use crate::cli::Command;
use crate::course::Course;
use crate::error::LabError;
use crate::workspace::{SuiteRun, Workspace};

pub use verify::{BiteRow, Outcome, render_bite_table};

/// Runs one command (or the tour, for none) on a workspace.
pub fn dispatch(workspace: &Workspace, command: Option<Command>) -> Result<ExitCode, LabError> {
    // Read the course only for the commands that need it: the book does
    // not, so it works even while course.toml is broken.
    let course = || Course::load(workspace.root());
    match command {
        None => tour::run(workspace, &course()?),
        Some(Command::Demo { chapter, name }) => {
            demo::run(workspace, &course()?, chapter.as_deref(), name.as_deref())
        }
        Some(Command::Check {
            chapter,
            watch,
            verbose,
            time_limit,
        }) => {
            let options = check::Options {
                watch,
                verbose,
                time_limit: crate::workspace::time_limit(time_limit)?,
            };
            check::run(workspace, &course()?, chapter.as_deref(), options)
        }
        Some(Command::Hint { exercise, all }) => hint::run(workspace, &course()?, &exercise, all),
        Some(Command::Reset {
            exercise,
            yes,
            list,
        }) => reset::run(workspace, &course()?, exercise.as_deref(), yes, list),
        Some(Command::Book { serve, check }) => book::run(workspace, serve, check),
        Some(Command::Verify) => verify::run(workspace, &course()?),
    }
}

/// The part of a failed suite's output worth reading, at most `max_lines`
/// long: the test failures if the tests ran, else the compiler's errors.
pub(crate) fn suite_excerpt(run: &SuiteRun, max_lines: usize) -> String {
    let lines: Vec<&str> = match run.stdout.find("\nfailures:\n") {
        Some(at) => run.stdout[at + 1..].lines().collect(),
        None => {
            // No test ran, so it did not compile: start at the first error,
            // skipping the warnings an unfinished stub always has.
            let all: Vec<&str> = run.stderr.lines().collect();
            let first_error = all.iter().position(|l| l.starts_with("error")).unwrap_or(0);
            all[first_error..].to_vec()
        }
    };
    let lines: Vec<&str> = {
        let start = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
        let end = lines
            .iter()
            .rposition(|l| !l.trim().is_empty())
            .map_or(start, |i| i + 1);
        lines[start..end.max(start)].to_vec()
    };
    let mut excerpt: Vec<String> = lines
        .iter()
        .take(max_lines)
        .map(|l| format!("    {l}"))
        .collect();
    if lines.len() > max_lines {
        excerpt.push(format!("    … ({} more lines)", lines.len() - max_lines));
    }
    excerpt.join("\n")
}
