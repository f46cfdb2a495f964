//! A learner's endless loop never hangs `cargo lab check`: each suite run
//! has a time limit (compiling not counted) that ends the run, cargo's test
//! process included, and names the likely loop; `--watch` stops a stuck run
//! as soon as a file is saved. Runs real cargo on a scratch copy of the
//! fixture made into a tiny workspace.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::spawn_lab;

const STUB: &str = "exercises/01-generators/src/countdown.rs";
const LOOPING: &str = "pub fn countdown() -> u32 {\n    loop {}\n}\n";
const FIXED: &str = "pub fn countdown() -> u32 {\n    0\n}\n";

fn looping_workspace(name: &str) -> (PathBuf, PathBuf) {
    common::real_workspace(name, LOOPING)
}

/// The processes still running a test binary of `root`'s build (Linux).
fn test_processes_of(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir("/proc") else {
        return found;
    };
    let root = root.to_string_lossy().into_owned();
    for entry in entries.flatten() {
        if let Ok(cmdline) = fs::read(entry.path().join("cmdline")) {
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            // The test binary itself (its argv[0]), not the linker writing
            // it: `cc ... -o .../deps/countdown-<hash>` names it too, and
            // taking the link for the run made the watch test race.
            let program = cmdline.split(' ').next().unwrap_or_default();
            if program.contains(&root) && program.contains("/deps/countdown-") {
                found.push(cmdline);
            }
        }
    }
    found
}

#[test]
fn an_endless_loop_is_stopped_and_named() {
    let (root, target) = looping_workspace("time_limit_check");
    let target = target.to_string_lossy().into_owned();
    let env = [("CARGO_TARGET_DIR", target.as_str())];

    // Compiling is not counted: the first check builds, then runs for 1 s.
    let run = spawn_lab(&root, &["check", "1", "--time-limit", "1"], &env)
        .finish(Duration::from_secs(240))
        .expect("`cargo lab check` ends when the tests loop for ever");
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(
        run.stdout
            .contains("1.1 countdown: your code did not finish within 1 s — an endless loop?"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(STUB), "names the file: {}", run.stdout);
    assert!(run.stdout.contains("--time-limit"), "{}", run.stdout);
    assert!(
        test_processes_of(&root).is_empty(),
        "the looping test binary was killed too: {:?}",
        test_processes_of(&root)
    );

    // The environment variable sets it too; the build is done, so this is
    // quick.
    let env = [
        ("CARGO_TARGET_DIR", target.as_str()),
        ("LAB_TIME_LIMIT", "0.5"),
    ];
    let run = spawn_lab(&root, &["check", "1"], &env)
        .finish(Duration::from_secs(60))
        .expect("`cargo lab check` ends");
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(
        run.stdout.contains("did not finish within 0.5 s"),
        "{}",
        run.stdout
    );

    // A bad value is a usage error that says what it wants.
    let env = [("LAB_TIME_LIMIT", "soon")];
    let run = spawn_lab(&root, &["check", "1"], &env)
        .finish(Duration::from_secs(60))
        .unwrap();
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("seconds"), "{}", run.stderr);
}

#[test]
fn watch_stops_a_stuck_run_when_the_file_is_saved() {
    let (root, target) = looping_workspace("time_limit_watch");
    let target = target.to_string_lossy().into_owned();
    let env = [("CARGO_TARGET_DIR", target.as_str())];
    let live = spawn_lab(
        &root,
        &["check", "1", "--watch", "--time-limit", "600"],
        &env,
    );
    // Wait until the tests run (the build is done and the loop spins).
    let spinning = live.wait_for(Duration::from_secs(240), |_, _| {
        !test_processes_of(&root).is_empty()
    });
    assert!(
        spinning,
        "the looping test never started: {:?}",
        live.output()
    );

    fs::write(root.join(STUB), FIXED).unwrap();
    let rechecked = live.wait_for(Duration::from_secs(120), |out, _| {
        out.contains("All done here")
    });
    let (out, err) = live.output();
    live.kill();
    assert!(
        rechecked,
        "saving the fix did not end the stuck run:\nstdout:\n{out}\nstderr:\n{err}"
    );
    assert!(out.contains("a file changed; stopped this check"), "{out}");
    std::thread::sleep(Duration::from_millis(500));
    assert!(test_processes_of(&root).is_empty());
}
