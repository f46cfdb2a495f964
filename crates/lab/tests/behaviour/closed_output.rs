//! Output that cannot be written never panics: a closed pipe (`cargo lab
//! hint 1.1 | head -1`) ends the lab quietly with 141, as SIGPIPE ends a
//! shell tool; a full disk ends it with a one-line error and exit code 1.

use crate::common;

use std::process::{Command, Stdio};

use common::scratch_copy;

const COMMANDS: [&[&str]; 4] = [&[], &["--help"], &["demo", "1"], &["hint", "1.1", "--all"]];

#[cfg(target_os = "linux")]
fn lab_command(root: &std::path::Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lab"));
    command
        .arg("--root")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::piped());
    command
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_quietly() {
    let root = scratch_copy("closed_pipe");
    for args in COMMANDS {
        // The lab starts after a pause (the shell's), so the reader is
        // surely gone before it writes a byte.
        let mut child = Command::new("sh")
            .args(["-c", "sleep 0.3; exec \"$0\" \"$@\""])
            .arg(env!("CARGO_BIN_EXE_lab"))
            .arg("--root")
            .arg(&root)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(output.status.code(), Some(141), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}: quietly");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_a_one_line_error() {
    let root = scratch_copy("full_disk");
    for args in COMMANDS {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = lab_command(&root, args).stdout(full).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert_eq!(
            stderr.lines().collect::<Vec<_>>(),
            ["error: cannot write the output: No space left on device (os error 28)"],
            "{args:?}"
        );
    }
}
