//! The workspace the lab works on, and the two tools it drives: cargo and
//! git.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Read, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::error::LabError;
use crate::stubs::{Manifest, blob_id};

/// The lab's own folder at the root, for what it remembers about the
/// learner.
pub const STATE_DIR: &str = ".lab";

/// The workspace root, and where the lab keeps its files in it.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The folder with the workspace `Cargo.toml`; every relative path in
    /// the lab is relative to it.
    root: PathBuf,
    /// cargo's target folder, when it is not cargo's own choice (a scratch
    /// copy of the exercises shares the real workspace's, so what is built
    /// already is not built again).
    target_dir: Option<PathBuf>,
}

/// The one test binary of a solutions crate: `solutions/NN-slug/tests/suites.rs`.
pub const SOLUTION_SUITES: &str = "suites";

/// What one run of a test suite printed, and whether it passed.
#[derive(Debug, Clone)]
pub struct SuiteRun {
    /// True when cargo exited with success: it compiled and every test
    /// passed.
    pub passed: bool,
    /// What the test binary printed (its report and the failures).
    pub stdout: String,
    /// What cargo printed (compiler errors and warnings).
    pub stderr: String,
    /// How the run ended: by itself, or stopped by the lab.
    pub ending: Ending,
}

/// How a suite run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// cargo exited by itself (whether the tests passed or not).
    Exited,
    /// It ran past its time limit and was killed: most likely an endless
    /// loop in the code under test.
    TimedOut(Duration),
    /// It was stopped because the caller asked (`--watch` saw a save).
    Interrupted,
}

/// The bounds of one suite run: a time limit, and a question asked every
/// few milliseconds whose `true` stops the run.
#[derive(Clone, Copy, Default)]
pub struct Limit<'a> {
    /// Kill the run when it takes longer than this.
    pub time: Option<Duration>,
    /// Kill the run as soon as this returns true.
    pub interrupt: Option<&'a dyn Fn() -> bool>,
}

impl std::fmt::Debug for Limit<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limit")
            .field("time", &self.time)
            .field("interrupt", &self.interrupt.is_some())
            .finish()
    }
}

/// The time limit of a test run when neither `--time-limit` nor
/// `LAB_TIME_LIMIT` says otherwise. Generous: compilation is not counted,
/// and the slowest solution's suite runs in a few seconds.
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(60);

/// The environment variable that sets the time limit, in seconds.
pub const TIME_LIMIT_VAR: &str = "LAB_TIME_LIMIT";

/// Parses a time limit in seconds (`60`, `0.5`), as given to `--time-limit`
/// or in `LAB_TIME_LIMIT`.
pub fn parse_time_limit(text: &str) -> Result<Duration, String> {
    match text.trim().parse::<f64>() {
        Ok(secs) if secs.is_finite() && secs > 0.0 && secs < 1e9 => {
            Ok(Duration::from_secs_f64(secs))
        }
        _ => Err(format!(
            "`{text}` is not a time limit: give a number of seconds above zero, like 60 or 2.5"
        )),
    }
}

/// The time limit to use: the one given on the command line, else
/// `LAB_TIME_LIMIT`, else [`DEFAULT_TIME_LIMIT`].
pub fn time_limit(given: Option<Duration>) -> Result<Duration, LabError> {
    if let Some(given) = given {
        return Ok(given);
    }
    match std::env::var(TIME_LIMIT_VAR) {
        Ok(text) if !text.trim().is_empty() => parse_time_limit(&text).map_err(|why| {
            LabError::usage(format!("{TIME_LIMIT_VAR}: {why}"))
                .help(format!("unset {TIME_LIMIT_VAR} to use the default of 60 s"))
        }),
        _ => Ok(DEFAULT_TIME_LIMIT),
    }
}

/// Formats a duration in seconds the way the lab says it: `60 s`, `0.5 s`.
pub fn seconds(duration: Duration) -> String {
    let secs = duration.as_secs_f64();
    if secs.fract() == 0.0 {
        format!("{secs:.0} s")
    } else {
        format!("{} s", (secs * 1000.0).round() / 1000.0)
    }
}

/// Whether an exercise's stub differs from the stub as shipped with the
/// course (its blob id in [`crate::stubs::STUBS_FILE`]), whatever the learner committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StubState {
    /// Identical to the shipped stub: the learner has not touched it.
    Untouched,
    /// Edited (or deleted): it differs from the shipped stub.
    Edited,
    /// The manifest has no id to compare with (or cannot be read).
    Unknown,
}

