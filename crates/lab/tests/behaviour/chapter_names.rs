//! How the learner names chapters and exercises on the command line.

use crate::common;

use lab::course::Course;

fn course() -> Course {
    Course::load(&common::fixture_root()).unwrap()
}

#[test]
fn a_chapter_by_number_name_or_folder() {
    let course = course();
    for given in [
        "1",
        "01",
        "generators",
        "01-generators",
        "1-generators",
        " GENERATORS ",
    ] {
        let chapter = course
            .find_chapter(given)
            .unwrap_or_else(|e| panic!("{given}: {e}"));
        assert_eq!(chapter.number, 1, "{given}");
    }
    assert_eq!(course.find_chapter("futures").unwrap().number, 2);
    for wrong in ["0", "3", "02-generators", "gen", ""] {
        let error = course.find_chapter(wrong).unwrap_err();
        assert_eq!(error.exit_code(), 2, "{wrong}");
    }
}

#[test]
fn an_exercise_by_id_or_name() {
    let course = course();
    assert_eq!(course.find_exercise("1.2").unwrap().1.name, "echo");
    assert_eq!(course.find_exercise("countdown").unwrap().1.id, "1.1");
    assert_eq!(course.find_exercise("Echo").unwrap().1.id, "1.2");
    let error = course.find_exercise("1.3").unwrap_err();
    assert_eq!(error.exit_code(), 2);
}

#[test]
fn the_files_of_an_exercise_follow_the_conventions() {
    let course = course();
    let (chapter, exercise) = course.find_exercise("1.2").unwrap();
    let paths = chapter.exercise_paths(exercise);
    assert_eq!(
        paths.stub,
        std::path::Path::new("exercises/01-generators/src/echo.rs")
    );
    assert_eq!(
        paths.solution,
        std::path::Path::new("solutions/01-generators/src/echo.rs")
    );
    assert_eq!(
        paths.suite,
        std::path::Path::new("tests/01-generators/echo.rs")
    );
    assert_eq!(
        paths.stub_wrapper,
        std::path::Path::new("exercises/01-generators/tests/echo.rs")
    );
    assert_eq!(
        paths.solution_wrapper,
        std::path::Path::new("solutions/01-generators/tests/echo.rs")
    );
    assert_eq!(chapter.exercise_package(), "ex01-generators");
    assert_eq!(chapter.solution_package(), "sol01-generators");
}
