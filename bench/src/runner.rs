//! Running the measurements: one child process each, rounds interleaved.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use crate::workload::{Job, Workload, delays};
use crate::{alloc, floor, ours, smol_rt, tokio_rt};

/// Who runs a workload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Runtime {
    /// Our finished stack.
    Ours,
    /// tokio's current-thread runtime.
    Tokio,
    /// smol's `LocalExecutor`.
    Smol,
    /// CPython's asyncio, through python/bench.py.
    CPython,
    /// Blocking system calls and no runtime: echo only.
    Floor,
}

impl Runtime {
    /// The runtimes to measure: CPython only if python3 is there.
    pub fn present(python: bool) -> Vec<Runtime> {
        let mut all = vec![Runtime::Ours, Runtime::Tokio, Runtime::Smol];
        if python {
            all.push(Runtime::CPython);
        }
        all.push(Runtime::Floor);
        all
    }

    /// Whether it runs `workload` at all.
    pub fn runs(self, workload: Workload) -> bool {
        self != Runtime::Floor || workload == Workload::Echo
    }

    fn arg(self) -> &'static str {
        match self {
            Runtime::Ours => "ours",
            Runtime::Tokio => "tokio",
            Runtime::Smol => "smol",
            Runtime::CPython => "cpython",
            Runtime::Floor => "floor",
        }
    }

    /// The runtime named `arg` on the command line.
    pub fn from_arg(arg: &str) -> Option<Runtime> {
        [
            Runtime::Ours,
            Runtime::Tokio,
            Runtime::Smol,
            Runtime::CPython,
            Runtime::Floor,
        ]
        .into_iter()
        .find(|r| r.arg() == arg)
    }
}

impl fmt::Display for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Runtime::CPython => "CPython",
            other => other.arg(),
        })
    }
}

/// What a measurement's time is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// Elapsed time, waiting included: what a user of the program sees.
    Wall,
    /// The CPU time the process used (user and system): steadier on a busy
    /// machine, where waiting for a core inflates the wall clock, but blind
    /// to waits (the timers' sleeps).
    Cpu,
}

/// Every measurement of one (job, runtime): nanoseconds, or bytes per task
/// for the idle tasks.
pub type Samples = BTreeMap<(usize, Runtime), Vec<f64>>;

/// A child that runs longer than this is stopped and reported. Generous:
/// CPython's million timers take minutes on a busy machine.
pub const CHILD_TIME_LIMIT: Duration = Duration::from_secs(1200);

/// The limit for the smoke run's tiny sizes, where a runtime that loses a
/// wake-up must not hold CI for twenty minutes.
pub const SMOKE_TIME_LIMIT: Duration = Duration::from_secs(120);

