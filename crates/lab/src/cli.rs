//! The command line. The texts here are the help the learner reads, so they
//! are written for them: `about` is the line `cargo lab -h` shows,
//! `long_about` the page of `cargo lab help <command>`.
//!
//! Built with clap's builder, not its derive macros: the derive would
//! compile syn, quote and proc-macro2 into a learner's first `cargo test`,
//! for this one file.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Arg, ArgAction, ArgMatches, value_parser};

/// What the learner asked for.
#[derive(Debug)]
pub struct Cli {
    /// The workspace root (found automatically; for the lab's own tests).
    pub root: Option<PathBuf>,
    /// What to do; with none, show the tour.
    pub command: Option<Command>,
}

/// The lab's commands, with their arguments (described in [`Cli::command`]).
#[derive(Debug)]
pub enum Command {
    /// Run a demo, or list a chapter's demos.
    Demo {
        /// The chapter, as the learner named it.
        chapter: Option<String>,
        /// The demo to run.
        name: Option<String>,
    },
    /// Check the exercises and show the progress.
    Check {
        /// Only this chapter's exercises.
        chapter: Option<String>,
        /// Check again on every save.
        watch: bool,
        /// Show what the tests printed.
        verbose: bool,
        /// The time limit of each exercise's tests.
        time_limit: Option<Duration>,
    },
    /// Show the next hint, or all of them.
    Hint {
        /// The exercise's id or name.
        exercise: String,
        /// Show every hint at once.
        all: bool,
    },
    /// Put an exercise back as shipped, or list the backups.
    Reset {
        /// The exercise's id or name.
        exercise: Option<String>,
        /// Do not ask first.
        yes: bool,
        /// List the backups instead.
        list: bool,
    },
    /// Build, serve or check the book.
    Book {
        /// Serve it and open it in a browser.
        serve: bool,
        /// Check its includes only.
        check: bool,
    },
    /// Step through a demo's event loop.
    Trace {
        /// The demo.
        demo: Option<String>,
        /// Print the export instead.
        json: bool,
        /// Write the export to this file.
        out: Option<PathBuf>,
        /// Write every export the book shows.
        book: bool,
    },
    /// Measure our runtime next to the others.
    Bench {
        /// The workloads to run; all if empty.
        workloads: Vec<String>,
        /// How many interleaved rounds.
        rounds: Option<u32>,
        /// Time per task at growing sizes instead.
        scaling: bool,
        /// Tiny sizes, one round, for CI.
        smoke: bool,
        /// Do not redraw the book's chart.
        no_chart: bool,
        /// Time by CPU time, not the wall clock.
        cpu: bool,
        /// Only these runtimes, comma-separated.
        runtimes: Option<String>,
    },
    /// Prove every exercise's tests bite.
    Verify,
    /// Check or write crates/lab/stubs.toml.
    Stubs {
        /// Write it anew.
        write: bool,
    },
}

/// A flag: `--long`, set or not.
fn flag(long: &'static str, help: &'static str) -> Arg {
    Arg::new(long)
        .long(long)
        .action(ArgAction::SetTrue)
        .help(help)
}

/// A positional argument that may be left out.
fn positional(id: &'static str, value_name: &'static str, help: &'static str) -> Arg {
    Arg::new(id).value_name(value_name).help(help)
}

impl Cli {
    /// The whole command line, with its help.
    pub fn command() -> clap::Command {
        clap::Command::new("cargo lab")
            .bin_name("cargo lab")
            .version(env!("CARGO_PKG_VERSION"))
            .about("Your guide to \"Rebuilding asyncio in Rust\"")
            .long_about(
                "Your guide to \"Rebuilding asyncio in Rust\".\n\n\
                 Python's asyncio, rebuilt from nothing in Rust, one stage at a time: each \
                 chapter of the book is a crate under crates/, with demos to run and exercises \
                 to complete. Run `cargo lab` with no command for the tour: the chapters, your \
                 progress, and what to do next.",
            )
            .arg(
                Arg::new("root")
                    .long("root")
                    .global(true)
                    .hide(true)
                    .value_name("DIR")
                    .value_parser(value_parser!(PathBuf))
                    .help("The workspace root (found automatically; for the lab's own tests)"),
            )
            .subcommands([
                demo(),
                check(),
                hint(),
                reset(),
                book(),
                trace(),
                bench(),
                verify(),
                stubs(),
            ])
    }

    /// Parses `args` (the program name first); an error is clap's, which
    /// prints itself (help and version are errors of this kind too).
    pub fn try_parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let matches = Cli::command().try_get_matches_from(args)?;
        Ok(Cli {
            root: matches.get_one::<PathBuf>("root").cloned(),
            command: matches.subcommand().map(|(name, args)| command(name, args)),
        })
    }
}

