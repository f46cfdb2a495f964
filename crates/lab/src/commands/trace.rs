//! `cargo lab trace DEMO`: a demo's loop, turn by turn, in the terminal; or
//! its trace export (JSON), which the book's viewer plays.
//!
//! The lab does not link the stages (its cold build stays small): it runs
//! the demo's example with `AIO_TRACE` set, and the example prints its own
//! turns (`AIO_TRACE=turns`) or its export (`AIO_TRACE=json`), through
//! `aio_executor::trace::export`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};

use crate::course::{Course, Demo};
use crate::error::LabError;
use crate::workspace::Workspace;

/// Where the book's trace exports live, one `DEMO.json` each (and a
/// `DEMO.twin.json` for a demo with a Python twin).
pub const TRACES_DIR: &str = "book/src/generated/traces";

/// The script that records a Python twin's turns.
const TWIN_TRACER: &str = "python/twins/turns.py";

/// What `cargo lab trace` was asked to do.
#[derive(Debug)]
pub struct Options<'a> {
    /// The demo, by name; `None` with `book`.
    pub demo: Option<&'a str>,
    /// Print (or write) the JSON export instead of stepping.
    pub json: bool,
    /// Where to write the export (with `json`).
    pub out: Option<&'a Path>,
    /// Regenerate every export in [`TRACES_DIR`].
    pub book: bool,
}

/// Runs the command.
pub fn run(
    workspace: &Workspace,
    course: &Course,
    options: &Options<'_>,
) -> Result<ExitCode, LabError> {
    if options.book {
        return regenerate_book(workspace, course);
    }
    let Some(name) = options.demo else {
        return Err(
            LabError::usage("name a demo: `cargo lab trace count_timers`")
                .help("`cargo lab demo CHAPTER` lists a chapter's demos"),
        );
    };
    let demo = find(course, name)?;
    if !options.json {
        // The example steps through its turns itself, on the terminal.
        let status = workspace
            .cargo()
            .args(demo.cargo_run_args())
            .env("AIO_TRACE", "turns")
            .status()
            .map_err(|err| LabError::failure(format!("cannot run cargo: {err}")))?;
        return Ok(super::demo::exit_code_of(status));
    }
    let json = export(workspace, demo)?;
    match options.out {
        Some(path) => {
            fs::write(path, &json).map_err(|err| {
                LabError::failure(format!("cannot write {}: {err}", path.display()))
            })?;
            errln!("wrote {}", path.display());
        }
        None => out!("{json}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// The demo called `name`, in whichever chapter.
fn find<'c>(course: &'c Course, name: &str) -> Result<&'c Demo, LabError> {
    course
        .chapters
        .iter()
        .find_map(|c| c.demos.iter().find(|d| d.name == name))
        .ok_or_else(|| {
            LabError::usage(format!("no demo is called `{name}`"))
                .help("`cargo lab demo CHAPTER` lists a chapter's demos")
        })
}

/// Runs the example with `AIO_TRACE=json` and returns what it printed.
fn export(workspace: &Workspace, demo: &Demo) -> Result<String, LabError> {
    let output = workspace
        .cargo()
        .args(demo.cargo_run_args())
        .env("AIO_TRACE", "json")
        .stderr(Stdio::inherit())
        .output()
        .map_err(|err| LabError::failure(format!("cannot run cargo: {err}")))?;
    let json = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() || !json.starts_with('{') {
        return Err(LabError::failure(format!(
            "the `{}` example printed no trace export",
            demo.name
        ))
        .help("its main must call `Export::present_if_asked` (see aio_executor::trace::export)"));
    }
    Ok(json)
}

/// Writes every export the book has anew, and the Python twins' turns
/// where python3 is here.
fn regenerate_book(workspace: &Workspace, course: &Course) -> Result<ExitCode, LabError> {
    let dir = workspace.path(TRACES_DIR);
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map_err(|err| LabError::failure(format!("cannot read {}: {err}", dir.display())))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|file| {
            let stem = file.strip_suffix(".json")?;
            (!stem.ends_with(".twin")).then(|| stem.to_owned())
        })
        .collect();
    names.sort();
    for name in &names {
        let demo = find(course, name)?;
        let path = dir.join(format!("{name}.json"));
        fs::write(&path, export(workspace, demo)?)
            .map_err(|err| LabError::failure(format!("cannot write {}: {err}", path.display())))?;
        errln!("wrote {}", path.display());
        let twin = dir.join(format!("{name}.twin.json"));
        if twin.exists() {
            write_twin(workspace, name, &twin)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Records the Python twin `python/twins/NAME.py` turn by turn.
fn write_twin(workspace: &Workspace, name: &str, to: &PathBuf) -> Result<(), LabError> {
    let output = std::process::Command::new("python3")
        .current_dir(workspace.root())
        .args([TWIN_TRACER, &format!("python/twins/{name}.py")])
        .stderr(Stdio::inherit())
        .output();
    match output {
        Ok(output) if output.status.success() => {
            fs::write(to, &output.stdout).map_err(|err| {
                LabError::failure(format!("cannot write {}: {err}", to.display()))
            })?;
            errln!("wrote {}", to.display());
        }
        _ => errln!("kept {}: python3 could not record the twin", to.display()),
    }
    Ok(())
}