impl Workspace {
    /// A workspace rooted at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Workspace {
            root: root.into(),
            target_dir: None,
        }
    }

    /// The same workspace, with cargo building into `dir`.
    pub fn with_target_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.target_dir = Some(dir.into());
        self
    }

    /// cargo's target folder for this workspace: the one set with
    /// [`Workspace::with_target_dir`], else `CARGO_TARGET_DIR`, else
    /// `target/` under the root.
    pub fn target_dir(&self) -> PathBuf {
        if let Some(dir) = &self.target_dir {
            return dir.clone();
        }
        match std::env::var_os("CARGO_TARGET_DIR") {
            Some(dir) if !dir.is_empty() => {
                let dir = PathBuf::from(dir);
                if dir.is_absolute() {
                    dir
                } else {
                    std::env::current_dir().map_or(dir.clone(), |here| here.join(&dir))
                }
            }
            _ => self.root.join("target"),
        }
    }

    /// The workspace this binary was built in: two folders above the lab
    /// crate's manifest.
    pub fn from_build() -> Self {
        let lab = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = lab
            .parent()
            .and_then(Path::parent)
            .map_or_else(|| lab.to_path_buf(), Path::to_path_buf);
        Workspace::new(root)
    }

    /// The workspace root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A path relative to the root, made absolute.
    pub fn path(&self, relative: impl AsRef<Path>) -> PathBuf {
        self.root.join(relative)
    }

    /// `.lab`: where the lab keeps the learner's progress, hint counts and
    /// the backups of reset stubs. Outside `target/`, so `cargo clean` does
    /// not delete them; `.gitignore` keeps git from seeing them.
    pub fn state_dir(&self) -> PathBuf {
        self.root.join(STATE_DIR)
    }

    /// Creates [`Workspace::state_dir`] if needed, with a `.gitignore` of
    /// its own that keeps git from seeing it even where the course's
    /// `.gitignore` is missing.
    pub fn ensure_state_dir(&self) -> io::Result<PathBuf> {
        let dir = self.state_dir();
        fs::create_dir_all(&dir)?;
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            fs::write(
                &ignore,
                "# The lab's memory of your work (progress, hints, backups): not for git.\n*\n",
            )?;
        }
        Ok(dir)
    }

    /// `.lab/backups`: a copy of every version of a stub that `cargo lab
    /// reset` discarded.
    pub fn backups_dir(&self) -> PathBuf {
        self.state_dir().join("backups")
    }

    /// The blob id of the stub at `file` (relative to the root) as shipped,
    /// from [`crate::stubs::STUBS_FILE`]; `None` if the manifest cannot be read or has no
    /// entry for it.
    pub fn shipped_stub_id(&self, file: &Path) -> Option<String> {
        let manifest = Manifest::load(&self.root).ok()?;
        manifest.id_of(&manifest_key(file)).map(ToOwned::to_owned)
    }

    /// The stub at `file` as shipped: the blob `id` from the clone's git
    /// history (`git cat-file blob <id>`), where it stays whatever the
    /// learner committed since. Fails with what to do instead when git
    /// cannot be run or does not have the blob (a copy of the course that
    /// is not a git clone); nothing is changed then.
    pub fn shipped_stub(&self, file: &Path, id: &str) -> Result<Vec<u8>, LabError> {
        let instead = [
            format!(
                "your {} is unchanged; to get the original stub, copy it from a fresh clone \
                 of the course over yours",
                file.display()
            ),
            "the versions that earlier resets discarded are listed by `cargo lab reset --list`"
                .to_owned(),
        ];
        let with_help = |error: LabError| {
            instead
                .iter()
                .fold(error, |error, line| error.help(line.clone()))
        };
        let output = match self
            .git()
            .args(["cat-file", "blob", id])
            .stdin(Stdio::null())
            .output()
        {
            Ok(output) => output,
            Err(err) => {
                return Err(with_help(
                    LabError::failure(format!(
                        "cannot restore {}: the original stub is in the course's git history, \
                         and git could not be run ({err})",
                        file.display()
                    ))
                    .help("install git (https://git-scm.com/downloads) and try again"),
                ));
            }
        };
        if !output.status.success() {
            let said = String::from_utf8_lossy(&output.stderr);
            let said = said.lines().next().unwrap_or("").trim();
            return Err(with_help(LabError::failure(format!(
                "cannot restore {}: git does not have the original stub (blob {id}){}",
                file.display(),
                if said.is_empty() {
                    String::new()
                } else {
                    format!(": {said}")
                }
            ))
            .help("`cargo lab reset` works in a git clone of the course, whose history has every stub as shipped")));
        }
        if blob_id(&output.stdout) != id {
            return Err(with_help(LabError::failure(format!(
                "cannot restore {}: git gave back something other than blob {id}",
                file.display()
            ))));
        }
        Ok(output.stdout)
    }

    /// A `cargo` command run from the root. Uses the cargo that started us
    /// (`$CARGO`) when there is one, so `cargo +nightly lab` stays on
    /// nightly.
    pub fn cargo(&self) -> Command {
        let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut command = Command::new(program);
        command.current_dir(&self.root);
        if let Some(dir) = &self.target_dir {
            command.env("CARGO_TARGET_DIR", dir);
        }
        command
    }

    /// A `git` command run from the root.
    pub fn git(&self) -> Command {
        let mut command = Command::new("git");
        command.current_dir(&self.root);
        command
    }

    /// Runs one test target of a package, capturing its output:
    /// `cargo test --quiet -p <package> --test <test>`. `extra` goes before
    /// `--` (for example `--locked` or `--no-run`); `limit` bounds the run.
    pub fn run_suite(
        &self,
        package: &str,
        test: &str,
        extra: &[&str],
        limit: Limit<'_>,
    ) -> Result<SuiteRun, LabError> {
        self.run_test_target(package, test, extra, &[], limit)
    }

    /// Runs one exercise's suite against the solutions. They link every
    /// suite of a chapter into one test binary, `suites`, one module per
    /// exercise, so this runs that binary with the filter `<test>::`.
    pub fn run_solution_suite(
        &self,
        package: &str,
        test: &str,
        extra: &[&str],
        limit: Limit<'_>,
    ) -> Result<SuiteRun, LabError> {
        let filter = format!("{test}::");
        self.run_test_target(package, SOLUTION_SUITES, extra, &[&filter], limit)
    }

    /// `cargo test --quiet -p <package> --test <target> <extra> -- <args>`,
    /// within `limit`.
    ///
    /// cargo runs the test binary as its own child, so killing cargo alone
    /// would leave a looping test running. So cargo runs under a guard (this
    /// same program, `lab __guard`) in a process group of its own, and a run
    /// past its limit is ended by killing that whole group. The guard also
    /// ends the group when the lab itself goes away (Ctrl-C): it reads its
    /// stdin, a pipe from the lab, and the pipe closes when the lab exits.
    fn run_test_target(
        &self,
        package: &str,
        target: &str,
        extra: &[&str],
        args: &[&str],
        limit: Limit<'_>,
    ) -> Result<SuiteRun, LabError> {
        let mut cargo_args: Vec<OsString> = ["test", "--quiet", "-p", package, "--test", target]
            .iter()
            .chain(extra)
            .map(OsString::from)
            .collect();
        if !args.is_empty() {
            cargo_args.push("--".into());
            cargo_args.extend(args.iter().map(OsString::from));
        }
        let mut command = guarded(self.cargo(), &cargo_args);
        let mut child = command
            // A backtrace buries the assertion that failed, which is what a
            // learner needs to read; the command shown with `--verbose` can
            // be rerun with backtraces for more.
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|err| cargo_missing(&err))?;
        // Held open until the run is over: its closing tells the guard to
        // end the group.
        let lifeline = child.stdin.take();
        let stdout = read_in_background(child.stdout.take());
        let stderr = read_in_background(child.stderr.take());

        let started = Instant::now();
        let ending = loop {
            match child.try_wait() {
                Ok(Some(_)) => break Ending::Exited,
                Ok(None) => {}
                Err(err) => {
                    kill_group(&mut child);
                    return Err(LabError::failure(format!("lost track of cargo: {err}")));
                }
            }
            if let Some(time) = limit.time.filter(|t| started.elapsed() >= *t) {
                kill_group(&mut child);
                break Ending::TimedOut(time);
            }
            if limit.interrupt.is_some_and(|stop| stop()) {
                kill_group(&mut child);
                break Ending::Interrupted;
            }
            thread::sleep(POLL);
        };
        let status = child
            .wait()
            .map_err(|err| LabError::failure(format!("lost track of cargo: {err}")))?;
        drop(lifeline);
        Ok(SuiteRun {
            passed: ending == Ending::Exited && status.success(),
            stdout: stdout(),
            stderr: stderr(),
            ending,
        })
    }

    /// Runs a cargo command with the terminal attached, so its output
    /// streams as it comes.
    pub fn run_cargo_streaming(&self, args: &[&str]) -> Result<ExitStatus, LabError> {
        self.cargo()
            .args(args)
            .status()
            .map_err(|err| cargo_missing(&err))
    }

    /// Whether `file` (relative to the root) is still the stub as shipped:
    /// whether its blob id is the one in [`crate::stubs::STUBS_FILE`]. Needs no git.
    pub fn stub_state(&self, file: &Path) -> StubState {
        let Some(shipped) = self.shipped_stub_id(file) else {
            return StubState::Unknown;
        };
        match fs::read(self.path(file)) {
            Ok(current) if blob_id(&current) == shipped => StubState::Untouched,
            _ => StubState::Edited,
        }
    }

    /// Fails with a clear message unless git can be run.
    pub fn require_git(&self, why: &str) -> Result<(), LabError> {
        let works = self
            .git()
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if works {
            Ok(())
        } else {
            Err(
                LabError::failure(format!("{why} needs git, and git could not be run"))
                    .help("install git (https://git-scm.com/downloads) and try again"),
            )
        }
    }
}

