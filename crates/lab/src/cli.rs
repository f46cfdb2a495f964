//! The command line, as clap types. The doc comments here are the help
//! text the learner reads, so they are written for them.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand};

/// Your guide to "Rebuilding asyncio in Rust".
///
/// Python's asyncio, rebuilt from nothing in Rust, one stage at a time: each
/// chapter of the book is a crate under crates/, with demos to run and
/// exercises to complete. Run `cargo lab` with no command for the tour: the
/// chapters, your progress, and what to do next.
#[derive(Debug, Parser)]
#[command(name = "cargo lab", bin_name = "cargo lab", version)]
pub struct Cli {
    /// The workspace root (found automatically; for the lab's own tests).
    #[arg(long, global = true, hide = true, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// What to do; with none, show the tour.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The lab's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a demo, or list a chapter's demos.
    ///
    /// With no argument, runs the headline demo. With a chapter, lists its
    /// demos and what each shows. With a chapter and a name, runs that demo.
    ///
    /// Examples: `cargo lab demo`, `cargo lab demo 1`,
    /// `cargo lab demo generators round_robin`.
    Demo {
        /// The chapter: its number (`1`, `01`) or name (`generators`).
        chapter: Option<String>,
        /// The demo to run, as listed by `cargo lab demo CHAPTER`.
        name: Option<String>,
    },

    /// Check your exercises: run their tests and show your progress.
    ///
    /// Each exercise is done (its tests pass), failing (you changed it and
    /// tests still fail) or not started. Shows a hint for the first one that
    /// is not done. Exits with 0 only when every exercise checked is done.
    ///
    /// Each exercise's tests get 60 seconds to run (compiling is not
    /// counted); a run that takes longer is stopped and reported as a likely
    /// endless loop. Change the limit with --time-limit or the environment
    /// variable LAB_TIME_LIMIT (seconds).
    Check {
        /// Only this chapter's exercises: its number (`1`) or name
        /// (`generators`). Without it, every ready chapter.
        chapter: Option<String>,
        /// Keep watching: check again every time you save a file under
        /// exercises/ (Ctrl-C to stop).
        #[arg(long, short)]
        watch: bool,
        /// Show what the tests printed for each failing exercise.
        #[arg(long, short)]
        verbose: bool,
        /// Stop an exercise's tests after this many seconds (default 60, or
        /// LAB_TIME_LIMIT).
        #[arg(long, value_name = "SECONDS", value_parser = crate::workspace::parse_time_limit)]
        time_limit: Option<Duration>,
    },

    /// Show the next hint for an exercise.
    ///
    /// Each call shows one more hint, gentlest first. Example:
    /// `cargo lab hint 1.2`.
    Hint {
        /// The exercise: its id (`1.2`) or its name.
        exercise: String,
        /// Show every hint at once.
        #[arg(long)]
        all: bool,
    },

    /// Put an exercise back as it was before you started.
    ///
    /// Restores the stub as shipped with the course (even if you committed
    /// your changes), discarding your version of it; the original comes
    /// from your clone's git history, so this needs git. Asks first, and
    /// keeps a backup every time in .lab/backups/ (never overwritten; `cargo
    /// clean` leaves it alone). `cargo lab reset --list` shows the backups.
    Reset {
        /// The exercise: its id (`1.2`) or its name.
        #[arg(required_unless_present = "list")]
        exercise: Option<String>,
        /// Do not ask for confirmation (needed when not run from a
        /// terminal).
        #[arg(long, short)]
        yes: bool,
        /// List the backups kept by earlier resets (of EXERCISE, if given)
        /// instead of resetting.
        #[arg(long)]
        list: bool,
    },

    /// Build and open the book (needs mdBook), or check its includes.
    Book {
        /// Serve the book locally and open it in your browser, rebuilding
        /// on every change.
        #[arg(long)]
        serve: bool,
        /// Check that every `{{#include}}` of the book resolves (no mdBook
        /// needed); exits with 1 if any does not.
        #[arg(long)]
        check: bool,
    },

