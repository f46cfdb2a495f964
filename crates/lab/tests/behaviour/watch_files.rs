//! `cargo lab check --watch` notices a saved file by looking at the files
//! under exercises/ every quarter of a second; what it ignores: `target/`
//! folders, hidden files and editors' backups.

use std::fs;
use std::path::PathBuf;
use std::thread;
use std::time::Duration;

use lab::commands::Changes;

/// Longer than the watcher waits between two looks.
const AFTER_A_LOOK: Duration = Duration::from_millis(300);

fn folder(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::create_dir_all(dir.join("target")).unwrap();
    fs::write(dir.join("src/lib.rs"), "// the stub\n").unwrap();
    dir
}

#[test]
fn a_save_is_seen_and_build_output_and_editor_files_are_not() {
    let dir = folder("watch_saves");
    let changes = Changes::watch(&dir).unwrap();
    fs::write(dir.join("target/build-output"), "x").unwrap();
    fs::write(dir.join("src/.lib.rs.swp"), "x").unwrap();
    fs::write(dir.join("src/lib.rs~"), "x").unwrap();
    thread::sleep(AFTER_A_LOOK);
    assert!(
        !changes.saved(),
        "a change under target/, a hidden file or a backup is no save"
    );

    fs::write(dir.join("src/lib.rs"), "// the stub, completed\n").unwrap();
    thread::sleep(AFTER_A_LOOK);
    assert!(changes.saved(), "a saved source file is a save");
    thread::sleep(AFTER_A_LOOK);
    assert!(!changes.saved(), "and it is reported once");

    fs::write(dir.join("src/new.rs"), "").unwrap();
    thread::sleep(AFTER_A_LOOK);
    assert!(changes.saved(), "a new file is a save");
    fs::remove_file(dir.join("src/new.rs")).unwrap();
    thread::sleep(AFTER_A_LOOK);
    assert!(changes.saved(), "so is a removed one");
}

#[test]
fn wait_returns_after_a_save() {
    let dir = folder("watch_wait");
    let changes = Changes::watch(&dir).unwrap();
    let file = dir.join("src/lib.rs");
    let saver = thread::spawn(move || {
        thread::sleep(AFTER_A_LOOK);
        fs::write(file, "// saved\n").unwrap();
    });
    changes.wait().unwrap();
    saver.join().unwrap();
}

#[test]
fn a_missing_folder_cannot_be_watched() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("watch_nothing_here");
    let err = Changes::watch(&dir).unwrap_err();
    assert!(err.message().contains("cannot watch"), "{err}");
}
