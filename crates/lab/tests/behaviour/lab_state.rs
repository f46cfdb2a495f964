//! What the lab remembers about the learner lives in `.lab/` at the root,
//! not in `target/` (which `cargo clean` deletes), and is written
//! atomically; the shipped stubs cannot drift from the stubs.

use crate::common;

use std::fs;

use common::{lab, scratch_copy};
use lab::course::Course;
use lab::progress::{Progress, Row, Status};
use lab::validate::{shipped_stubs_match, validate};
use lab::workspace::Workspace;

#[test]
fn progress_and_hints_survive_cargo_clean() {
    let root = scratch_copy("state_outside_target");
    let workspace = Workspace::new(&root);
    let progress = Progress {
        rows: vec![Row {
            id: "1.1".to_owned(),
            name: "countdown".to_owned(),
            status: Status::Done,
        }],
    };
    progress.save(&workspace).unwrap();
    assert_eq!(lab(&root, &["hint", "1.1"]).code, Some(0));

    let _ = fs::remove_dir_all(root.join("target")); // `cargo clean`
    assert_eq!(Progress::load(&workspace), Some(progress));
    assert!(root.join(".lab/progress.toml").is_file());
    let run = lab(&root, &["hint", "1.1"]);
    assert!(run.stdout.contains("hint 2 of 2"), "{}", run.stdout);

    // Written through a temporary file and a rename: none is left over.
    let names: Vec<String> = fs::read_dir(root.join(".lab"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn progress_from_an_older_lab_is_still_read() {
    let root = scratch_copy("state_migrated");
    fs::create_dir_all(root.join("target/lab")).unwrap();
    fs::write(
        root.join("target/lab/progress.toml"),
        "[[exercise]]\nid = \"1.1\"\nname = \"countdown\"\nstatus = \"failing\"\n",
    )
    .unwrap();
    let progress = Progress::load(&Workspace::new(&root)).unwrap();
    assert_eq!(progress.status_of("1.1"), Some(Status::Failing));
}

#[test]
fn every_real_stub_has_its_shipped_copy() {
    // Existence only: a learner's edited stub must not fail `cargo test`.
    // That every copy is identical is `cargo lab verify`'s job, in CI.
    let root = common::workspace_root();
    let course = Course::load(&root).unwrap();
    let problems = validate(&course, &root);
    assert!(
        problems.iter().all(|p| !p.contains("shipped copy")),
        "{problems:#?}"
    );
}

#[test]
fn a_shipped_copy_that_drifted_is_reported() {
    let root = scratch_copy("state_drift");
    let course = Course::load(&root).unwrap();
    assert_eq!(shipped_stubs_match(&course, &root), Vec::<String>::new());

    fs::write(
        root.join("exercises/01-generators/src/countdown.rs"),
        "// a new stub\n",
    )
    .unwrap();
    let problems = shipped_stubs_match(&course, &root);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("crates/lab/stubs/exercises/01-generators/src/countdown.rs"),
        "{problems:?}"
    );

    fs::remove_file(root.join("crates/lab/stubs/exercises/01-generators/src/countdown.rs"))
        .unwrap();
    let problems = validate(&course, &root);
    assert!(
        problems.iter().any(|p| p.contains("has no shipped copy")),
        "{problems:?}"
    );
}
