//! The one error type of the lab: a message for the learner, what to do
//! next, and the exit code that goes with it.

use std::fmt;

/// Something went wrong; says what, and what to do about it.
///
/// Two kinds, told apart by the exit code: a *usage* error (the learner named
/// a chapter, exercise or demo that does not exist, or asked for something
/// that cannot be done the way they asked) exits with 2, like clap's own
/// argument errors; a *failure* (a tool is missing, a file could not be read)
/// exits with 1.
#[derive(Debug)]
pub struct LabError {
    /// One line: what went wrong.
    message: String,
    /// Further lines: the valid choices, and what to do next.
    help: Vec<String>,
    /// True for a usage error (exit code 2), false for a failure (1).
    usage: bool,
}

impl LabError {
    /// A usage error: the request cannot be met as asked (exit code 2).
    pub fn usage(message: impl Into<String>) -> Self {
        LabError {
            message: message.into(),
            help: Vec::new(),
            usage: true,
        }
    }

    /// A failure: the request was fine but could not be carried out (exit
    /// code 1).
    pub fn failure(message: impl Into<String>) -> Self {
        LabError {
            message: message.into(),
            help: Vec::new(),
            usage: false,
        }
    }

    /// Adds a line of help under the message.
    #[must_use]
    pub fn help(mut self, line: impl Into<String>) -> Self {
        self.help.push(line.into());
        self
    }

    /// The one-line message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The help lines, in order.
    pub fn help_lines(&self) -> &[String] {
        &self.help
    }

    /// The process exit code this error ends the program with: 2 for usage
    /// errors, 1 for failures.
    pub fn exit_code(&self) -> u8 {
        if self.usage { 2 } else { 1 }
    }
}

impl fmt::Display for LabError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        for line in &self.help {
            write!(f, "\n  {line}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LabError {}
