//! `cargo lab demo [CHAPTER] [NAME]`: run the headline demo, list a
//! chapter's demos, or run one.

use std::process::ExitCode;

use crate::course::{Chapter, Course, Demo};
use crate::error::LabError;
use crate::output::{self, DIM, TITLE};
use crate::workspace::Workspace;

/// Runs the command.
pub fn run(
    workspace: &Workspace,
    course: &Course,
    chapter: Option<&str>,
    name: Option<&str>,
) -> Result<ExitCode, LabError> {
    match (chapter, name) {
        (None, _) => {
            let headline = &course.headline;
            let chapter = course.chapter_by_number(headline.chapter).ok_or_else(|| {
                LabError::failure(format!(
                    "the headline demo's chapter {} is not in the course",
                    headline.chapter
                ))
                .help("list a chapter's demos instead: `cargo lab demo 1`")
            })?;
            let demo = chapter.find_demo(&headline.demo).map_err(|_| {
                LabError::failure(format!(
                    "the headline demo `{}` is not listed in course.toml yet",
                    headline.demo
                ))
                .help(format!(
                    "list chapter {}'s demos: `cargo lab demo {}`",
                    chapter.number, chapter.number
                ))
            })?;
            run_demo(workspace, chapter, demo)
        }
        (Some(chapter), None) => {
            let chapter = course.find_chapter(chapter)?;
            out!("{}", list(workspace, chapter));
            Ok(ExitCode::SUCCESS)
        }
        (Some(chapter), Some(name)) => {
            let chapter = course.find_chapter(chapter)?;
            let demo = chapter.find_demo(name)?;
            run_demo(workspace, chapter, demo)
        }
    }
}

/// The list of a chapter's demos, with what each shows.
fn list(workspace: &Workspace, chapter: &Chapter) -> String {
    let heading = format!("Chapter {}: {}", chapter.number, chapter.title);
    let mut out = format!("{}\n", output::styled(TITLE, &heading));
    if chapter.demos.is_empty() {
        let state = if chapter.is_ready(workspace.root()) {
            "no demos yet"
        } else {
            "planned: no demos yet"
        };
        out.push_str(&format!("  {state}\n"));
        return out;
    }
    let width = chapter
        .demos
        .iter()
        .map(|d| d.name.len())
        .max()
        .unwrap_or(0);
    for demo in &chapter.demos {
        out.push_str(&format!("  {:<width$}  {}\n", demo.name, demo.about));
    }
    let example = format!(
        "cargo lab demo {} {}",
        chapter.number, chapter.demos[0].name
    );
    out.push_str(&format!("\nRun one: {}\n", output::command(&example)));
    out
}

/// Runs a demo with `cargo run`, its output streaming to the terminal; ends
/// with the demo's own exit code.
fn run_demo(workspace: &Workspace, chapter: &Chapter, demo: &Demo) -> Result<ExitCode, LabError> {
    if !chapter.is_ready(workspace.root()) {
        let why = if chapter.planned {
            "its page and demos are still being written".to_owned()
        } else {
            format!("{} does not exist yet", chapter.crate_dir().display())
        };
        return Err(
            LabError::failure(format!("chapter {} is planned: {why}", chapter.number)).help(
                "its demos arrive with the chapter; `cargo lab` shows which chapters are ready",
            ),
        );
    }
    let args = demo.cargo_run_args();
    let banner = format!(
        "chapter {} · {}: {}\n({}, run by: cargo {})",
        chapter.number,
        demo.name,
        demo.about,
        chapter.demo_file(demo).display(),
        args.join(" ")
    );
    errln!("{}", output::styled(DIM, &banner));
    let status = workspace.run_cargo_streaming(&args)?;
    Ok(exit_code_of(status))
}

/// The exit code to pass on from a child process (1 if it was killed by a
/// signal).
pub(crate) fn exit_code_of(status: std::process::ExitStatus) -> ExitCode {
    match status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        None => ExitCode::FAILURE,
    }
}
