//! The lab's own TOML reader (`lab::toml_subset`): it reads every TOML file
//! of the course, refuses a malformed one with the line to look at (a
//! learner may edit `.lab/progress.toml` by hand), reads back what the lab
//! writes, and edits a manifest without touching what it does not change.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{lab, scratch_copy};
use lab::course::Course;
use lab::hints::HintLog;
use lab::manifest::{scratch_workspace, with_version};
use lab::progress::{Progress, Row, Status};
use lab::toml_subset::{self, Table, Value};

/// The string at `path`, or a panic that names it.
fn string_at<'t>(table: &'t Table, path: &[&str]) -> &'t str {
    table
        .get_path(path)
        .and_then(|item| item.value.as_str())
        .unwrap_or_else(|| panic!("no string at {path:?}"))
}

#[test]
fn every_kind_of_entry_the_course_writes_is_read() {
    let text = r#"# A comment line.
top = { chapter = 6, demo = "chess" }   # an inline table
"quoted key" = 'literal \n stays'
edition.workspace = true

[package]
name = "a \"quoted\" name\twith\\escapes \u00e9 \U0001F980"
count = -1_000
flag = false
list = [
    "one",   # a comment between values
    "two",
]
empty = []

[[chapter]]
number = 1

[[chapter.demo]]
name = "first"

[[chapter]]
number = 2

[[chapter.demo]]
name = "second"

[[chapter.demo]]
name = "third"

[profile.dev]
debug = false
"#;
    let file = toml_subset::parse(text).unwrap();
    assert_eq!(string_at(&file, &["top", "demo"]), "chess");
    assert_eq!(
        file.get_path(&["top", "chapter"]).unwrap().value,
        Value::Integer(6)
    );
    assert_eq!(string_at(&file, &["quoted key"]), "literal \\n stays");
    assert_eq!(
        file.get_path(&["edition", "workspace"]).unwrap().value,
        Value::Boolean(true)
    );
    assert_eq!(
        string_at(&file, &["package", "name"]),
        "a \"quoted\" name\twith\\escapes \u{e9} \u{1F980}"
    );
    assert_eq!(
        file.get_path(&["package", "count"]).unwrap().value,
        Value::Integer(-1000)
    );
    let Value::Array(list) = &file.get_path(&["package", "list"]).unwrap().value else {
        panic!("list is an array");
    };
    let list: Vec<_> = list.iter().map(|item| item.value.as_str()).collect();
    assert_eq!(list, [Some("one"), Some("two")]);
    assert_eq!(
        file.get_path(&["package", "empty"]).unwrap().value,
        Value::Array(Vec::new())
    );
    let Value::Tables(chapters) = &file.get("chapter").unwrap().value else {
        panic!("chapter is an array of tables");
    };
    let demos: Vec<Vec<&str>> = chapters
        .iter()
        .map(|chapter| {
            let Value::Tables(demos) = &chapter.get("demo").unwrap().value else {
                panic!("demo is an array of tables");
            };
            demos
                .iter()
                .map(|demo| string_at(demo, &["name"]))
                .collect()
        })
        .collect();
    assert_eq!(demos, [vec!["first"], vec!["second", "third"]]);
    assert_eq!(
        file.get_path(&["profile", "dev", "debug"]).unwrap().value,
        Value::Boolean(false)
    );
    // Each entry knows its line.
    assert_eq!(file.get_path(&["package", "flag"]).unwrap().line, 9);
    assert_eq!(chapters[1].line, 22);
}

/// Every `.toml` file of the workspace, outside build output.
fn toml_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy();
        if path.is_dir() {
            if !["target", "node_modules", "build"].contains(&&*name) && !name.starts_with('.') {
                toml_files(&path, found);
            }
        } else if name.ends_with(".toml") {
            found.push(path);
        }
    }
}