/// The command `name` with its arguments, as clap matched them.
fn command(name: &str, args: &ArgMatches) -> Command {
    let text = |id: &str| args.get_one::<String>(id).cloned();
    let on = |id: &str| args.get_flag(id);
    match name {
        "demo" => Command::Demo {
            chapter: text("chapter"),
            name: text("name"),
        },
        "check" => Command::Check {
            chapter: text("chapter"),
            watch: on("watch"),
            verbose: on("verbose"),
            time_limit: args.get_one::<Duration>("time-limit").copied(),
        },
        "hint" => Command::Hint {
            exercise: text("exercise").expect("clap requires the exercise"),
            all: on("all"),
        },
        "reset" => Command::Reset {
            exercise: text("exercise"),
            yes: on("yes"),
            list: on("list"),
        },
        "book" => Command::Book {
            serve: on("serve"),
            check: on("check"),
        },
        "trace" => Command::Trace {
            demo: text("demo"),
            json: on("json"),
            out: args.get_one::<PathBuf>("out").cloned(),
            book: on("book"),
        },
        "bench" => Command::Bench {
            workloads: args
                .get_many::<String>("workloads")
                .map(|values| values.cloned().collect())
                .unwrap_or_default(),
            rounds: args.get_one::<u32>("rounds").copied(),
            scaling: on("scaling"),
            smoke: on("smoke"),
            no_chart: on("no-chart"),
            cpu: on("cpu"),
            runtimes: text("runtimes"),
        },
        "verify" => Command::Verify,
        "stubs" => Command::Stubs { write: on("write") },
        other => unreachable!("clap matched a command the lab does not have: {other}"),
    }
}

fn demo() -> clap::Command {
    clap::Command::new("demo")
        .about("Run a demo, or list a chapter's demos")
        .long_about(
            "Run a demo, or list a chapter's demos.\n\n\
             With no argument, runs the headline demo. With a chapter, lists its demos and what \
             each shows. With a chapter and a name, runs that demo.\n\n\
             Examples: `cargo lab demo`, `cargo lab demo 1`, \
             `cargo lab demo generators round_robin`.",
        )
        .arg(positional(
            "chapter",
            "CHAPTER",
            "The chapter: its number (`1`, `01`) or name (`generators`)",
        ))
        .arg(positional(
            "name",
            "NAME",
            "The demo to run, as listed by `cargo lab demo CHAPTER`",
        ))
}

fn check() -> clap::Command {
    clap::Command::new("check")
        .about("Check your exercises: run their tests and show your progress")
        .long_about(
            "Check your exercises: run their tests and show your progress.\n\n\
             Each exercise is done (its tests pass), failing (you changed it and tests still \
             fail) or not started. Shows a hint for the first one that is not done. Exits with \
             0 only when every exercise checked is done.\n\n\
             Each exercise's tests get 60 seconds to run (compiling is not counted); a run that \
             takes longer is stopped and reported as a likely endless loop. Change the limit \
             with --time-limit or the environment variable LAB_TIME_LIMIT (seconds).",
        )
        .arg(positional(
            "chapter",
            "CHAPTER",
            "Only this chapter's exercises: its number (`1`) or name (`generators`). Without \
             it, every ready chapter",
        ))
        .arg(
            flag(
                "watch",
                "Keep watching: check again every time you save a file under exercises/ \
                 (Ctrl-C to stop)",
            )
            .short('w'),
        )
        .arg(
            flag(
                "verbose",
                "Show what the tests printed for each failing exercise",
            )
            .short('v'),
        )
        .arg(
            Arg::new("time-limit")
                .long("time-limit")
                .value_name("SECONDS")
                .value_parser(crate::workspace::parse_time_limit)
                .help(
                    "Stop an exercise's tests after this many seconds (default 60, or \
                     LAB_TIME_LIMIT)",
                ),
        )
}

fn hint() -> clap::Command {
    clap::Command::new("hint")
        .about("Show the next hint for an exercise")
        .long_about(
            "Show the next hint for an exercise.\n\n\
             Each call shows one more hint, gentlest first. Example: `cargo lab hint 1.2`.",
        )
        .arg(
            positional(
                "exercise",
                "EXERCISE",
                "The exercise: its id (`1.2`) or its name",
            )
            .required(true),
        )
        .arg(flag("all", "Show every hint at once"))
}

fn reset() -> clap::Command {
    clap::Command::new("reset")
        .about("Put an exercise back as it was before you started")
        .long_about(
            "Put an exercise back as it was before you started.\n\n\
             Restores the stub as shipped with the course (even if you committed your \
             changes), discarding your version of it; the original comes from your clone's git \
             history, so this needs git. Asks first, and keeps a backup every time in \
             .lab/backups/ (never overwritten; `cargo clean` leaves it alone). `cargo lab reset \
             --list` shows the backups.",
        )
        .arg(
            positional(
                "exercise",
                "EXERCISE",
                "The exercise: its id (`1.2`) or its name",
            )
            .required_unless_present("list"),
        )
        .arg(
            flag(
                "yes",
                "Do not ask for confirmation (needed when not run from a terminal)",
            )
            .short('y'),
        )
        .arg(flag(
            "list",
            "List the backups kept by earlier resets (of EXERCISE, if given) instead of \
             resetting",
        ))
}

