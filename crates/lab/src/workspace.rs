//! The workspace the lab works on, and the two tools it drives: cargo and
//! git.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

use crate::error::LabError;

/// The workspace root and the lab's own folder inside `target/`.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The folder with the workspace `Cargo.toml`; every relative path in
    /// the lab is relative to it.
    root: PathBuf,
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
}

/// Whether an exercise's stub differs from the last commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StubState {
    /// Identical to the committed stub: the learner has not touched it.
    Untouched,
    /// Edited (or deleted) since the last commit.
    Edited,
    /// git is not installed, or this is not a git checkout.
    Unknown,
}

impl Workspace {
    /// A workspace rooted at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Workspace { root: root.into() }
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

    /// `target/lab`: where the lab keeps the learner's progress and hint
    /// counts. It is inside `target/` so `cargo clean` forgets them and git
    /// never sees them.
    pub fn state_dir(&self) -> PathBuf {
        self.root.join("target").join("lab")
    }

    /// A `cargo` command run from the root. Uses the cargo that started us
    /// (`$CARGO`) when there is one, so `cargo +nightly lab` stays on
    /// nightly.
    pub fn cargo(&self) -> Command {
        let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut command = Command::new(program);
        command.current_dir(&self.root);
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
    /// `--` (for example `--locked` or `--no-run`).
    pub fn run_suite(
        &self,
        package: &str,
        test: &str,
        extra: &[&str],
    ) -> Result<SuiteRun, LabError> {
        self.run_test_target(package, test, extra, &[])
    }

    /// Runs one exercise's suite against the solutions. They link every
    /// suite of a chapter into one test binary, `suites`, one module per
    /// exercise, so this runs that binary with the filter `<test>::`.
    pub fn run_solution_suite(
        &self,
        package: &str,
        test: &str,
        extra: &[&str],
    ) -> Result<SuiteRun, LabError> {
        let filter = format!("{test}::");
        self.run_test_target(package, SOLUTION_SUITES, extra, &[&filter])
    }

    /// `cargo test --quiet -p <package> --test <target> <extra> -- <args>`.
    fn run_test_target(
        &self,
        package: &str,
        target: &str,
        extra: &[&str],
        args: &[&str],
    ) -> Result<SuiteRun, LabError> {
        let mut command = self.cargo();
        command
            .args(["test", "--quiet", "-p", package, "--test", target])
            .args(extra);
        if !args.is_empty() {
            command.arg("--").args(args);
        }
        let output = command
            // A backtrace buries the assertion that failed, which is what a
            // learner needs to read; the command shown with `--verbose` can
            // be rerun with backtraces for more.
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::null())
            .output()
            .map_err(|err| cargo_missing(&err))?;
        Ok(SuiteRun {
            passed: output.status.success(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
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

    /// Whether `file` (relative to the root) still matches the last commit,
    /// by `git diff --quiet HEAD -- <file>`.
    pub fn stub_state(&self, file: &Path) -> StubState {
        let quietly = |args: &[&std::ffi::OsStr]| {
            self.git()
                .args(args)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .ok()
                .and_then(|s| s.code())
        };
        // First: is there a committed version to compare with? Outside a
        // repository `git diff` falls back to comparing files and answers
        // "different", and for an untracked file it answers "same"; neither
        // would be true. (`HEAD:./path` is relative to the current folder.)
        let committed = format!("HEAD:./{}", file.display());
        if quietly(&["cat-file".as_ref(), "-e".as_ref(), committed.as_ref()]) != Some(0) {
            return StubState::Unknown;
        }
        match quietly(&[
            "diff".as_ref(),
            "--quiet".as_ref(),
            "HEAD".as_ref(),
            "--".as_ref(),
            file.as_os_str(),
        ]) {
            Some(0) => StubState::Untouched,
            Some(1) => StubState::Edited,
            _ => StubState::Unknown,
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

/// The error for a cargo that could not be started.
fn cargo_missing(err: &io::Error) -> LabError {
    LabError::failure(format!("could not run cargo: {err}"))
        .help("the lab drives cargo; check that `cargo --version` works in this shell")
}
