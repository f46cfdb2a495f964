//! `cargo lab` with no command: what this is, the chapters (ready or
//! planned), the learner's progress, and what to do next.

use crate::common;

use std::fs;

use common::{fixture_root, lab, scratch_copy};

#[test]
fn before_any_check() {
    let run = lab(&fixture_root(), &[]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let out = &run.stdout;
    assert!(
        out.contains("asyncio, rebuilt from nothing in Rust"),
        "{out}"
    );
    assert!(
        out.contains("1  Generators as state machines            ready    2 demos, 2 exercises"),
        "chapter 1 has a crate folder: {out}"
    );
    assert!(
        out.contains("2  Futures: the generator protocol, typed  planned"),
        "chapter 2 has none: {out}"
    );
    assert!(
        out.contains("not checked yet — run `cargo lab check`"),
        "{out}"
    );
    assert!(
        out.contains("exercise 1.1 `countdown`: Write the countdown generator"),
        "the first exercise is next: {out}"
    );
    assert!(out.contains("cargo lab check 1"), "{out}");
    assert!(
        out.contains("see it run: `cargo lab demo` (chapter 1, round_robin: three generators"),
        "the headline demo: {out}"
    );
}

#[test]
fn after_a_check_the_next_exercise_is_the_first_not_done() {
    let root = scratch_copy("tour_after_check");
    fs::create_dir_all(root.join(".lab")).unwrap();
    fs::write(
        root.join(".lab/progress.toml"),
        "[[exercise]]\nid = \"1.1\"\nname = \"countdown\"\nstatus = \"done\"\n\n\
         [[exercise]]\nid = \"1.2\"\nname = \"echo\"\nstatus = \"failing\"\n",
    )
    .unwrap();
    let run = lab(&root, &[]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(
        run.stdout
            .contains("1 of 2 exercises done at the last check (1 failing, 0 not started)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("exercise 1.2 `echo`"), "{}", run.stdout);
}
