//! The wrong answers kept under `tests/NN-slug/wrong/` are written as
//! changes to a solution: each fixture must still apply to its solution,
//! and a change that no longer finds its lines says so.

use std::fs;
use std::path::Path;

use crate::common;

use lab::commands::wrong_answer;
use lab::course::Course;

const SOLUTION: &str = "fn one() -> u32 {\n    1\n}\n\nfn two() -> u32 {\n    2\n}\n";

#[test]
fn the_changes_are_made_in_order_and_the_rest_is_kept() {
    let fixture = "// expect: one is wrong\n\n@@ solution\n    1\n@@ wrong\n    0\n@@ end\n\n\
                   @@ solution\nfn two() -> u32 {\n@@ wrong\nfn two() -> u64 {\n@@ end\n";
    let made = wrong_answer(fixture, SOLUTION, Path::new("sol.rs"));
    assert_eq!(
        made.as_deref(),
        Ok("fn one() -> u32 {\n    0\n}\n\nfn two() -> u64 {\n    2\n}\n"),
        "the wrong answer is not the solution with both changes made"
    );
}

#[test]
fn lines_found_twice_or_not_at_all_are_refused_with_the_fix() {
    let twice = "@@ solution\n}\n@@ wrong\n};\n@@ end\n";
    let err = wrong_answer(twice, SOLUTION, Path::new("sol.rs")).unwrap_err();
    assert!(
        err.contains("2 times, not once") && err.contains("update the fixture"),
        "a change whose lines are in the solution twice was not refused clearly: {err}"
    );
    let gone = "@@ solution\n    3\n@@ wrong\n    4\n@@ end\n";
    let err = wrong_answer(gone, SOLUTION, Path::new("sol.rs")).unwrap_err();
    assert!(
        err.contains("0 times, not once"),
        "a change whose lines left the solution was not refused clearly: {err}"
    );
}

#[test]
fn a_fixture_without_changes_or_with_a_broken_one_is_refused() {
    let none = "// expect: something\n";
    let err = wrong_answer(none, SOLUTION, Path::new("sol.rs")).unwrap_err();
    assert!(
        err.contains("changes nothing"),
        "a fixture with no change was accepted: {err}"
    );
    let open = "@@ solution\n    1\n@@ wrong\n    0\n";
    let err = wrong_answer(open, SOLUTION, Path::new("sol.rs")).unwrap_err();
    assert!(
        err.contains("has no `@@ end`"),
        "a change without its end was accepted: {err}"
    );
}

#[test]
fn every_kept_wrong_answer_still_applies_to_its_solution() {
    let root = common::workspace_root();
    let course = Course::load(&root).expect("crates/lab/course.toml parses");
    let mut seen = 0;
    for chapter in &course.chapters {
        let dir = root.join("tests").join(chapter.folder()).join("wrong");
        let Ok(tests) = fs::read_dir(&dir) else {
            continue;
        };
        for test_dir in tests.map(|e| e.expect("a readable folder").path()) {
            let test = test_dir.file_name().unwrap().to_string_lossy().into_owned();
            let exercise = chapter
                .exercises
                .iter()
                .find(|ex| ex.test == test)
                .unwrap_or_else(|| panic!("{}: no exercise has this suite", test_dir.display()));
            let solution_path = chapter.exercise_paths(exercise).solution;
            let solution = fs::read_to_string(root.join(&solution_path)).unwrap();
            for file in fs::read_dir(&test_dir).unwrap() {
                let file = file.unwrap().path();
                let fixture = fs::read_to_string(&file).unwrap();
                let made = wrong_answer(&fixture, &solution, &solution_path);
                assert!(
                    made.as_ref().is_ok_and(|made| *made != solution),
                    "{} no longer makes a wrong answer from {}: {:?}",
                    file.display(),
                    solution_path.display(),
                    made.err()
                );
                seen += 1;
            }
        }
    }
    assert!(
        seen >= 14,
        "found only {seen} wrong answers under tests/*/wrong/"
    );
}
