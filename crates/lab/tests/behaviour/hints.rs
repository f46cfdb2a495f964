//! `cargo lab hint` shows one more hint each time, stays on the last one,
//! and `--all` shows them all.

use crate::common;

use common::{lab, scratch_copy};

#[test]
fn one_more_hint_each_time() {
    let root = scratch_copy("hints_one_by_one");
    let shown: Vec<String> = (0..4)
        .map(|_| {
            let run = lab(&root, &["hint", "echo"]);
            assert_eq!(run.code, Some(0), "{run:?}");
            run.stdout
        })
        .collect();
    assert!(
        shown[0].contains("hint 1 of 3: The first resume carries no value"),
        "{}",
        shown[0]
    );
    assert!(
        shown[0].contains("another: `cargo lab hint 1.2`"),
        "{}",
        shown[0]
    );
    assert!(
        shown[1].contains("hint 2 of 3: Keep the last value sent"),
        "{}",
        shown[1]
    );
    assert!(
        shown[2].contains("hint 3 of 3: Complete when sent zero."),
        "{}",
        shown[2]
    );
    assert!(shown[2].contains("that was the last hint"), "{}", shown[2]);
    assert_eq!(
        shown[3], shown[2],
        "past the last hint it stays on the last"
    );
    let log = std::fs::read_to_string(root.join(".lab/hints.toml")).unwrap();
    assert!(log.contains("\"1.2\" = 3"), "{log}");
}

#[test]
fn all_hints_at_once() {
    let root = scratch_copy("hints_all");
    let run = lab(&root, &["hint", "1.1", "--all"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(
        run.stdout
            .contains("hint 1 of 2: Each `yield` becomes one state"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("hint 2 of 2: The state after the last yield"),
        "{}",
        run.stdout
    );
}
