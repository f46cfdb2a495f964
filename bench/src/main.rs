//! `cargo lab bench`: our finished runtime next to tokio's current-thread
//! runtime, smol's `LocalExecutor` and CPython's asyncio, on the workloads
//! of DESIGN §9, plus a blocking-syscall floor for echo.
//!
//! Run it through the lab: `cargo lab bench [WORKLOAD…] [--rounds R]
//! [--scaling]`, which runs `cargo run --release -p aio-bench -- …`.
//!
//! Every measurement is one child process (this binary again with
//! `--child`, or `python3 python/bench.py`), so no run inherits another's
//! heap or warm caches. The rounds are interleaved: round 1 runs every
//! runtime on every workload, then round 2, and so on, so a slow spell of
//! this shared machine lands on all runtimes alike; each round also starts
//! with a different runtime. The tables show medians.

#![deny(clippy::undocumented_unsafe_blocks)]
#![warn(missing_debug_implementations, rust_2018_idioms)]

mod alloc;
mod floor;
mod ours;
mod report;
mod runner;
mod smol_rt;
mod svg;
mod tokio_rt;
mod workload;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::runner::{Clock, Runtime};
use crate::workload::{Job, Workload};

#[global_allocator]
static ALLOCATOR: alloc::Counting = alloc::Counting;

/// Our runtime next to tokio, smol and CPython's asyncio.
#[derive(Debug, Parser)]
#[command(name = "cargo lab bench", bin_name = "cargo lab bench")]
struct Cli {
    /// The workloads to run (spawn, timers, queue, ring, echo, idle); all
    /// of them if none is named.
    workloads: Vec<Workload>,

    /// How many interleaved rounds; the tables show the median.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    rounds: u32,

    /// Time per task for spawn and timers at 10k, 100k and 1M tasks,
    /// instead of the workloads' table.
    #[arg(long)]
    scaling: bool,

    /// Tiny sizes and one round: checks that every runtime computes every
    /// result (for CI). The times mean nothing.
    #[arg(long, conflicts_with = "scaling")]
    smoke: bool,

    /// Where to write the chart (default: the book's
    /// book/src/generated/bench.svg, when every workload ran at full size).
    #[arg(long, value_name = "PATH")]
    chart: Option<PathBuf>,

    /// Only these runtimes, comma-separated (ours, tokio, smol, cpython,
    /// floor); all of them by default. A run that leaves one out does not
    /// redraw the book's chart.
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    runtimes: Vec<String>,

    /// Time each run by the CPU time it used instead of the wall clock:
    /// steadier on a busy machine, but it leaves out waiting (the timers'
    /// sleeps, and any wait for the network).
    #[arg(long)]
    cpu: bool,

    /// Do not write the chart.
    #[arg(long, conflicts_with = "chart")]
    no_chart: bool,

    /// Internal: run one measurement in this process and print it.
    #[arg(long, hide = true, num_args = 4, value_names = ["RUNTIME", "WORKLOAD", "N", "M"])]
    child: Option<Vec<String>>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(args) = &cli.child {
        return runner::child_main(args);
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    let python = runner::python_version();
    match &python {
        Some(version) => println!("CPython: {version}"),
        None => println!("CPython: python3 not found, so its column stays empty"),
    }
    let machine = report::Machine::this_one();
    println!("machine: {machine}");

    let runtimes = select(Runtime::present(python.is_some()), &cli.runtimes)?;
    let clock = if cli.cpu { Clock::Cpu } else { Clock::Wall };
    if cli.scaling {
        let jobs = report::scaling_jobs();
        let limit = runner::CHILD_TIME_LIMIT;
        let samples = runner::rounds(&jobs, &runtimes, cli.rounds, clock, limit)?;
        print!(
            "{}",
            report::scaling_table(&jobs, &runtimes, &samples, clock)
        );
        return Ok(());
    }

    let mut workloads = cli.workloads.clone();
    if workloads.is_empty() {
        workloads = Workload::ALL.to_vec();
    }
    workloads.sort();
    workloads.dedup();
    let (jobs, rounds): (Vec<Job>, u32) = if cli.smoke {
        (workloads.iter().map(|&w| Job::smoke(w)).collect(), 1)
    } else {
        (
            workloads.iter().map(|&w| Job::full(w)).collect(),
            cli.rounds,
        )
    };
    let limit = if cli.smoke {
        runner::SMOKE_TIME_LIMIT
    } else {
        runner::CHILD_TIME_LIMIT
    };
    let samples = runner::rounds(&jobs, &runtimes, rounds, clock, limit)?;
    let medians = report::Medians::new(&jobs, &runtimes, &samples, clock);
    println!();
    print!("{}", medians.table(rounds));
    println!();
    print!("{}", medians.ratios());

    let full_run = !cli.smoke && workloads.len() == Workload::ALL.len() && cli.runtimes.is_empty();
    let chart = match (&cli.chart, cli.no_chart) {
        (_, true) => None,
        (Some(path), false) => Some(path.clone()),
        (None, false) if full_run => Some(report::book_chart_path()),
        (None, false) => {
            println!();
            println!(
                "chart: not written (only a full run, every workload on every runtime, \
                 updates the book's)"
            );
            None
        }
    };
    if let Some(path) = chart {
        let drawing = svg::chart(&medians, &machine, rounds);
        std::fs::write(&path, drawing)
            .map_err(|err| format!("cannot write {}: {err}", path.display()))?;
        println!();
        let shown = path.canonicalize().unwrap_or(path);
        println!("chart: wrote {}", shown.display());
    }
    Ok(())
}

/// The runtimes named in `--runtimes`, in table order; all of `present` if
/// none is named.
fn select(present: Vec<Runtime>, names: &[String]) -> Result<Vec<Runtime>, String> {
    if names.is_empty() {
        return Ok(present);
    }
    let mut chosen = Vec::new();
    for name in names {
        let runtime = Runtime::from_arg(&name.to_lowercase())
            .ok_or_else(|| format!("no runtime `{name}` (ours, tokio, smol, cpython, floor)"))?;
        if !present.contains(&runtime) {
            return Err(format!(
                "{runtime} is not available here (is python3 installed?)"
            ));
        }
        chosen.push(runtime);
    }
    chosen.sort();
    chosen.dedup();
    Ok(chosen)
}
