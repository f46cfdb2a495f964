//! What the lab remembers about the learner lives in `.lab/` at the root,
//! not in `target/` (which `cargo clean` deletes), and is written
//! atomically. The stubs as shipped are known by their git blob ids in
//! crates/lab/stubs.toml, which needs no git to check against and cannot
//! drift from the stubs unnoticed.

use crate::common;

use std::fs;

use common::{lab, scratch_copy};
use lab::course::Course;
use lab::progress::{Progress, Row, Status};
use lab::stubs::{Manifest, STUBS_FILE, blob_id, mismatches};
use lab::validate::validate;
use lab::workspace::{StubState, Workspace};

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
fn every_real_stub_has_its_blob_id() {
    // An entry for each stub only: a learner's edited stub must not fail
    // `cargo test`. That every id is its stub's is `cargo lab verify`'s job,
    // in CI.
    let root = common::workspace_root();
    let course = Course::load(&root).unwrap();
    let problems = validate(&course, &root);
    assert!(
        problems.iter().all(|p| !p.contains(STUBS_FILE)),
        "{problems:#?}"
    );
}

#[test]
fn the_fixture_manifest_is_current() {
    let root = common::fixture_root();
    let course = Course::load(&root).unwrap();
    assert_eq!(mismatches(&course, &root), Vec::<String>::new());
}

#[test]
fn blob_ids_are_the_ones_git_gives() {
    // `printf '' | git hash-object --stdin`, `echo hello | git hash-object --stdin`
    assert_eq!(blob_id(b""), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    assert_eq!(
        blob_id(b"hello\n"),
        "ce013625030ba8dba906f756967f9e9ca394464a"
    );
}

#[test]
fn telling_an_edited_stub_needs_no_git() {
    // A scratch copy that is not a repository, and no git is run.
    let root = scratch_copy("state_stub_no_git");
    let workspace = Workspace::new(&root);
    let stub = std::path::Path::new("exercises/01-generators/src/countdown.rs");
    assert_eq!(workspace.stub_state(stub), StubState::Untouched);
    fs::write(root.join(stub), "// my attempt\n").unwrap();
    assert_eq!(workspace.stub_state(stub), StubState::Edited);
    fs::remove_file(root.join(stub)).unwrap();
    assert_eq!(workspace.stub_state(stub), StubState::Edited);
}

#[test]
fn a_manifest_that_drifted_is_reported_with_the_command_that_fixes_it() {
    let root = scratch_copy("state_drift");
    let course = Course::load(&root).unwrap();
    assert_eq!(mismatches(&course, &root), Vec::<String>::new());

    // A stub changed, its id not: verify's problem, with the command.
    fs::write(
        root.join("exercises/01-generators/src/countdown.rs"),
        "// a new stub\n",
    )
    .unwrap();
    let problems = mismatches(&course, &root);
    assert_eq!(problems.len(), 1, "{problems:?}");
    for part in [
        "exercises/01-generators/src/countdown.rs",
        STUBS_FILE,
        "`cargo lab stubs --write`",
    ] {
        assert!(problems[0].contains(part), "{part:?} in {problems:?}");
    }
    assert_eq!(validate(&course, &root), Vec::<String>::new());
    assert_eq!(lab(&root, &["stubs"]).code, Some(1));

    // An exercise with no entry: `cargo test`'s problem (validate).
    let manifest = root.join(STUBS_FILE);
    let text = fs::read_to_string(&manifest).unwrap();
    let without: String = text
        .lines()
        .filter(|line| !line.contains("countdown.rs"))
        .map(|line| format!("{line}\n"))
        .collect();
    fs::write(&manifest, without).unwrap();
    let problems = validate(&course, &root);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("has no entry in crates/lab/stubs.toml")
            && problems[0].contains("`cargo lab stubs --write`"),
        "{problems:?}"
    );

    // No manifest at all: `cargo test`'s problem too.
    fs::remove_file(&manifest).unwrap();
    let problems = validate(&course, &root);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("cannot read crates/lab/stubs.toml")),
        "{problems:?}"
    );

    // The command writes it anew, from the stubs in the tree.
    let run = lab(&root, &["stubs", "--write"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(validate(&course, &root), Vec::<String>::new());
    assert_eq!(mismatches(&course, &root), Vec::<String>::new());
    assert_eq!(lab(&root, &["stubs"]).code, Some(0));
    let manifest = Manifest::load(&root).unwrap();
    assert_eq!(
        manifest.id_of("exercises/01-generators/src/countdown.rs"),
        Some(blob_id(b"// a new stub\n").as_str())
    );
    assert!(
        fs::read_to_string(root.join(STUBS_FILE))
            .unwrap()
            .starts_with("# Generated by `cargo lab stubs --write`: do not edit by hand."),
    );
}

#[test]
fn an_entry_for_no_exercise_and_a_bad_id_are_reported() {
    let root = scratch_copy("state_stale_entry");
    let course = Course::load(&root).unwrap();
    let manifest = root.join(STUBS_FILE);
    let text = fs::read_to_string(&manifest).unwrap();
    fs::write(
        &manifest,
        format!(
            "{text}\"exercises/01-generators/src/gone.rs\" = \"{}\"\n",
            blob_id(b"")
        ),
    )
    .unwrap();
    let problems = mismatches(&course, &root);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("gone.rs"), "{problems:?}");

    let id = Manifest::load(&root)
        .unwrap()
        .id_of("exercises/01-generators/src/countdown.rs")
        .unwrap()
        .to_owned();
    fs::write(&manifest, text.replace(&id, &id.to_uppercase())).unwrap();
    let problems = validate(&course, &root);
    assert!(
        problems.iter().any(|p| p.contains("is not a git blob id")),
        "{problems:?}"
    );
}
