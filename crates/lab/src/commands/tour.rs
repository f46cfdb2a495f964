//! `cargo lab` with no command: what this is, the chapters, the learner's
//! progress and what to do next.

use std::fmt::Write as _;
use std::process::ExitCode;

use crate::course::{Chapter, Course, Exercise};
use crate::error::LabError;
use crate::output::{self, DIM, GOOD, PENDING, TITLE};
use crate::progress::{Progress, Status};
use crate::workspace::Workspace;

/// Prints the tour.
pub fn run(workspace: &Workspace, course: &Course) -> Result<ExitCode, LabError> {
    let progress = Progress::load(workspace);
    out!("{}", render(workspace, course, progress.as_ref()));
    Ok(ExitCode::SUCCESS)
}

/// The tour's text, styled.
fn render(workspace: &Workspace, course: &Course, progress: Option<&Progress>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        output::styled(TITLE, "Rebuilding asyncio in Rust")
    );
    let _ = writeln!(
        out,
        "  Python's asyncio, rebuilt from nothing in Rust, one stage at a time.\n  \
         Each chapter is a crate under crates/ that builds on the one before, with\n  \
         demos to run and exercises to complete; the book explains every step."
    );

    let _ = writeln!(out, "\n{}", output::styled(TITLE, "Chapters"));
    let title_width = course
        .chapters
        .iter()
        .map(|c| c.title.chars().count())
        .max()
        .unwrap_or(0);
    for chapter in &course.chapters {
        let state = if chapter.is_ready(workspace.root()) {
            output::styled(GOOD, "ready")
        } else {
            output::styled(PENDING, "planned")
        };
        let mut line = format!(
            "  {:>2}  {:<title_width$}  {state}",
            chapter.number, chapter.title
        );
        let contents = contents(chapter);
        if !contents.is_empty() {
            // `ready` is two letters shorter than `planned`.
            let pad = if chapter.is_ready(workspace.root()) {
                "  "
            } else {
                ""
            };
            line.push_str(&format!("{pad}  {}", output::styled(DIM, &contents)));
        }
        let _ = writeln!(out, "{line}");
    }

    let ready: Vec<(&Chapter, &Exercise)> = course
        .exercises()
        .filter(|(chapter, _)| chapter.is_ready(workspace.root()))
        .collect();

    let _ = writeln!(out, "\n{}", output::styled(TITLE, "Your progress"));
    let _ = match progress {
        None => writeln!(
            out,
            "  not checked yet — run {}",
            output::command("cargo lab check")
        ),
        Some(progress) => {
            let count = |wanted: Status| {
                ready
                    .iter()
                    .filter(|(_, ex)| progress.status_of(&ex.id) == Some(wanted))
                    .count()
            };
            let checked = count(Status::Done) + count(Status::Failing) + count(Status::NotStarted);
            let unchecked = match ready.len() - checked {
                0 => String::new(),
                n => format!(", {n} not checked yet"),
            };
            writeln!(
                out,
                "  {} of {} exercises done at the last check ({} failing, {} not started{unchecked})",
                count(Status::Done),
                ready.len(),
                count(Status::Failing),
                count(Status::NotStarted),
            )
        }
    };

    let _ = writeln!(out, "\n{}", output::styled(TITLE, "What to do next"));
    let next = ready
        .iter()
        .find(|(_, ex)| progress.and_then(|p| p.status_of(&ex.id)) != Some(Status::Done));
    let _ = match next {
        Some((chapter, exercise)) => writeln!(
            out,
            "  exercise {} `{}`: {}\n    edit {}, then run {}",
            exercise.id,
            exercise.name,
            exercise.about,
            exercise.file,
            output::command(&format!("cargo lab check {}", chapter.number))
        ),
        None if ready.is_empty() => {
            writeln!(out, "  no exercises yet: read the book and run the demos")
        }
        None => writeln!(out, "  every exercise is done; well played"),
    };
    if let Some((chapter, demo)) = course
        .chapter_by_number(course.headline.chapter)
        .and_then(|c| Some((c, c.find_demo(&course.headline.demo).ok()?)))
    {
        let _ = writeln!(
            out,
            "  see it run: {} (chapter {}, {}: {})",
            output::command("cargo lab demo"),
            chapter.number,
            demo.name,
            demo.about
        );
    }
    let _ = writeln!(
        out,
        "  read the book: {}",
        output::command("cargo lab book")
    );
    let _ = writeln!(
        out,
        "\n{}",
        output::styled(
            DIM,
            "Commands: demo, check, hint, reset, book. `cargo lab help` says more."
        )
    );
    out
}

/// "2 demos, 3 exercises", or nothing for an empty chapter.
fn contents(chapter: &Chapter) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    if !chapter.demos.is_empty() {
        parts.push(plural(chapter.demos.len(), "demo"));
    }
    if !chapter.exercises.is_empty() {
        parts.push(plural(chapter.exercises.len(), "exercise"));
    }
    parts.join(", ")
}
