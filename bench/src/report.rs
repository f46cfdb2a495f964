//! Medians, ratios and the scaling table, as text for the terminal.

use std::fmt::{self, Write};
use std::path::PathBuf;

use crate::runner::{Clock, Runtime, Samples};
use crate::workload::{Job, MAX_DELAY_US, Workload, delays_us, short};

/// What the figures were measured on.
#[derive(Debug)]
pub struct Machine {
    /// Cores this process may use.
    pub cores: usize,
    /// /proc/cpuinfo's model name.
    pub cpu: String,
    /// Today, UTC, as YYYY-MM-DD.
    pub date: String,
}

impl Machine {
    /// This machine, now.
    pub fn this_one() -> Machine {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|info| {
                info.lines()
                    .find(|line| line.starts_with("model name"))
                    .and_then(|line| line.split_once(':'))
                    .map(|(_, name)| name.trim().to_owned())
            })
            .unwrap_or_else(|| "unknown CPU".to_owned());
        Machine {
            cores,
            cpu,
            date: today(),
        }
    }
}

impl fmt::Display for Machine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} cores, {}, {}", self.cores, self.cpu, self.date)
    }
}

/// Today's UTC date, from the system clock (days since 1970 to a civil
/// date, Howard Hinnant's algorithm).
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The book's copy of the chart.
pub fn book_chart_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../book/src/generated/bench.svg")
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    }
}

/// The median of every (job, runtime) measured.
#[derive(Debug)]
pub struct Medians {
    /// The jobs, in table order.
    pub jobs: Vec<Job>,
    /// The runtimes, in column order.
    pub runtimes: Vec<Runtime>,
    /// `values[job][runtime]`: nanoseconds (bytes per task for idle), or
    /// `None` where that runtime does not run that job.
    pub values: Vec<Vec<Option<f64>>>,
    /// Whose nanoseconds: the wall clock's or the CPU's.
    pub clock: Clock,
}

impl Medians {
    /// Medians of `samples`.
    pub fn new(jobs: &[Job], runtimes: &[Runtime], samples: &Samples, clock: Clock) -> Medians {
        let values = (0..jobs.len())
            .map(|job| {
                runtimes
                    .iter()
                    .map(|&runtime| samples.get(&(job, runtime)).map(|v| median(v)))
                    .collect()
            })
            .collect();
        Medians {
            jobs: jobs.to_vec(),
            runtimes: runtimes.to_vec(),
            values,
            clock,
        }
    }

    /// The median of `runtime` on job number `job`.
    pub fn get(&self, job: usize, runtime: Runtime) -> Option<f64> {
        let column = self.runtimes.iter().position(|&r| r == runtime)?;
        self.values[job][column]
    }

    /// The table of medians.
    pub fn table(&self, rounds: u32) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "medians of {rounds} round(s): milliseconds{} (idle: live heap bytes per task)",
            clock_words(self.clock)
        );
        let _ = write!(out, "{:<18}", "workload");
        for runtime in &self.runtimes {
            let _ = write!(out, "{:>10}", runtime.to_string());
        }
        out.push('\n');
        for (i, job) in self.jobs.iter().enumerate() {
            let _ = write!(out, "{:<18}", job.label());
            for value in &self.values[i] {
                let cell = match value {
                    None => "—".to_owned(),
                    Some(v) if job.workload.measures_bytes() => format!("{v:.0}"),
                    Some(v) => format_ms(*v),
                };
                let _ = write!(out, "{cell:>10}");
            }
            out.push('\n');
        }
        out
    }

    /// The ratios: another runtime's median over ours, so above 1 means
    /// ours is faster (or, for idle, smaller).
    pub fn ratios(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "ratios, their median ÷ ours (above 1: ours is faster; idle: ours is smaller)"
        );
        let _ = writeln!(
            out,
            "{:<18}{:>28}{:>16}{:>15}",
            "workload", "ours vs best of tokio/smol", "ours vs CPython", "ours vs floor"
        );
        for (i, job) in self.jobs.iter().enumerate() {
            let Some(ours) = self.get(i, Runtime::Ours) else {
                continue;
            };
            let best = [Runtime::Tokio, Runtime::Smol]
                .into_iter()
                .filter_map(|r| self.get(i, r).map(|v| (v, r)))
                .min_by(|a, b| a.0.total_cmp(&b.0));
            let vs_best = best.map_or("—".to_owned(), |(v, r)| format!("{:.2} ({r})", v / ours));
            let vs_python = self
                .get(i, Runtime::CPython)
                .map_or("—".to_owned(), |v| format!("{:.1}×", v / ours));
            let vs_floor = self
                .get(i, Runtime::Floor)
                .map_or("—".to_owned(), |v| format!("{:.2}", v / ours));
            let _ = writeln!(
                out,
                "{:<18}{vs_best:>28}{vs_python:>16}{vs_floor:>15}",
                job.label()
            );
        }
        out
    }
}

