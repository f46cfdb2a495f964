//! How the lab looks: the few styles it uses, and the error printer.
//!
//! Everything is printed through `anstream`, which drops the colour codes
//! when the stream is not a terminal or `NO_COLOR` is set. So the rest of the
//! crate writes styled text freely and never asks whether colour is on.

use anstyle::{AnsiColor, Style};

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
    anstream::eprintln!("{red}error:{red:#} {}", error.message());
    for line in error.help_lines() {
        anstream::eprintln!("  {line}");
    }
}
