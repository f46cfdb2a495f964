//! course.toml agrees with the tree: the real one (so a stale data file
//! fails `cargo test`), the fixture, and a broken variant of the fixture.

use crate::common;

use lab::course::Course;
use lab::validate::validate;

#[test]
fn the_real_course_matches_the_tree() {
    let root = common::workspace_root();
    let course = Course::load(&root).expect("crates/lab/course.toml parses");
    let problems = validate(&course, &root);
    assert!(
        problems.is_empty(),
        "crates/lab/course.toml disagrees with the tree:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_fixture_course_matches_its_tree() {
    let root = common::fixture_root();
    let course = Course::load(&root).expect("the fixture course parses");
    assert_eq!(validate(&course, &root), Vec::<String>::new());
}

#[test]
fn every_kind_of_stale_entry_is_reported() {
    let root = common::fixture_root();
    let text = std::fs::read_to_string(root.join("crates/lab/course.toml"))
        .unwrap()
        .replace("demo = \"round_robin\" }", "demo = \"chess\" }")
        .replace(
            "name = \"countdown\"\nabout = \"one",
            "name = \"count_down\"\nabout = \"one",
        )
        .replace("id = \"1.2\"", "id = \"2.1\"")
        .replace("name = \"echo\"", "name = \"Countdown\"")
        .replace(
            "file = \"exercises/01-generators/src/echo.rs\"",
            "file = \"exercises/01-generators/src/ekko.rs\"",
        )
        .replace("test = \"echo\"", "test = \"echo.rs\"")
        .replace(
            "package = \"aio-generators\"",
            "package = \"aio-generator\"",
        );
    let course = Course::parse(&text).unwrap();
    let problems = validate(&course, &root);
    let expected = [
        "crates/01-generators/Cargo.toml names the package `aio-generators`, but crates/lab/course.toml expects `aio-generator`",
        "the headline demo `chess` is not listed among chapter 1's demos",
        "exercise name `Countdown` is used twice",
        "demo `count_down` of chapter 1: crates/01-generators/examples/count_down.rs does not exist",
        "exercise 2.1 `Countdown`: its id should be `1.<n>`, as it belongs to chapter 1",
        "exercise 2.1 `Countdown`: `test = \"echo.rs\"` should be the suite's file stem, without folder or `.rs`",
        "exercise 2.1 `Countdown`: its stub exercises/01-generators/src/ekko.rs does not exist",
        "exercise 2.1 `Countdown`: its solution solutions/01-generators/src/ekko.rs does not exist",
        "exercise 2.1 `Countdown`: its suite tests/01-generators/echo.rs.rs does not exist",
        "exercise 2.1 `Countdown`: its stub's test wrapper exercises/01-generators/tests/echo.rs.rs does not exist",
        "exercise 2.1 `Countdown`: its solution's test wrapper solutions/01-generators/tests/echo.rs.rs does not exist",
        "exercise 2.1 `Countdown`: solutions/01-generators/tests/suites.rs has no `mod echo.rs;` line, so its suite never runs against the solution",
        "crates/01-generators/examples/countdown.rs is no demo of chapter 1 in crates/lab/course.toml, so nothing builds it as a program: list it there and in demos/Cargo.toml",
        "demos/Cargo.toml declares the example `countdown`, which no chapter of crates/lab/course.toml lists",
    ];
    assert_eq!(problems, expected);
}

/// The demos are built by the demos' package alone, and compiled by their
/// stage's suites: each way of breaking that is reported.
#[test]
fn the_demos_package_builds_each_demo_once_from_its_file() {
    let root = common::scratch_copy("demos_package");
    let edit = |file: &str, from: &str, to: &str| {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no {from:?}");
        std::fs::write(&path, text.replace(from, to)).unwrap();
    };
    // Built from another file, and declared without a path.
    edit(
        "demos/Cargo.toml",
        "examples/round_robin.rs",
        "examples/round_robin_v2.rs",
    );
    edit(
        "demos/Cargo.toml",
        "path = \"../crates/01-generators/examples/countdown.rs\"\n",
        "",
    );
    // The stage builds examples itself again: by default, and one by name.
    edit(
        "crates/01-generators/Cargo.toml",
        "autoexamples = false\n",
        "\n[[example]]\nname = \"own\"\npath = \"examples/own.rs\"\n",
    );
    // No suite pulls the round robin in.
    edit(
        "crates/01-generators/tests/behaviour/demos.rs",
        "#[path = \"../../examples/round_robin.rs\"]\nmod round_robin;\n",
        "",
    );
    // A program nobody lists, beside a module file (no `main`), which is fine.
    let examples = root.join("crates/01-generators/examples");
    std::fs::write(examples.join("scratch.rs"), "fn main() {}\n").unwrap();
    std::fs::write(examples.join("shared.rs"), "pub fn helper() {}\n").unwrap();
    // Two chapters with a demo of the same name.
    let text = std::fs::read_to_string(root.join("crates/lab/course.toml")).unwrap()
        + "\n[[chapter.demo]]\nname = \"round_robin\"\nabout = \"again\"\n";
    let course = Course::parse(&text).expect("the edited course parses");

    assert_eq!(
        validate(&course, &root),
        [
            "demo `round_robin` of chapter 2: crates/02-futures/examples/round_robin.rs does not exist",
            "the demo name `round_robin` is used by chapters 1 and 2: every demo is an example of aio-demos, so names must be unique across the course",
            "demos/Cargo.toml builds the demo `round_robin` from ../crates/01-generators/examples/round_robin_v2.rs, not from ../crates/01-generators/examples/round_robin.rs",
            "demo `round_robin` of chapter 1 is compiled by no suite in crates/01-generators/tests/: pull it in with `#[path = \"../../examples/round_robin.rs\"] mod round_robin;` (see CONTRIBUTING, \"A demo\")",
            "demos/Cargo.toml declares the example `countdown` without a path: add path = \"../crates/01-generators/examples/countdown.rs\"",
            "crates/01-generators/examples/scratch.rs is no demo of chapter 1 in crates/lab/course.toml, so nothing builds it as a program: list it there and in demos/Cargo.toml",
            "crates/01-generators/Cargo.toml lacks `autoexamples = false`: every `cargo test` would build chapter 1's demos twice (they belong to aio-demos)",
            "crates/01-generators/Cargo.toml declares an [[example]] of its own, which every `cargo test` would build: demos belong to aio-demos (demos/Cargo.toml)",
        ]
    );
}

#[test]
fn a_typo_in_a_field_name_is_an_error_that_names_the_line() {
    let text = "headline = { chapter = 1, demo = \"x\" }\n\n[[chapter]]\nnumber = 1\nslug = \"a\"\n\
                title = \"A\"\npackage = \"aio-a\"\nbook = \"a.md\"\nhint = \"oops\"\n";
    let error = Course::parse(text).unwrap_err();
    assert!(error.to_string().contains("hint"), "{error}");
    assert!(error.to_string().contains("line"), "{error}");
    assert_eq!(error.exit_code(), 1);
}

#[test]
fn a_chapter_may_name_its_crate_folder_and_its_demos_live_there() {
    let text = "headline = { chapter = 9, demo = \"crawler\" }\n\n[[chapter]]\nnumber = 9\n\
                slug = \"whole-runtime\"\ntitle = \"W\"\npackage = \"asyncio\"\ndir = \"crates/asyncio\"\n\
                book = \"w.md\"\n\n[[chapter.demo]]\nname = \"crawler\"\nabout = \"x\"\n\n\
                [[chapter]]\nnumber = 1\nslug = \"generators\"\ntitle = \"G\"\n\
                package = \"aio-generators\"\nbook = \"g.md\"\n";
    let course = Course::parse(text).unwrap();
    let facade = course.chapter_by_number(9).unwrap();
    assert_eq!(facade.crate_dir(), std::path::Path::new("crates/asyncio"));
    let demo = &facade.demos[0];
    assert_eq!(
        facade.demo_file(demo),
        std::path::Path::new("crates/asyncio/examples/crawler.rs")
    );
    // Exercises keep the numbered folders: exercises/09-whole-runtime.
    assert_eq!(facade.exercise_package(), "ex09-whole-runtime");
    let stage = course.chapter_by_number(1).unwrap();
    assert_eq!(
        stage.crate_dir(),
        std::path::Path::new("crates/01-generators")
    );
}

/// A chapter whose crate is not `crates/NN-slug` names it with `dir`
/// (chapter 9's is `crates/asyncio`): its demos are looked up there.
#[test]
fn a_chapter_dir_moves_the_crate_and_its_demos() {
    let root = common::workspace_root();
    let course = Course::load(&root).expect("crates/lab/course.toml parses");
    let chapter = course
        .chapter_by_number(9)
        .expect("the course has chapter 9");
    assert_eq!(chapter.crate_dir(), std::path::Path::new("crates/asyncio"));
    let demo = chapter
        .find_demo("json_api")
        .expect("chapter 9 lists json_api");
    assert_eq!(
        chapter.demo_file(demo),
        std::path::Path::new("crates/asyncio/examples/json_api.rs")
    );
    assert!(chapter.is_ready(&root), "crates/asyncio exists");
    // A chapter without `dir` keeps the convention.
    let eight = course
        .chapter_by_number(8)
        .expect("the course has chapter 8");
    assert_eq!(eight.crate_dir(), std::path::Path::new("crates/08-queues"));
}
