//! A file that does not compile breaks its whole chapter (the exercises of
//! a chapter are one crate): `cargo lab check` names that file and its
//! error, marks the chapter's other exercises "not checked" rather than
//! failing, and does not record them so. Runs real cargo on a scratch copy
//! of the fixture made into a tiny workspace.

use crate::common;

use std::fs;
use std::time::Duration;

use common::spawn_lab;

const FINE: &str = "pub fn countdown() -> u32 {\n    0\n}\n";
/// Exercise 1.2 with a syntax error: a missing semicolon.
const BROKEN_ECHO: &str = "pub fn echo(x: u32) -> u32 {\n    let y = x\n    y\n}\n";

#[test]
fn a_file_that_does_not_compile_is_named_and_the_others_are_not_checked() {
    let (root, target) = common::real_workspace("build_break", FINE);
    fs::write(
        root.join("exercises/01-generators/src/echo.rs"),
        BROKEN_ECHO,
    )
    .unwrap();
    let target = target.to_string_lossy().into_owned();
    let run = spawn_lab(
        &root,
        &["check", "1", "--verbose"],
        &[("CARGO_TARGET_DIR", target.as_str())],
    )
    .finish(Duration::from_secs(240))
    .expect("the check ends");
    assert_eq!(run.code, Some(1), "a broken chapter is not done: {run:?}");
    let countdown = run
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("1.1"))
        .unwrap_or_else(|| panic!("no row for 1.1:\n{}", run.stdout));
    assert!(
        countdown.contains("not checked: the chapter does not build"),
        "1.1 compiles; only its chapter's build is broken, so it is not checked, \
         not failing: {countdown}"
    );
    assert!(
        run.stdout
            .contains("The chapter does not build: exercises/01-generators/src/echo.rs"),
        "names the file that breaks the build:\n{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("echo.rs:2:"),
        "gives the place of the first error:\n{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("your code does not compile: exercises/01-generators/src/echo.rs:2:"),
        "the broken exercise itself is failing, and --verbose says why:\n{}",
        run.stdout
    );
    let progress = fs::read_to_string(root.join(".lab/progress.toml")).unwrap_or_default();
    assert!(
        !progress.contains("not-checked"),
        "an exercise that was not checked keeps its last status:\n{progress}"
    );
}
