//! One module per command; [`dispatch`] picks the one the learner asked
//! for.

mod bench;
mod book;
mod check;
mod demo;
mod failures;
mod hint;
mod reset;
mod stubs;
mod tour;
mod trace;
mod verify;
mod watch;
mod wrong;

use std::process::ExitCode;

use crate::cli::Command;
use crate::course::Course;
use crate::error::LabError;
use crate::workspace::{SuiteRun, Workspace};

pub use failures::rearranged as rearranged_failures;
pub use verify::{BiteRow, Outcome, render_bite_table};
pub use watch::Changes;
pub use wrong::wrong_answer;

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
        Some(Command::Bench {
            workloads,
            rounds,
            scaling,
            smoke,
            no_chart,
            cpu,
            runtimes,
        }) => {
            let options = bench::Options {
                workloads,
                rounds,
                scaling,
                smoke,
                no_chart,
                cpu,
                runtimes,
            };
            bench::run(workspace, &options)
        }
        Some(Command::Verify) => verify::run(workspace, &course()?),
        Some(Command::Stubs { write }) => stubs::run(workspace, &course()?, write),
        Some(Command::Trace {
            demo,
            json,
            out,
            book,
        }) => {
            let options = trace::Options {
                demo: demo.as_deref(),
                json,
                out: out.as_deref(),
                book,
            };
            trace::run(workspace, &course()?, &options)
        }
    }
}

/// The part of a failed suite's output worth reading: the test failures if
/// the tests ran to the end (every failed test named with its first lines
/// and its last panic, at most `max_lines` unless many tests failed; see
/// [`failures`]), else why the test process died (a stack overflow, an
/// abort, and the signal), else the compiler's errors, `max_lines` of them.
pub(crate) fn suite_excerpt(run: &SuiteRun, max_lines: usize) -> String {
    let mut excerpt: Vec<String> = crash_summary(&run.stderr).into_iter().collect();
    let lines = match run.stdout.find("\nfailures:\n") {
        Some(at) => failures::rearranged(&run.stdout[at + 1..], max_lines),
        None => {
            // No report of failures: either the test process died, whose
            // last words (the runtime's, on its stderr) come before cargo's
            // "error: test failed", or it did not compile. Start at the
            // first of those, skipping the warnings an unfinished stub
            // always has.
            let all: Vec<&str> = run.stderr.lines().collect();
            let first_cause = all.iter().position(|l| is_crash_cause(l));
            let first_error = all.iter().position(|l| l.starts_with("error"));
            let start = match (first_cause, first_error) {
                (Some(cause), Some(error)) => cause.min(error),
                (cause, error) => cause.or(error).unwrap_or(0),
            };
            failures::first_lines(&all[start..], max_lines)
        }
    };
    excerpt.extend(lines.iter().map(|l| format!("    {l}")));
    excerpt.join("\n")
}

/// A line the Rust runtime prints as a process dies: a stack overflow, a
/// fatal runtime error, a panic that cannot unwind, a failed allocation.
fn is_crash_cause(line: &str) -> bool {
    line.contains("has overflowed its stack")
        || line.starts_with("fatal runtime error")
        || line.starts_with("thread caused non-unwinding panic")
        || line.contains("panic in a function that cannot unwind")
        || (line.starts_with("memory allocation of") && line.contains("failed"))
}

/// One line saying that the test process was killed by a signal, and what
/// that usually means, when cargo reports one (`(signal: 6, SIGABRT: …)`).
fn crash_summary(stderr: &str) -> Option<String> {
    let at = stderr.find("(signal: ")?;
    let signal = stderr[at + 1..].split(')').next()?.trim();
    let name = signal
        .split([',', ':'])
        .map(str::trim)
        .find(|part| part.starts_with("SIG"))
        .unwrap_or(signal);
    let meaning = if stderr.contains("has overflowed its stack") {
        "a stack overflow, which usually means a recursion that never ends"
    } else if name == "SIGSEGV" || name == "SIGBUS" {
        "an invalid memory access"
    } else if name == "SIGKILL" {
        "killed from outside, perhaps for using too much memory"
    } else {
        "the process aborted; the lines below say why"
    };
    Some(format!("    the test process crashed ({name}): {meaning}"))
}
