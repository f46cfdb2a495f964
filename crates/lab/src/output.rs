//! How the lab looks: the few styles it uses, and the error printer.
//!
//! Everything is printed through `anstream`, which drops the colour codes
//! when the stream is not a terminal or `NO_COLOR` is set. So the rest of the
//! crate writes styled text freely and never asks whether colour is on.
//!
//! Printing goes through this module's macros, `out!`, `outln!` and
//! `errln!`, never `println!` or anstream's, which panic when a write
//! fails. Output to a closed pipe (`cargo lab hint 1.1 | head -1`) ends the
//! program quietly, as a shell tool ended by SIGPIPE does; any other failure
//! to write stdout (a full disk) ends it with a one-line error. What goes to
//! stderr is progress and errors: if even that cannot be written, it is
//! dropped.

use std::fmt;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

/// Prints to stdout like `print!`, without panicking: see
/// [`write_stdout`].
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::output::write_stdout(format_args!($($arg)*))
    };
}

/// Prints a line to stdout like `println!`, without panicking: see
/// [`write_stdout`].
macro_rules! outln {
    () => {
        $crate::output::write_stdout(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::output::write_stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// Prints a line to stderr like `eprintln!`, without panicking: see
/// [`write_stderr`].
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::output::write_stderr(format_args!("{}\n", format_args!($($arg)*)))
    };
}

use crate::error::LabError;

/// Headings and the names of things.
pub const TITLE: Style = Style::new().bold();
/// A command the learner can type.
pub const COMMAND: Style = AnsiColor::Cyan.on_default();
/// Done, passing, present.
pub const GOOD: Style = AnsiColor::Green.on_default();
/// Failing, missing, wrong.
pub const BAD: Style = AnsiColor::Red.on_default();
/// Not started yet, planned, waiting.
pub const PENDING: Style = AnsiColor::Yellow.on_default();
/// Secondary information.
pub const DIM: Style = Style::new().dimmed();

/// Formats a command the learner can type: in backticks (so it still reads
/// as a command without colour) and coloured.
pub fn command(text: &str) -> String {
    format!("`{COMMAND}{text}{COMMAND:#}`")
}

/// Wraps `text` in `style`.
pub fn styled(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

/// Prints an error and its help lines to stderr.
pub fn print_error(error: &LabError) {
    let red = Style::new().bold().fg_color(Some(AnsiColor::Red.into()));
    errln!("{red}error:{red:#} {}", error.message());
    for line in error.help_lines() {
        errln!("  {line}");
    }
}

/// The exit status after stdout was closed under us: 128 + SIGPIPE (13),
/// what a shell reports for a tool that SIGPIPE ended (`yes | head -1`).
pub const BROKEN_PIPE_EXIT: i32 = 141;

/// Writes to stdout, ending the program if that fails (see
/// [`stdout_failed`]). Used by `out!` and `outln!`.
pub fn write_stdout(args: fmt::Arguments<'_>) {
    if let Err(err) = anstream::stdout().write_fmt(args) {
        stdout_failed(&err);
    }
}

/// Writes to stderr; a failure is ignored (there is nowhere left to say
/// it). Used by `errln!`.
pub fn write_stderr(args: fmt::Arguments<'_>) {
    let _ = anstream::stderr().write_fmt(args);
}

/// Flushes stdout at the end of the program, so a failure to write its last
/// bytes is reported too.
pub fn flush_stdout() {
    if let Err(err) = io::stdout().flush() {
        stdout_failed(&err);
    }
}

/// Ends the program after a failed write to stdout: quietly with
/// [`BROKEN_PIPE_EXIT`] when the reader has gone (a closed pipe), else with
/// a one-line error and exit code 1.
pub fn stdout_failed(err: &io::Error) -> ! {
    if err.kind() == io::ErrorKind::BrokenPipe {
        std::process::exit(BROKEN_PIPE_EXIT);
    }
    let red = Style::new().bold().fg_color(Some(AnsiColor::Red.into()));
    write_stderr(format_args!(
        "{red}error:{red:#} cannot write the output: {err}\n"
    ));
    std::process::exit(1);
}
