//! `cargo lab book [--serve] [--check]`: build or serve the book with
//! mdBook, or check it without mdBook: its includes, captions, chapter
//! lengths and note names.

use std::io;
use std::path::Path;
use std::process::{Command, ExitCode};

use crate::book_check;
use crate::commands::demo::exit_code_of;
use crate::error::LabError;
use crate::output::{self, BAD, GOOD};
use crate::workspace::Workspace;

/// The mdBook release the book is written for.
const MDBOOK_INSTALL: &str = "cargo install --locked mdbook --version 0.5.4";

/// Runs the command.
pub fn run(workspace: &Workspace, serve: bool, check: bool) -> Result<ExitCode, LabError> {
    if check {
        let report = book_check::check_book(workspace.root(), Path::new("book"))?;
        if !report.problems.is_empty() {
            for problem in &report.problems {
                outln!("{problem}");
            }
            let summary = format!(
                "{} problem{} in the book",
                report.problems.len(),
                if report.problems.len() == 1 { "" } else { "s" }
            );
            outln!("\n{}", output::styled(BAD, &summary));
            return Ok(ExitCode::FAILURE);
        }
        let longest = report
            .words
            .iter()
            .max_by_key(|(_, words)| *words)
            .map(|(page, words)| {
                let name = page.file_name().unwrap_or_default().to_string_lossy();
                format!(
                    "; chapters within {} words of prose (longest: {name}, {words})",
                    book_check::MAX_PROSE_WORDS
                )
            })
            .unwrap_or_default();
        let summary = format!(
            "book: {} includes in {} pages, all resolve, every listing captioned{longest}; {} pictures, all drawable and shown",
            report.includes, report.pages, report.pictures
        );
        outln!("{}", output::styled(GOOD, &summary));
        if !serve {
            return Ok(ExitCode::SUCCESS);
        }
    }

    let args: &[&str] = if serve {
        &["serve", "book", "--open"]
    } else {
        &["build", "book"]
    };
    match Command::new("mdbook")
        .args(args)
        .current_dir(workspace.root())
        .status()
    {
        Ok(status) if status.success() && !serve => {
            outln!(
                "Built the book: open book/build/index.html in your browser, or run {} to serve it.",
                output::command("cargo lab book --serve")
            );
            Ok(ExitCode::SUCCESS)
        }
        Ok(status) => Ok(exit_code_of(status)),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Err(LabError::failure(
            "the book is built with mdBook, which is not installed",
        )
        .help(format!(
            "install it with `{MDBOOK_INSTALL}`, then run this again"
        ))
        .help("or read the markdown as it is: book/src/, starting from book/src/SUMMARY.md")),
        Err(err) => Err(LabError::failure(format!("could not run mdbook: {err}"))),
    }
}