#[test]
fn every_toml_file_of_the_course_is_read() {
    let root = common::workspace_root();
    let mut files = Vec::new();
    toml_files(&root, &mut files);
    assert!(files.len() > 20, "found only {files:?}");
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        if let Err(err) = toml_subset::parse(&text) {
            panic!("{}: {err}", file.display());
        }
    }
    // A clone made with git's `autocrlf` (on Windows) ends its lines with
    // CRLF: the course reads the same.
    let course = fs::read_to_string(root.join("crates/lab/course.toml")).unwrap();
    let with_crlf = Course::parse(&course.replace('\n', "\r\n")).unwrap();
    let with_lf = Course::parse(&course).unwrap();
    assert_eq!(format!("{with_crlf:?}"), format!("{with_lf:?}"));

    // And the real manifests give what the lab looks up in them.
    let manifest = toml_subset::parse(&fs::read_to_string(root.join("Cargo.toml")).unwrap());
    assert!(
        string_at(
            &manifest.unwrap(),
            &["workspace", "package", "rust-version"]
        )
        .starts_with("1.")
    );
    let stage = fs::read_to_string(root.join("crates/01-generators/Cargo.toml")).unwrap();
    assert_eq!(
        string_at(&toml_subset::parse(&stage).unwrap(), &["package", "name"]),
        "aio-generators"
    );
}

#[test]
fn a_malformed_file_is_refused_with_its_line() {
    // (text, the line named, words of the message)
    let cases: &[(&str, usize, &str)] = &[
        ("a = 1\nb = \"open\n", 2, "no closing `\"`"),
        ("a = 1\n\nb 2\n", 3, "expected `=` after the key `b`"),
        (
            "a = 1\na = 2\n",
            2,
            "`a` is defined twice (the first time on line 1)",
        ),
        ("[x]\n[y]\n[x]\n", 3, "`x` is defined twice"),
        ("status = done\n", 1, "found `done`"),
        ("a = 1.5\n", 1, "not floats"),
        ("when = 2024-01-01\n", 1, "not floats, dates"),
        ("a = 007\n", 1, "not an integer"),
        ("a = [\n  1,\n  2\n", 1, "no closing `]`"),
        ("a = [1 2]\n", 1, "expected `,` or `]`"),
        ("a = 1 b = 2\n", 1, "expected the end of the line"),
        ("a = \"\\q\"\n", 1, "`\\q` is not an escape"),
        ("t = { a = 1,\n b = 2 }\n", 1, "one line"),
        ("a = \"\"\"x\"\"\"\n", 1, "multi-line strings"),
        ("[x\n", 1, "expected `]`"),
        ("a =\n", 1, "expected a value after `=`"),
        ("a.b = 1\n[a]\n", 2, "`a` is defined twice"),
        ("a = 1\n[a.b]\n", 2, "`a` is an integer already"),
        ("x = 1\n = 2\n", 2, "expected a key"),
    ];
    for &(text, line, words) in cases {
        let err = toml_subset::parse(text).expect_err(text);
        assert_eq!(err.line, line, "{text:?}: {err}");
        assert!(err.message.contains(words), "{text:?}: {err}");
        assert!(
            err.to_string().starts_with(&format!("line {line}: ")),
            "{err}"
        );
    }
}

#[test]
fn what_the_lab_writes_it_reads_back() {
    let awkward = "a \"name\" with \\ and \t and \u{1} and é";
    let progress = Progress {
        rows: vec![
            Row {
                id: "1.1".to_owned(),
                name: awkward.to_owned(),
                status: Status::NotStarted,
            },
            Row {
                id: "9.2".to_owned(),
                name: "thread_wake".to_owned(),
                status: Status::Failing,
            },
        ],
    };
    let text = progress.render();
    assert_eq!(Progress::parse(&text).unwrap(), progress, "{text}");

    let mut log = HintLog::default();
    log.mark_seen("1.1", 2);
    log.mark_seen("a key with spaces", 1);
    let text = log.render();
    assert!(text.contains("\n\"1.1\" = 2\n"), "{text}");
    assert_eq!(HintLog::parse(&text).unwrap(), log, "{text}");

    for key in ["bare-key_1", "1.1", "", "with space", "quote\"d"] {
        let line = format!(
            "{} = {}\n",
            toml_subset::key(key),
            toml_subset::quote(awkward)
        );
        let table = toml_subset::parse(&line).unwrap();
        assert_eq!(string_at(&table, &[key]), awkward, "{line}");
    }
}