    /// Step through a demo's event loop, one turn at a time.
    ///
    /// Each turn shows the ready queue, the task the loop runs and how its
    /// step ends, the tasks waiting and on what (a timer, a socket, another
    /// task), and the clock. Enter shows the next turn; when the output is
    /// not a terminal, every turn is printed at once. The book's viewer
    /// plays the same turns. Example: `cargo lab trace count_timers`.
    Trace {
        /// The demo, as listed by `cargo lab demo CHAPTER`.
        #[arg(required_unless_present = "book")]
        demo: Option<String>,
        /// Print the trace export (JSON, the schema in
        /// aio_executor::trace::export) instead.
        #[arg(long)]
        json: bool,
        /// With --json: write the export to this file.
        #[arg(long, short, value_name = "FILE", requires = "json")]
        out: Option<PathBuf>,
        /// For maintainers: write every export the book shows anew, under
        /// book/src/generated/traces/ (and the Python twins' turns, with
        /// python3).
        #[arg(long, conflicts_with = "demo")]
        book: bool,
    },

    /// Measure our runtime next to tokio, smol and CPython's asyncio.
    ///
    /// Runs the workloads of the book's "Benchmarks" appendix (spawn,
    /// timers, queue, ring, echo, and the memory of an idle task) on each
    /// runtime, in interleaved rounds, each measurement in a fresh process,
    /// and prints the medians and the ratios; a full run also redraws the
    /// appendix's chart (book/src/generated/bench.svg). Builds the bench
    /// crate in release mode first: the first build compiles tokio and smol
    /// and takes a few minutes. Needs python3 for the CPython column.
    ///
    /// Examples: `cargo lab bench`, `cargo lab bench ring echo --rounds 3`,
    /// `cargo lab bench --scaling`.
    Bench {
        /// The workloads to run (spawn, timers, queue, ring, echo, idle);
        /// all of them if none is named.
        workloads: Vec<String>,
        /// How many interleaved rounds (default 5); the tables show the
        /// median of each.
        #[arg(long, value_name = "R")]
        rounds: Option<u32>,
        /// Instead: time per task for spawn and timers at 10k, 100k and 1M
        /// tasks, to see whether a runtime slows down as it grows.
        #[arg(long)]
        scaling: bool,
        /// For CI: tiny sizes, one round, every result checked; the times
        /// mean nothing.
        #[arg(long)]
        smoke: bool,
        /// Do not redraw the book's chart.
        #[arg(long)]
        no_chart: bool,
        /// Time each run by the CPU time it used, not the wall clock:
        /// steadier on a busy machine, blind to waiting (the timers' sleeps).
        #[arg(long)]
        cpu: bool,
        /// Only these runtimes, comma-separated: ours, tokio, smol, cpython,
        /// floor (all by default; the chart is redrawn only for all).
        #[arg(long, value_name = "LIST")]
        runtimes: Option<String>,
    },

    /// For maintainers and CI: prove every exercise's tests bite.
    ///
    /// Checks course.toml against the tree (every demo, stub, solution,
    /// suite and wrapper exists; ids and names unique), then runs each
    /// exercise's suite on the untouched stub (it must fail) and on the
    /// solution (it must pass), and judges each wrong answer kept in
    /// tests/NN-slug/wrong/ as `cargo lab check` would: it must fail, with
    /// the words its `// expect:` lines give. Changes no file of the
    /// workspace (the wrong answers run in copies in the target folder);
    /// exits with 1 on any problem. Each run has the time limit of `cargo lab check`
    /// (LAB_TIME_LIMIT seconds, default 60): a suite that runs past it
    /// does not bite.
    Verify,

    /// For maintainers: check crates/lab/stubs.toml (the git blob id of
    /// every stub as shipped) against the stubs, or `--write` it anew after
    /// changing a stub. Hidden: run on an edited stub, `--write` would make
    /// the edit the stub as shipped.
    #[command(hide = true)]
    Stubs {
        /// Write crates/lab/stubs.toml from the stubs in the tree.
        #[arg(long)]
        write: bool,
    },
}