fn book() -> clap::Command {
    clap::Command::new("book")
        .about("Build and open the book (needs mdBook), or check its includes")
        .arg(flag(
            "serve",
            "Serve the book locally and open it in your browser, rebuilding on every change",
        ))
        .arg(flag(
            "check",
            "Check that every `{{#include}}` of the book resolves (no mdBook needed); exits \
             with 1 if any does not",
        ))
}

fn trace() -> clap::Command {
    clap::Command::new("trace")
        .about("Step through a demo's event loop, one turn at a time")
        .long_about(
            "Step through a demo's event loop, one turn at a time.\n\n\
             Each turn shows the ready queue, the task the loop runs and how its step ends, the \
             tasks waiting and on what (a timer, a socket, another task), and the clock. Enter \
             shows the next turn; when the output is not a terminal, every turn is printed at \
             once. The book's viewer plays the same turns. Example: \
             `cargo lab trace count_timers`.",
        )
        .arg(
            positional(
                "demo",
                "DEMO",
                "The demo, as listed by `cargo lab demo CHAPTER`",
            )
            .required_unless_present("book"),
        )
        .arg(flag(
            "json",
            "Print the trace export (JSON, the schema in aio_executor::trace::export) instead",
        ))
        .arg(
            Arg::new("out")
                .long("out")
                .short('o')
                .value_name("FILE")
                .value_parser(value_parser!(PathBuf))
                .requires("json")
                .help("With --json: write the export to this file"),
        )
        .arg(
            flag(
                "book",
                "For maintainers: write every export the book shows anew, under \
                 book/src/generated/traces/ (and the Python twins' turns, with python3)",
            )
            .conflicts_with("demo"),
        )
}

fn bench() -> clap::Command {
    clap::Command::new("bench")
        .about("Measure our runtime next to tokio, smol and CPython's asyncio")
        .long_about(
            "Measure our runtime next to tokio, smol and CPython's asyncio.\n\n\
             Runs the workloads of the book's \"Benchmarks\" appendix (spawn, timers, queue, \
             ring, echo, and the memory of an idle task) on each runtime, in interleaved \
             rounds, each measurement in a fresh process, and prints the medians and the \
             ratios; a full run also redraws the appendix's chart \
             (book/src/generated/bench.svg). Builds the bench crate in release mode first: the \
             first build compiles tokio and smol and takes a few minutes. Needs python3 for the \
             CPython column.\n\n\
             Examples: `cargo lab bench`, `cargo lab bench ring echo --rounds 3`, \
             `cargo lab bench --scaling`.",
        )
        .arg(
            positional(
                "workloads",
                "WORKLOADS",
                "The workloads to run (spawn, timers, queue, ring, echo, idle); all of them if \
                 none is named",
            )
            .action(ArgAction::Append),
        )
        .arg(
            Arg::new("rounds")
                .long("rounds")
                .value_name("R")
                .value_parser(value_parser!(u32))
                .help(
                    "How many interleaved rounds (default 5); the tables show the median of each",
                ),
        )
        .arg(flag(
            "scaling",
            "Instead: time per task for spawn and timers at 10k, 100k and 1M tasks, to see \
             whether a runtime slows down as it grows",
        ))
        .arg(flag(
            "smoke",
            "For CI: tiny sizes, one round, every result checked; the times mean nothing",
        ))
        .arg(flag("no-chart", "Do not redraw the book's chart"))
        .arg(flag(
            "cpu",
            "Time each run by the CPU time it used, not the wall clock: steadier on a busy \
             machine, blind to waiting (the timers' sleeps)",
        ))
        .arg(
            Arg::new("runtimes")
                .long("runtimes")
                .value_name("LIST")
                .help(
                    "Only these runtimes, comma-separated: ours, tokio, smol, cpython, floor \
                     (all by default; the chart is redrawn only for all)",
                ),
        )
}

fn verify() -> clap::Command {
    clap::Command::new("verify")
        .about("For maintainers and CI: prove every exercise's tests bite")
        .long_about(
            "For maintainers and CI: prove every exercise's tests bite.\n\n\
             Checks course.toml against the tree (every demo, stub, solution, suite and wrapper \
             exists; ids and names unique), then runs each exercise's suite on the untouched \
             stub (it must fail) and on the solution (it must pass), and judges each wrong \
             answer kept in tests/NN-slug/wrong/ as `cargo lab check` would: it must fail, with \
             the words its `// expect:` lines give. Changes no file of the workspace (the wrong \
             answers run in copies in the target folder); exits with 1 on any problem. Each run \
             has the time limit of `cargo lab check` (LAB_TIME_LIMIT seconds, default 60): a \
             suite that runs past it does not bite.",
        )
}

fn stubs() -> clap::Command {
    // Hidden: run on an edited stub, `--write` would make the edit the stub
    // as shipped.
    clap::Command::new("stubs")
        .hide(true)
        .about(
            "For maintainers: check crates/lab/stubs.toml (the git blob id of every stub as \
             shipped) against the stubs, or `--write` it anew after changing a stub. Hidden: \
             run on an edited stub, `--write` would make the edit the stub as shipped",
        )
        .arg(flag(
            "write",
            "Write crates/lab/stubs.toml from the stubs in the tree",
        ))
}
