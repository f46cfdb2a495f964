//! `cargo lab bench [WORKLOAD…] [--rounds R] [--scaling]`: our runtime next
//! to tokio, smol and CPython's asyncio.
//!
//! The benchmarks live in their own crate, bench/ (package `aio-bench`),
//! which depends on tokio and smol. The lab only runs it with cargo, so the
//! lab itself, and the learner's `cargo test`, never compile either.

use std::process::ExitCode;

use crate::commands::demo::exit_code_of;
use crate::error::LabError;
use crate::output;
use crate::workspace::Workspace;

/// What the learner asked for, passed on to the bench binary.
#[derive(Debug)]
pub struct Options {
    /// The workloads to run; all if empty.
    pub workloads: Vec<String>,
    /// Interleaved rounds (the bench's default, 5, if `None`).
    pub rounds: Option<u32>,
    /// Time per task at 10k, 100k and 1M tasks instead.
    pub scaling: bool,
    /// Tiny sizes, one round, results checked (CI).
    pub smoke: bool,
    /// Leave the book's chart alone.
    pub no_chart: bool,
    /// Time by CPU time, not the wall clock.
    pub cpu: bool,
    /// Only these runtimes (comma-separated); all if `None`.
    pub runtimes: Option<String>,
}

impl Options {
    fn args(&self) -> Vec<String> {
        let mut args = self.workloads.clone();
        if let Some(rounds) = self.rounds {
            args.extend(["--rounds".to_owned(), rounds.to_string()]);
        }
        if let Some(runtimes) = &self.runtimes {
            args.extend(["--runtimes".to_owned(), runtimes.clone()]);
        }
        for (on, flag) in [
            (self.scaling, "--scaling"),
            (self.smoke, "--smoke"),
            (self.no_chart, "--no-chart"),
            (self.cpu, "--cpu"),
        ] {
            if on {
                args.push(flag.to_owned());
            }
        }
        args
    }
}

/// Runs the command.
pub fn run(workspace: &Workspace, options: &Options) -> Result<ExitCode, LabError> {
    let args = options.args();
    let shown = format!(
        "cargo run --release -p aio-bench --{}",
        args.iter().map(|a| format!(" {a}")).collect::<String>()
    );
    outln!(
        "Running the benchmarks: {}\n\
         The first build compiles tokio and smol in release mode, which takes a few \
         minutes; later runs start at once. A full run takes a few minutes more.\n",
        output::command(&shown)
    );
    output::flush_stdout();
    let status = workspace
        .cargo()
        .args(["run", "--release", "-p", "aio-bench", "--"])
        .args(&args)
        .status()
        .map_err(|err| LabError::failure(format!("could not run cargo: {err}")))?;
    Ok(exit_code_of(status))
}
