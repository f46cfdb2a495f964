//! `cargo lab`: the learner's command line for *Rebuilding asyncio in
//! Rust*.
//!
//! The course is Python's asyncio rebuilt from nothing, one stage crate per
//! chapter. This crate is the guide around it: a tour of the chapters and the
//! learner's progress, the demos, the exercise checks and their hints, the
//! book, and (for maintainers) the proof that every exercise's tests bite.
//!
//! Everything it knows about the course comes from one data file,
//! `crates/lab/course.toml` ([`course`]), and the stubs as shipped from
//! one generated file, `crates/lab/stubs.toml` ([`stubs`]); everything it knows about the
//! learner is in `.lab/` at the workspace root ([`progress`], [`hints`],
//! and the backups of `cargo lab reset`), which `cargo clean` leaves alone. The binary is a thin
//! `main` over [`run`].
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

// First, so its printing macros (`out!`, `outln!`, `errln!`) are in scope
// in every module after it.
#[macro_use]
pub mod output;

pub mod book_check;
pub mod cli;
pub mod commands;
pub mod course;
pub mod error;
pub mod hints;
pub mod manifest;
pub mod progress;
pub mod stubs;
pub mod toml_subset;
pub mod validate;
pub mod workspace;

use std::ffi::OsString;
use std::process::ExitCode;

use crate::cli::Cli;
use crate::workspace::Workspace;

/// Parses `args` (the program name first) and runs the command; returns the
/// exit code: 0 on success, 1 when a check fails or something could not be
/// done, 2 for a usage error (an unknown chapter, exercise or demo, or bad
/// arguments).
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    if args.get(1).is_some_and(|first| first == workspace::GUARD) {
        return workspace::run_guard(args.into_iter().skip(2));
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help and version too, and knows their exit code (0).
            if let Err(failed) = err.print() {
                if !err.use_stderr() {
                    output::stdout_failed(&failed);
                }
            }
            output::flush_stdout();
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        }
    };
    let workspace = cli.root.map_or_else(Workspace::from_build, Workspace::new);
    let code = match commands::dispatch(&workspace, cli.command) {
        Ok(code) => code,
        Err(err) => {
            output::print_error(&err);
            ExitCode::from(err.exit_code())
        }
    };
    output::flush_stdout();
    code
}