/// How the tables say which clock timed the runs.
pub fn clock_words(clock: Clock) -> &'static str {
    match clock {
        Clock::Wall => "",
        Clock::Cpu => " of CPU time",
    }
}

/// Milliseconds, with three significant digits or so.
pub fn format_ms(nanos: f64) -> String {
    let ms = nanos / 1e6;
    if ms >= 100.0 {
        format!("{ms:.0}")
    } else if ms >= 10.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.2}")
    }
}

/// The scaling jobs: spawn and timers at 10k, 100k and 1M tasks.
pub fn scaling_jobs() -> Vec<Job> {
    [Workload::Spawn, Workload::Timers]
        .into_iter()
        .flat_map(|workload| [10_000, 100_000, 1_000_000].map(|n| Job { workload, n, m: 0 }))
        .collect()
}

/// Nanoseconds per task of a median time. For timers on the wall clock,
/// the longest delay slept is subtracted first: every runtime must wait
/// that long, whatever the number of tasks. (CPU time does not count it.)
fn per_task(job: &Job, nanos: f64, clock: Clock) -> f64 {
    let wait = match (job.workload, clock) {
        (Workload::Timers, Clock::Wall) => {
            delays_us(job.n).into_iter().max().unwrap_or(MAX_DELAY_US) as f64 * 1e3
        }
        _ => 0.0,
    };
    (nanos - wait) / job.n as f64
}

/// The scaling table: time per task at each size, and how much it grows
/// from the smallest size to the largest.
pub fn scaling_table(
    jobs: &[Job],
    runtimes: &[Runtime],
    samples: &Samples,
    clock: Clock,
) -> String {
    let runtimes: Vec<Runtime> = runtimes
        .iter()
        .copied()
        .filter(|&r| r != Runtime::Floor)
        .collect();
    let mut out = String::new();
    let _ = match clock {
        Clock::Wall => writeln!(
            out,
            "\nnanoseconds per task, median (timers: minus the longest sleep, which every \
             runtime must wait)"
        ),
        Clock::Cpu => writeln!(out, "\nnanoseconds of CPU time per task, median"),
    };
    for workload in [Workload::Spawn, Workload::Timers] {
        let rows: Vec<(usize, &Job)> = jobs
            .iter()
            .enumerate()
            .filter(|(_, j)| j.workload == workload)
            .collect();
        let _ = write!(out, "{:<10}", workload.name());
        for (_, job) in &rows {
            let _ = write!(out, "{:>10}", short(job.n));
        }
        let _ = writeln!(out, "{:>18}", "largest÷smallest");
        for &runtime in &runtimes {
            let _ = write!(out, "{:<10}", runtime.to_string());
            let mut figures = Vec::new();
            for (index, job) in &rows {
                match samples.get(&(*index, runtime)) {
                    Some(v) => {
                        let ns = per_task(job, median(v), clock);
                        figures.push(ns);
                        let _ = write!(out, "{ns:>10.0}");
                    }
                    None => {
                        let _ = write!(out, "{:>10}", "—");
                    }
                }
            }
            match (figures.first(), figures.last()) {
                (Some(first), Some(last)) if figures.len() == rows.len() && *first > 0.0 => {
                    let _ = writeln!(out, "{:>18.2}", last / first);
                }
                _ => {
                    let _ = writeln!(out, "{:>18}", "—");
                }
            }
        }
    }
    out
}