#[test]
fn a_hand_edited_progress_file_gets_the_line_of_its_mistake() {
    let text = "[[exercise]]\nid = \"1.1\"\nname = \"countdown\"\nstatus = \"finished\"\n";
    let err = Progress::parse(text).unwrap_err();
    assert_eq!(err.line, 4, "{err}");
    assert!(err.message.contains("\"not-started\""), "{err}");

    let err = Progress::parse("[[exercise]]\nid = \"1.1\"\nstatus = \"done\"\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 1: `name` is missing from this [[exercise]]"
    );

    let err = HintLog::parse("[shown]\n\"1.1\" = -2\n").unwrap_err();
    assert_eq!(err.line, 2, "{err}");
    assert!(err.message.contains("must not be negative"), "{err}");

    // The tour says it ignores the file, and where it went wrong.
    let root = scratch_copy("progress_hand_edited");
    fs::create_dir_all(root.join(".lab")).unwrap();
    fs::write(root.join(".lab/progress.toml"), text).unwrap();
    let run = lab(&root, &[]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(
        run.stderr
            .contains("progress.toml is ignored: line 4: `status = \"finished\"`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_course_entry_of_the_wrong_kind_or_missing_names_its_line() {
    let start = "headline = { chapter = 1, demo = \"x\" }\n\n[[chapter]]\n";
    let err = Course::parse(&format!(
        "{start}number = \"one\"\nslug = \"a\"\ntitle = \"A\"\npackage = \"p\"\nbook = \"a.md\"\n"
    ))
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("`number` must be a whole number, not a string\n  near line 4"),
        "{err}"
    );
    let err = Course::parse(&format!("{start}number = 1\nslug = \"a\"\n")).unwrap_err();
    assert!(
        err.to_string()
            .contains("`title` is missing from this [[chapter]]\n  near line 3"),
        "{err}"
    );
}

#[test]
fn the_scratch_workspace_changes_members_and_paths_and_keeps_every_other_line() {
    let root = common::workspace_root();
    let text = fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let member = Path::new("exercises/01-generators");
    let edited = scratch_workspace(&text, Path::new("/somewhere/course"), member).unwrap();

    let before = toml_subset::parse(&text).unwrap();
    let after = toml_subset::parse(&edited).unwrap();
    let Value::Array(members) = &after.get_path(&["workspace", "members"]).unwrap().value else {
        panic!("members is an array:\n{edited}");
    };
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].value.as_str(), Some("exercises/01-generators"));
    assert!(after.get_path(&["workspace", "default-members"]).is_none());
    let path_of = |table: &Table, name: &str| {
        string_at(table, &["workspace", "dependencies", name, "path"]).to_owned()
    };
    assert_eq!(
        path_of(&after, "aio-generators"),
        format!("/somewhere/course/{}", path_of(&before, "aio-generators"))
    );

    // Line by line: only those lines differ.
    let after_lines: Vec<&str> = edited.lines().collect();
    let mut changed = Vec::new();
    for line in text.lines() {
        if !after_lines.contains(&line) {
            changed.push(line);
        }
    }
    assert!(!changed.is_empty());
    for line in changed {
        assert!(
            line.starts_with("members =")
                || line.starts_with("default-members =")
                || line.contains("{ path = \""),
            "the scratch manifest changed a line it should keep: {line:?}\n{edited}"
        );
    }
    assert_eq!(edited.lines().count(), text.lines().count() - 1);
}

#[test]
fn a_manifest_the_edits_cannot_make_safely_is_refused() {
    let inline = "workspace = { members = [\"a\"], default-members = [\"a\"] }\n";
    let err = scratch_workspace(inline, Path::new("/r"), Path::new("b")).unwrap_err();
    assert!(err.contains("shares its line"), "{err}");
    let no_members = "[workspace]\nresolver = \"3\"\n";
    let err = scratch_workspace(no_members, Path::new("/r"), Path::new("b")).unwrap_err();
    assert!(err.contains("no `members`"), "{err}");
    let err = with_version(
        "[package]\nname = \"x\"\nversion.workspace = true\n",
        "1.0.0",
    )
    .unwrap_err();
    assert!(err.contains("no `version = \"…\"`"), "{err}");
}

#[test]
fn the_version_edit_changes_one_line() {
    let root = common::workspace_root();
    let text = fs::read_to_string(root.join("exercises/01-generators/Cargo.toml")).unwrap();
    let edited = with_version(&text, "0.0.0-wrong.countdown-skips").unwrap();
    let differ: Vec<(&str, &str)> = text
        .lines()
        .zip(edited.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        differ,
        [(
            "version = \"0.1.0\"",
            "version = \"0.0.0-wrong.countdown-skips\""
        )]
    );
    assert_eq!(text.lines().count(), edited.lines().count());
}