/// Runs `rounds` interleaved rounds of every job on every runtime that
/// runs it; samples are keyed by the job's index in `jobs`.
pub fn rounds(
    jobs: &[Job],
    runtimes: &[Runtime],
    rounds: u32,
    clock: Clock,
    limit: Duration,
) -> Result<Samples, String> {
    let mut samples = Samples::new();
    let per_round = jobs
        .iter()
        .map(|job| runtimes.iter().filter(|r| r.runs(job.workload)).count())
        .sum::<usize>();
    println!(
        "running {rounds} round(s) of {per_round} measurements, each in a fresh process \
         (rounds interleaved; medians below)"
    );
    for round in 0..rounds {
        let started = Instant::now();
        for (index, job) in jobs.iter().enumerate() {
            // Start each round with a different runtime, so none always
            // runs first (or right after CPython).
            let mut order: Vec<Runtime> = runtimes
                .iter()
                .copied()
                .filter(|r| r.runs(job.workload))
                .collect();
            let len = order.len();
            order.rotate_left(round as usize % len);
            for runtime in order {
                let value = measure(runtime, job, clock, limit)?;
                samples.entry((index, runtime)).or_default().push(value);
            }
        }
        println!(
            "  round {}/{rounds} done in {:.1} s",
            round + 1,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(samples)
}

/// The bench binary's folder in the workspace (python/bench.py is there).
fn bench_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The interpreter the CPython column uses: $PYTHON, else python3.
fn python() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// `Python 3.11.7`, or `None` if there is no python3.
pub fn python_version() -> Option<String> {
    let output = Command::new(python()).arg("--version").output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// One measurement in a child process.
fn measure(runtime: Runtime, job: &Job, clock: Clock, limit: Duration) -> Result<f64, String> {
    let mut command = match runtime {
        Runtime::CPython => {
            let mut command = Command::new(python());
            command.arg(bench_dir().join("python/bench.py"));
            command
        }
        _ => {
            let exe = std::env::current_exe().map_err(|err| format!("no current exe: {err}"))?;
            let mut command = Command::new(exe);
            command.args(["--child", runtime.arg()]);
            command
        }
    };
    command
        .args(job.args())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let what = format!("{runtime} on {}", job.label());
    let mut child = command
        .spawn()
        .map_err(|err| format!("{what}: cannot start: {err}"))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|err| format!("{what}: {err}"))? {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "{what}: still running after {} s, stopped (a lost wake-up?)",
                limit.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let (mut stdout, mut stderr) = (String::new(), String::new());
    if let Some(mut out) = child.stdout.take() {
        let _ = out.read_to_string(&mut stdout);
    }
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_string(&mut stderr);
    }
    if !status.success() {
        return Err(format!("{what} failed ({status}):\n{stderr}{stdout}"));
    }
    let field = |name: &str| {
        stdout
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .map(str::trim)
    };
    // Checked here too, so a child (bench.py above all) that forgot to
    // check its own answer cannot pass a wrong one.
    if let Some(expected) = job.expected() {
        let answer = field("answer ").and_then(|a| a.parse::<u64>().ok());
        if answer != Some(expected) {
            return Err(format!(
                "{what}: WRONG RESULT {answer:?}, expected {expected}:\n{stdout}{stderr}"
            ));
        }
    }
    let name = match clock {
        Clock::Cpu if !job.workload.measures_bytes() => "cpu ",
        _ => "result ",
    };
    field(name)
        .and_then(|value| value.parse().ok())
        .ok_or_else(|| format!("{what}: no `result` line in its output:\n{stdout}{stderr}"))
}

/// The child's side: `--child RUNTIME WORKLOAD N M`. Runs the job once,
/// checks its answer, prints it as `answer N` (for the parent to check
/// again) and the measurement as `result NANOSECONDS` (or `result BYTES`
/// per idle task), with the CPU time used as `cpu NANOSECONDS`.
pub fn child_main(args: &[String]) -> ExitCode {
    match child(args) {
        Ok((value, cpu)) => {
            println!("result {value}");
            println!("cpu {cpu}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The CPU time this process has used so far, in nanoseconds.
fn cpu_time() -> u128 {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
    t.tv_sec as u128 * 1_000_000_000 + t.tv_nsec as u128
}

fn child(args: &[String]) -> Result<(f64, f64), String> {
    let [runtime, workload, n, m] = args else {
        return Err("--child takes RUNTIME WORKLOAD N M".to_owned());
    };
    let runtime = Runtime::from_arg(runtime).ok_or(format!("no runtime `{runtime}`"))?;
    let workload: Workload = workload.parse()?;
    let parse = |s: &String| s.parse::<u64>().map_err(|err| format!("`{s}`: {err}"));
    let job = Job {
        workload,
        n: parse(n)?,
        m: parse(m)?,
    };
    if workload == Workload::Idle {
        alloc::start_counting();
    }
    // Made before the clock starts, as bench.py does.
    let delays = if workload == Workload::Timers {
        delays(job.n)
    } else {
        Vec::new()
    };
    let started = Instant::now();
    let cpu_started = cpu_time();
    let result = match runtime {
        Runtime::Ours => ours::run(job, delays),
        Runtime::Tokio => tokio_rt::run(job, delays),
        Runtime::Smol => smol_rt::run(job, delays),
        Runtime::Floor if workload == Workload::Echo => floor::echo(job.n, job.m),
        Runtime::Floor => return Err(format!("the floor runs echo only, not {workload}")),
        Runtime::CPython => return Err("CPython runs through python/bench.py".to_owned()),
    };
    let cpu = (cpu_time() - cpu_started) as f64;
    let elapsed = started.elapsed();
    match job.expected() {
        Some(expected) if result != expected => {
            return Err(format!(
                "{runtime} on {}: WRONG RESULT {result}, expected {expected}",
                job.label()
            ));
        }
        Some(_) => println!("answer {result}"),
        None => {}
    }
    Ok(if workload.measures_bytes() {
        (result as f64 / job.n as f64, cpu)
    } else {
        (elapsed.as_nanos() as f64, cpu)
    })
}
