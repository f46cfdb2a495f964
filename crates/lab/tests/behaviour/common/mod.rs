//! Helpers shared by the lab's tests: run the real binary on a fixture
//! workspace, and make scratch copies of fixtures that a test may change.
#![allow(dead_code)] // each test file uses some of these

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The fixture workspace: a small course.toml and the files it names.
pub fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/course")
}

/// The real workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// What one run of `lab` did.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `lab --root <root> <args>` with stdin, stdout and stderr piped (not
/// a terminal) and colour settings cleared from the environment.
pub fn lab(root: &Path, args: &[&str]) -> Run {
    lab_with_env(root, args, &[])
}

/// Like [`lab`], with extra environment variables.
pub fn lab_with_env(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lab"));
    command
        .arg("--root")
        .arg(root)
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .stdin(Stdio::null());
    for (key, value) in env {
        command.env(key, value);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().expect("the lab binary runs");
    Run {
        code: status.code(),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

/// A fresh copy of the fixture workspace under cargo's scratch folder for
/// tests, named after the test so tests running in parallel do not share.
pub fn scratch_copy(name: &str) -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("lab")
        .join(name);
    if target.exists() {
        fs::remove_dir_all(&target).expect("the old scratch copy can be removed");
    }
    copy_dir(&fixture_root(), &target);
    target
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("the scratch folder can be created");
    for entry in fs::read_dir(from).expect("the fixture can be listed") {
        let entry = entry.expect("a fixture entry");
        let destination = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &destination);
        } else {
            fs::copy(entry.path(), &destination).expect("a fixture file can be copied");
        }
    }
}

/// A `lab` process still running, its output collected as it comes.
pub struct Live {
    child: std::process::Child,
    stdout: std::sync::Arc<std::sync::Mutex<String>>,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

/// Starts `lab --root <root> <args>` with extra environment variables and
/// returns at once.
pub fn spawn_lab(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Live {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lab"));
    command
        .arg("--root")
        .arg(root)
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("the lab binary runs");
    let collect = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        let text = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let sink = std::sync::Arc::clone(&text);
        if let Some(mut pipe) = pipe {
            std::thread::spawn(move || {
                let mut buffer = [0; 4096];
                while let Ok(n @ 1..) = pipe.read(&mut buffer) {
                    sink.lock()
                        .unwrap()
                        .push_str(&String::from_utf8_lossy(&buffer[..n]));
                }
            });
        }
        text
    };
    use std::io::Read as _;
    let stdout = collect(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = collect(child.stderr.take().map(|p| Box::new(p) as _));
    Live {
        child,
        stdout,
        stderr,
    }
}

impl Live {
    /// What it printed so far, stdout then stderr.
    pub fn output(&self) -> (String, String) {
        (
            self.stdout.lock().unwrap().clone(),
            self.stderr.lock().unwrap().clone(),
        )
    }

    /// Waits until `done(stdout, stderr)` holds, for at most `limit`;
    /// whether it did.
    pub fn wait_for(&self, limit: std::time::Duration, done: impl Fn(&str, &str) -> bool) -> bool {
        let start = std::time::Instant::now();
        while start.elapsed() < limit {
            let (out, err) = self.output();
            if done(&out, &err) {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        false
    }

    /// Waits for it to exit, for at most `limit`; its run if it did, else
    /// `None` (and it is killed).
    pub fn finish(mut self, limit: std::time::Duration) -> Option<Run> {
        let start = std::time::Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("the lab can be waited for") {
                break Some(status);
            }
            if start.elapsed() > limit {
                break None;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        };
        let Some(status) = status else {
            self.kill();
            return None;
        };
        // Let the readers catch the last bytes.
        std::thread::sleep(std::time::Duration::from_millis(100));
        let (stdout, stderr) = self.output();
        Some(Run {
            code: status.code(),
            stdout,
            stderr,
        })
    }

    /// Ends it.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The fixture, made a real cargo workspace: exercise 1.1's stub is
/// `countdown` (a `pub fn countdown() -> u32`) and its test wants 0; 1.2
/// passes. Returns the root and a target folder of its own, so its builds
/// never wait for the lock of the `cargo test` that runs us.
pub fn real_workspace(name: &str, countdown: &str) -> (PathBuf, PathBuf) {
    let root = scratch_copy(name);
    let write = |path: &str, text: &str| fs::write(root.join(path), text).unwrap();
    write(
        "Cargo.toml",
        "[workspace]\nmembers = [\"exercises/01-generators\"]\nresolver = \"2\"\n",
    );
    write(
        "exercises/01-generators/Cargo.toml",
        "[package]\nname = \"ex01-generators\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
         [lib]\npath = \"src/lib.rs\"\n",
    );
    write(
        "exercises/01-generators/src/lib.rs",
        "pub mod countdown;\npub mod echo;\n",
    );
    write("exercises/01-generators/src/countdown.rs", countdown);
    write(
        "exercises/01-generators/src/echo.rs",
        "pub fn echo(x: u32) -> u32 {\n    x\n}\n",
    );
    write(
        "exercises/01-generators/tests/countdown.rs",
        "#[test]\nfn counts_down() {\n    assert_eq!(ex01_generators::countdown::countdown(), 0);\n}\n",
    );
    write(
        "exercises/01-generators/tests/echo.rs",
        "#[test]\nfn echoes() {\n    assert_eq!(ex01_generators::echo::echo(3), 3);\n}\n",
    );
    // A target folder beside the copy, not in it: `--watch` ignores it
    // anyway, but a scratch copy is remade from the fixture each run.
    let target = root.with_extension("target");
    (root, target)
}