/// How often a running suite is checked on (has it ended, is it past its
/// limit, should it stop).
const POLL: Duration = Duration::from_millis(20);

/// The hidden first argument that makes `lab` a guard (see
/// [`run_guard`]).
pub const GUARD: &str = "__guard";

/// `command` (a cargo command) to be run under a guard in a process group
/// of its own, where the platform has process groups.
#[cfg(unix)]
fn guarded(command: Command, args: &[OsString]) -> Command {
    use std::os::unix::process::CommandExt;
    let Ok(me) = std::env::current_exe() else {
        let mut command = command;
        command.args(args).process_group(0);
        return command;
    };
    let mut guard = Command::new(me);
    guard
        .arg(GUARD)
        .arg(command.get_program())
        .args(args)
        .process_group(0);
    if let Some(dir) = command.get_current_dir() {
        guard.current_dir(dir);
    }
    guard
}

/// Without process groups, cargo runs directly and only it can be killed.
#[cfg(not(unix))]
fn guarded(mut command: Command, args: &[OsString]) -> Command {
    command.args(args);
    command
}

/// Kills a run: its whole process group where there are groups (cargo, the
/// test binary, whatever the tests started), else the child itself.
fn kill_group(child: &mut Child) {
    #[cfg(unix)]
    kill_process_group(child.id());
    let _ = child.kill();
}

