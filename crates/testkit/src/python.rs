//! Run the project's own Python scripts under CPython.
//!
//! A script is ours, written for this project (never copied from the notes),
//! and checks itself: it `assert`s what it claims and prints the evidence.
//! [`run_script`] returns that evidence so the calling test can snapshot it
//! and the book can show it.

use std::env;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use crate::workspace_root;

/// The command the checks start CPython with: `PYTHON` if set (for example
/// `PYTHON=python3.12` to compare versions), else `python3`.
fn command() -> String {
    env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// What the interpreter says about itself when first asked: the program
/// that really runs (`sys.executable`) and its version line.
#[derive(Debug)]
struct Found {
    executable: String,
    version: String,
}

/// Asks [`command`] once per test process, and keeps the answer.
///
/// The answer is cached because every check starts CPython, and starting it
/// through `python3` can cost more than the check itself: a version manager
/// such as pyenv puts a shell script on `PATH` under that name, which takes
/// a good tenth of a second to find the real program each time. Asked once,
/// the checks then start that real program directly.
fn found() -> Option<&'static Found> {
    static FOUND: OnceLock<Option<Found>> = OnceLock::new();
    FOUND
        .get_or_init(|| {
            let out = Command::new(command())
                .args([
                    "-c",
                    "import platform, sys; print(sys.executable); print('Python', platform.python_version())",
                ])
                .output()
                .ok()
                .filter(|out| out.status.success())?;
            let text = String::from_utf8(out.stdout).ok()?;
            let mut lines = text.lines().map(str::trim);
            // `sys.executable` may be empty (an embedded interpreter):
            // then the command itself is what starts it.
            let executable = match lines.next()? {
                "" => command(),
                path => path.to_owned(),
            };
            let version = lines.next()?.to_owned();
            Some(Found {
                executable,
                version,
            })
        })
        .as_ref()
}

/// The flags every script runs with: unbuffered, UTF-8, no bytecode files
/// left in the tree, and no `site`. The scripts need only the standard
/// library, and `site` runs whatever `.pth` hooks the installation has
/// (on our CI machine one imports `certifi`: 60 ms of a 150 ms start,
/// once per check).
pub const FLAGS: [&str; 5] = ["-S", "-u", "-X", "utf8", "-B"];

