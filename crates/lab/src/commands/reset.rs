//! `cargo lab reset EXERCISE [--yes]`: restore a stub from the last commit,
//! after saying what that discards.

use std::fs;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::{ExitCode, Stdio};

use crate::course::Course;
use crate::error::LabError;
use crate::output::{self, GOOD, TITLE};
use crate::workspace::{StubState, Workspace};

/// Runs the command.
pub fn run(
    workspace: &Workspace,
    course: &Course,
    given: &str,
    yes: bool,
) -> Result<ExitCode, LabError> {
    let (_, exercise) = course.find_exercise(given)?;
    workspace.require_git("`cargo lab reset`")?;
    let file = Path::new(&exercise.file);
    let heading = format!("{} `{}`", exercise.id, exercise.name);

    match workspace.stub_state(file) {
        StubState::Untouched => {
            anstream::println!(
                "{}: {} is already the original stub; nothing to reset.",
                output::styled(TITLE, &heading),
                file.display()
            );
            return Ok(ExitCode::SUCCESS);
        }
        StubState::Unknown => {
            return Err(LabError::failure(format!(
                "git cannot compare {} with the last commit",
                file.display()
            ))
            .help("`cargo lab reset` works in a git clone of the course; is this one?"));
        }
        StubState::Edited => {}
    }

    anstream::println!(
        "{}: this discards your changes to {}:",
        output::styled(TITLE, &heading),
        file.display()
    );
    // Show the size of what is lost, as git sees it (`1 file changed, ...`).
    let _ = workspace
        .git()
        .args(["--no-pager", "diff", "--stat", "HEAD", "--"])
        .arg(file)
        .stdin(Stdio::null())
        .status();

    if !yes {
        if !io::stdin().is_terminal() {
            return Err(LabError::usage(
                "not resetting: I cannot ask for confirmation because input is not a terminal",
            )
            .help(format!(
                "to discard your changes anyway, run `cargo lab reset {} --yes`",
                exercise.id
            )));
        }
        if !confirm("Discard them?")? {
            anstream::println!("Nothing changed.");
            return Ok(ExitCode::SUCCESS);
        }
    }

    let backup = keep_a_copy(workspace, file, &exercise.id, &exercise.name)?;
    let status = workspace
        .git()
        .args(["checkout", "HEAD", "--"])
        .arg(file)
        .stdin(Stdio::null())
        .status()
        .map_err(|err| LabError::failure(format!("could not run git: {err}")))?;
    if !status.success() {
        return Err(LabError::failure(format!(
            "git could not restore {}",
            file.display()
        )));
    }
    anstream::println!(
        "{} {} is the original stub again.",
        output::styled(GOOD, "Reset:"),
        file.display()
    );
    if let Some(backup) = backup {
        anstream::println!("Your version is kept in {}.", backup.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Asks a yes/no question on the terminal; no is the default.
fn confirm(question: &str) -> Result<bool, LabError> {
    print!("{question} [y/N] ");
    io::stdout()
        .flush()
        .map_err(|err| LabError::failure(format!("cannot write to the terminal: {err}")))?;
    let mut answer = String::new();
    io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|err| LabError::failure(format!("cannot read the answer: {err}")))?;
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

/// Copies the learner's version to `target/lab/reset/` before it is
/// discarded; `None` if there is nothing to copy (they deleted the file).
fn keep_a_copy(
    workspace: &Workspace,
    file: &Path,
    id: &str,
    name: &str,
) -> Result<Option<std::path::PathBuf>, LabError> {
    let source = workspace.path(file);
    if !source.is_file() {
        return Ok(None);
    }
    let dir = Path::new("target").join("lab").join("reset");
    let copy = dir.join(format!("{id}-{name}.rs"));
    fs::create_dir_all(workspace.path(&dir))
        .and_then(|()| fs::copy(&source, workspace.path(&copy)))
        .map_err(|err| {
            LabError::failure(format!("cannot keep a copy of your version: {err}"))
                .help("nothing was reset")
        })?;
    Ok(Some(copy))
}