/// Sends SIGKILL to the process group `group` (with `kill(1)`, as the lab
/// has no `unsafe` to call `kill(2)` with).
#[cfg(unix)]
fn kill_process_group(group: u32) {
    let _ = Command::new("kill")
        .args(["-s", "KILL", "--", &format!("-{group}")])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// The guard, `lab __guard PROGRAM ARGS...`: the leader of a suite run's
/// process group. Runs the program with the same stdout and stderr, and
/// exits with its exit code; if its stdin (a pipe from the lab) closes
/// first, the lab is gone, so it kills the whole group, itself included.
pub fn run_guard(mut args: impl Iterator<Item = OsString>) -> std::process::ExitCode {
    let Some(program) = args.next() else {
        return std::process::ExitCode::from(2);
    };
    thread::spawn(|| {
        let _ = io::copy(&mut io::stdin().lock(), &mut io::sink());
        #[cfg(unix)]
        kill_process_group(std::process::id());
        std::process::exit(1);
    });
    match Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .status()
    {
        Ok(status) => exit_code_of(status),
        Err(err) => {
            let _ = writeln!(io::stderr(), "error: could not run cargo: {err}");
            std::process::ExitCode::from(127)
        }
    }
}

/// The exit code that passes `status` on: its own, or 128 + the signal that
/// ended it, as a shell reports it.
fn exit_code_of(status: ExitStatus) -> std::process::ExitCode {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return std::process::ExitCode::from(u8::try_from(128 + signal).unwrap_or(u8::MAX));
        }
    }
    let code = status.code().unwrap_or(1);
    std::process::ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// Reads a child's output on a thread; the returned function waits for it
/// (but not for ever: a process that escaped the kill may hold the pipe).
fn read_in_background<R: Read + Send + 'static>(pipe: Option<R>) -> impl FnOnce() -> String {
    let (sender, receiver) = mpsc::channel();
    if let Some(mut pipe) = pipe {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            let _ = sender.send(String::from_utf8_lossy(&bytes).into_owned());
        });
    }
    move || {
        receiver
            .recv_timeout(Duration::from_secs(2))
            .unwrap_or_default()
    }
}

/// The error for a cargo that could not be started.
fn cargo_missing(err: &io::Error) -> LabError {
    LabError::failure(format!("could not run cargo: {err}"))
        .help("the lab drives cargo; check that `cargo --version` works in this shell")
}

/// The key of the stub at `file` in [`crate::stubs::STUBS_FILE`]: its path from the
/// root with `/` between folders, as `course.toml` writes it.
fn manifest_key(file: &Path) -> String {
    file.components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