/// Whether this run is in CI, where a missing interpreter is an error.
fn in_ci() -> bool {
    env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// The interpreter the checks run under: the program `PYTHON` (default
/// `python3`) names, as CPython itself reports its path, so that a test
/// starting it does not go through a launcher again.
pub fn interpreter() -> String {
    found().map_or_else(command, |found| found.executable.clone())
}

/// The version line of the interpreter, e.g. `Python 3.11.7`, or `None` when
/// there is none (and this is not CI).
///
/// # Panics
///
/// Panics in CI when the interpreter cannot be started.
pub fn version() -> Option<String> {
    match found() {
        Some(found) => Some(found.version.clone()),
        None if in_ci() => panic!(
            "`{}` is required in CI to check our rebuild against CPython, and it did not start",
            command()
        ),
        None => {
            eprintln!(
                "skipped: `{}` not found; install Python 3 to check this against CPython",
                command()
            );
            None
        }
    }
}

/// Runs `python/<script>` (a path relative to the workspace's `python/`
/// folder) with `args`, and returns its standard output.
///
/// Returns `None` after printing a "skipped" message when no interpreter is
/// installed outside CI.
///
/// # Panics
///
/// Panics when the script exits with an error (its own `assert` failed):
/// the message carries the script's standard error, which says which claim
/// did not hold. Panics in CI when there is no interpreter.
pub fn run_script(script: &str, args: &[&str]) -> Option<String> {
    version()?;
    Some(last_attempt(script, args))
}

/// How many times [`run_script_until`] runs a script before it gives up.
pub const ATTEMPTS: usize = 3;

/// Like [`run_script`], for a script whose output depends on CPython's
/// real clock (its sleeps, rounded to ticks): runs it up to [`ATTEMPTS`]
/// times, until it exits cleanly and `accept` takes its output, and
/// returns the last output. On a loaded machine CPython's sleeps run late
/// now and then, and one late tick is noise in the reference, not a fault
/// in the code under test; three late runs in a row are a real difference.
/// The caller asserts on what comes back, so the last run's difference is
/// what a failure shows.
///
/// # Panics
///
/// When the last run exits with an error, like [`run_script`].
pub fn run_script_until(
    script: &str,
    args: &[&str],
    accept: impl Fn(&str) -> bool,
) -> Option<String> {
    version()?;
    // The loop is compiled once, not once per caller's closure.
    Some(run_until(script, args, &accept, None))
}

/// A script started by [`start`], running under CPython in the background.
/// Dropped before [`Running::output_until`] (its test failed first), it
/// stops the script.
#[derive(Debug)]
pub struct Running {
    script: String,
    args: Vec<String>,
    child: Option<Child>,
}

/// Starts `python/<script>` with `args` and returns at once, so that the
/// test can work out its own side of a comparison while CPython runs: a
/// twin that sleeps on the real clock takes a second or more, and so may
/// our side of it. [`Running::output_until`] then reads the output.
///
/// Returns `None` after printing a "skipped" message when no interpreter is
/// installed outside CI.
///
/// # Panics
///
/// Panics in CI when there is no interpreter.
pub fn start(script: &str, args: &[&str]) -> Option<Running> {
    version()?;
    Some(Running {
        script: script.to_owned(),
        args: args.iter().map(|&arg| arg.to_owned()).collect(),
        child: Some(spawn(script, args)),
    })
}

impl Running {
    /// The script's output, as [`run_script_until`] gives it: the run
    /// started by [`start`] is the first of the [`ATTEMPTS`], and a run that
    /// `accept` does not take is followed by another, one at a time.
    ///
    /// # Panics
    ///
    /// When the last run exits with an error, like [`run_script`].
    pub fn output_until(mut self, accept: impl Fn(&str) -> bool) -> String {
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        run_until(&self.script, &args, &accept, self.child.take())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // Already ended, or ended now: either way it is reaped.
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// [`run_script_until`], with `accept` behind a reference; `first` is a run
/// already started, if any, taken as the first attempt.
fn run_until(
    script: &str,
    args: &[&str],
    accept: &dyn Fn(&str) -> bool,
    mut first: Option<Child>,
) -> String {
    for round in 1..ATTEMPTS {
        let result = match first.take() {
            Some(child) => finish(script, child),
            None => attempt(script, args),
        };
        match result {
            Ok(stdout) if accept(&stdout) => return stdout,
            Ok(_) => eprintln!(
                "{script}: run {round} of {ATTEMPTS} differed from the expected output \
                 (CPython runs on the real clock); running it again"
            ),
            Err(_) => eprintln!(
                "{script}: run {round} of {ATTEMPTS} failed its own check \
                 (CPython runs on the real clock); running it again"
            ),
        }
    }
    last_attempt(script, args)
}

/// One run of a script, whose failure fails the test.
fn last_attempt(script: &str, args: &[&str]) -> String {
    match attempt(script, args) {
        Ok(stdout) => stdout,
        Err(failure) => panic!("{failure}"),
    }
}

/// Whether `out` is what the committed insta snapshot holds: the file
/// `tests/behaviour/snapshots/behaviour__<module>__<name>.snap` of the
/// crate at `manifest_dir`, after its header. For [`run_script_until`]:
/// the test then asserts the snapshot with insta as usual.
pub fn snapshot_holds(manifest_dir: &str, module: &str, name: &str, out: &str) -> bool {
    let path = Path::new(manifest_dir)
        .join("tests/behaviour/snapshots")
        .join(format!("behaviour__{module}__{name}.snap"));
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    // The header is the lines between the first two `---` lines.
    let body = text.splitn(3, "---\n").nth(2).unwrap_or("");
    body.trim_end() == out.trim_end()
}

/// One run of a script: its standard output, or why it failed.
fn attempt(script: &str, args: &[&str]) -> Result<String, String> {
    finish(script, spawn(script, args))
}

/// Starts one run of a script, its output piped back to us.
fn spawn(script: &str, args: &[&str]) -> Child {
    let path = workspace_root().join("python").join(script);
    assert!(
        path.is_file(),
        "no such script: {} (scripts live under python/)",
        path.display()
    );
    Command::new(interpreter())
        .args(FLAGS)
        .arg(&path)
        .args(args)
        .current_dir(path.parent().unwrap_or(Path::new(".")))
        .env("PYTHONHASHSEED", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the interpreter started a moment ago")
}

/// Waits for a run to end: its standard output, or why it failed.
fn finish(script: &str, child: Child) -> Result<String, String> {
    let out = child.wait_with_output().expect("reading a script's output");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.success() {
        Ok(stdout)
    } else {
        Err(format!(
            "{script} failed ({}):\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
            out.status
        ))
    }
}
