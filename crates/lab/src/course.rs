//! The course data file, `crates/lab/course.toml`, as types, and how the
//! learner names its parts on the command line.
//!
//! The file is the lab's only source of truth about what exists: chapters,
//! their demos, their exercises and hints. Everything else (crate folders,
//! package names, test wrappers) follows from it by the conventions of
//! `CONTRIBUTING.md`, and [`crate::validate`] checks that the tree agrees.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::LabError;
use crate::toml_subset::{self, Fields, Table};

/// Where the course file lives, relative to the workspace root.
pub const COURSE_FILE: &str = "crates/lab/course.toml";

/// The package that builds every demo as an example: its manifest, relative
/// to the workspace root, and its name. The demo files stay in their stage
/// crate's `examples/` folder; this package, outside `default-members`,
/// declares them, so that a plain `cargo test` does not build them as
/// binaries on top of the suites that already compile and run them.
pub const DEMOS_MANIFEST: &str = "demos/Cargo.toml";
/// See [`DEMOS_MANIFEST`].
pub const DEMOS_PACKAGE: &str = "aio-demos";

/// The whole course: every chapter, in order, and the demo to run first.
#[derive(Debug, Clone)]
pub struct Course {
    /// The demo `cargo lab demo` runs when given no argument.
    pub headline: Headline,
    /// The chapters in book order (by `number`).
    pub chapters: Vec<Chapter>,
}

/// Names the headline demo: a chapter number and one of its demos.
#[derive(Debug, Clone)]
pub struct Headline {
    /// The chapter's `number`.
    pub chapter: u32,
    /// The `name` of one of that chapter's demos.
    pub demo: String,
}

/// One chapter: one stage crate, one page of the book, its demos and its
/// exercises.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// The chapter number, from 1; also the stage's order.
    pub number: u32,
    /// The concept, as the folder suffix: `generators` in `01-generators`.
    pub slug: String,
    /// The chapter title, as in the book.
    pub title: String,
    /// The stage crate's package name.
    pub package: String,
    /// The chapter's page, relative to `book/src`.
    pub book: String,
    /// The stage crate's folder, when it is not `crates/NN-slug` (the
    /// facade of chapter 9 is `crates/asyncio`).
    pub dir: Option<String>,
    /// Shown as planned even though its crate exists: the chapter's page
    /// and demos are still being written.
    pub planned: bool,
    /// The demos, in the order they are listed.
    pub demos: Vec<Demo>,
    /// The exercises, in the order the learner should do them.
    pub exercises: Vec<Exercise>,
}

/// A demo: an example program of the chapter's stage, built by the
/// [`DEMOS_PACKAGE`].
#[derive(Debug, Clone)]
pub struct Demo {
    /// The example's name: `examples/<name>.rs` in the stage crate's
    /// folder, and the name the demos' package gives it.
    pub name: String,
    /// One line saying what it shows.
    pub about: String,
}

impl Demo {
    /// The arguments of `cargo` that run this demo.
    pub fn cargo_run_args(&self) -> [&str; 6] {
        [
            "run",
            "--quiet",
            "-p",
            DEMOS_PACKAGE,
            "--example",
            &self.name,
        ]
    }
}

/// An exercise: one stub file the learner completes, and the suite that
/// judges it.
#[derive(Debug, Clone)]
pub struct Exercise {
    /// `"<chapter>.<n>"`, like `"1.2"`; unique across the course.
    pub id: String,
    /// A short name, unique across the course; also accepted on the command
    /// line.
    pub name: String,
    /// One line saying what to do.
    pub about: String,
    /// The stub, relative to the workspace root:
    /// `exercises/NN-slug/src/<file>.rs`.
    pub file: String,
    /// The suite's file stem in `tests/NN-slug/`, which is also the test
    /// target's name in both exercise crates.
    pub test: String,
    /// Hints, gentlest first; `cargo lab hint` shows them one at a time.
    pub hints: Vec<String>,
}

/// The files that make up one exercise, relative to the workspace root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExercisePaths {
    /// The stub the learner edits.
    pub stub: PathBuf,
    /// The completed file, at the same place under `solutions/`.
    pub solution: PathBuf,
    /// The suite, written once: `tests/NN-slug/<test>.rs`.
    pub suite: PathBuf,
    /// The exercise crate's one-line wrapper that runs the suite on the stub.
    pub stub_wrapper: PathBuf,
    /// The solution crate's wrapper that runs the suite on the solution.
    pub solution_wrapper: PathBuf,
}

impl Course {
    /// Reads and parses `crates/lab/course.toml` under `root`.
    pub fn load(root: &Path) -> Result<Course, LabError> {
        let path = root.join(COURSE_FILE);
        let text = fs::read_to_string(&path).map_err(|err| {
            LabError::failure(format!("cannot read {}: {err}", path.display())).help(
                "run the lab from inside the workspace (`cargo lab`), or pass --root to point at it",
            )
        })?;
        Course::parse(&text).map_err(|err| err.help(format!("in {COURSE_FILE}")))
    }

    /// Parses the text of a course file.
    pub fn parse(text: &str) -> Result<Course, LabError> {
        Course::from_toml(text).map_err(|err| {
            LabError::failure(format!("the course file is not valid: {}", err.message))
                .help(format!("near line {}", err.line))
        })
    }

    fn from_toml(text: &str) -> Result<Course, toml_subset::Error> {
        let file = toml_subset::parse(text)?;
        let mut fields = Fields::of(&file, "the file");
        let headline = fields.table("headline")?;
        let chapters = fields.tables("chapter")?;
        fields.finish()?;
        Ok(Course {
            headline: Headline::from_toml(headline)?,
            chapters: chapters
                .iter()
                .map(Chapter::from_toml)
                .collect::<Result<_, _>>()?,
        })
    }

    /// Every exercise with its chapter, in course order.
    pub fn exercises(&self) -> impl Iterator<Item = (&Chapter, &Exercise)> {
        self.chapters
            .iter()
            .flat_map(|chapter| chapter.exercises.iter().map(move |ex| (chapter, ex)))
    }

    /// Finds a chapter the way a learner names it: `1`, `01`, `generators`
    /// or `01-generators` (case does not matter).
    pub fn find_chapter(&self, given: &str) -> Result<&Chapter, LabError> {
        let wanted = given.trim().to_ascii_lowercase();
        let found = self.chapters.iter().find(|chapter| {
            if let Ok(number) = wanted.parse::<u32>() {
                return chapter.number == number;
            }
            if chapter.slug == wanted || chapter.folder() == wanted {
                return true;
            }
            // `1-generators` as well as `01-generators`.
            match wanted.split_once('-') {
                Some((number, slug)) => {
                    number.parse::<u32>() == Ok(chapter.number) && slug == chapter.slug
                }
                None => false,
            }
        });
        found.ok_or_else(|| {
            let valid: Vec<String> = self
                .chapters
                .iter()
                .map(|c| format!("{} {}", c.number, c.slug))
                .collect();
            LabError::usage(format!("there is no chapter `{given}`"))
                .help(format!("the chapters are: {}", valid.join(", ")))
                .help("name one by number (`1`) or by name (`generators`)")
        })
    }

    /// Finds an exercise by id (`1.2`) or by name.
    pub fn find_exercise(&self, given: &str) -> Result<(&Chapter, &Exercise), LabError> {
        let wanted = given.trim();
        self.exercises()
            .find(|(_, ex)| ex.id == wanted || ex.name.eq_ignore_ascii_case(wanted))
            .ok_or_else(|| {
                let valid: Vec<String> = self
                    .exercises()
                    .map(|(_, ex)| format!("{} {}", ex.id, ex.name))
                    .collect();
                let error = LabError::usage(format!("there is no exercise `{given}`"));
                if valid.is_empty() {
                    error.help("the course has no exercises yet")
                } else {
                    error
                        .help(format!("the exercises are: {}", valid.join(", ")))
                        .help("name one by id (`1.1`) or by name")
                }
            })
    }

    /// The chapter with this number, if the course has it.
    pub fn chapter_by_number(&self, number: u32) -> Option<&Chapter> {
        self.chapters.iter().find(|c| c.number == number)
    }
}

impl Chapter {
    /// The folder name shared by the stage, its exercises, solutions and
    /// suites: `01-generators`.
    pub fn folder(&self) -> String {
        format!("{:02}-{}", self.number, self.slug)
    }

    /// The stage crate's folder, relative to the workspace root.
    pub fn crate_dir(&self) -> PathBuf {
        match &self.dir {
            Some(dir) => PathBuf::from(dir),
            None => Path::new("crates").join(self.folder()),
        }
    }

    /// A chapter is ready once its stage crate exists and it is not marked
    /// `planned`; until then it is planned.
    pub fn is_ready(&self, root: &Path) -> bool {
        !self.planned && root.join(self.crate_dir()).is_dir()
    }

    /// The package of the stubs: `ex01-generators`.
    pub fn exercise_package(&self) -> String {
        format!("ex{}", self.folder())
    }

    /// The package of the solutions: `sol01-generators`.
    pub fn solution_package(&self) -> String {
        format!("sol{}", self.folder())
    }

    /// The demo with this name, or an error listing the chapter's demos.
    pub fn find_demo(&self, name: &str) -> Result<&Demo, LabError> {
        self.demos.iter().find(|d| d.name == name).ok_or_else(|| {
            let error = LabError::usage(format!("chapter {} has no demo `{name}`", self.number));
            if self.demos.is_empty() {
                error.help(format!("chapter {} has no demos yet", self.number))
            } else {
                let names: Vec<&str> = self.demos.iter().map(|d| d.name.as_str()).collect();
                error
                    .help(format!("its demos are: {}", names.join(", ")))
                    .help(format!(
                        "see what each shows: `cargo lab demo {}`",
                        self.number
                    ))
            }
        })
    }

    /// The example file of a demo, relative to the workspace root.
    pub fn demo_file(&self, demo: &Demo) -> PathBuf {
        self.crate_dir()
            .join("examples")
            .join(format!("{}.rs", demo.name))
    }

    /// The files of one of this chapter's exercises.
    pub fn exercise_paths(&self, exercise: &Exercise) -> ExercisePaths {
        let stub = PathBuf::from(&exercise.file);
        // The solution mirrors the stub: same path with `solutions/` in
        // front instead of `exercises/`.
        let solution = match stub.strip_prefix("exercises") {
            Ok(rest) => Path::new("solutions").join(rest),
            Err(_) => Path::new("solutions").join(&stub),
        };
        let test_file = format!("{}.rs", exercise.test);
        ExercisePaths {
            stub,
            solution,
            suite: Path::new("tests").join(self.folder()).join(&test_file),
            stub_wrapper: Path::new("exercises")
                .join(self.folder())
                .join("tests")
                .join(&test_file),
            solution_wrapper: Path::new("solutions")
                .join(self.folder())
                .join("tests")
                .join(&test_file),
        }
    }
}

impl Headline {
    fn from_toml(table: &Table) -> Result<Headline, toml_subset::Error> {
        let mut fields = Fields::of(table, "the headline");
        let headline = Headline {
            chapter: fields.number("chapter")?,
            demo: fields.string("demo")?,
        };
        fields.finish()?;
        Ok(headline)
    }
}

impl Chapter {
    fn from_toml(table: &Table) -> Result<Chapter, toml_subset::Error> {
        let mut fields = Fields::of(table, "this [[chapter]]");
        let chapter = Chapter {
            number: fields.number("number")?,
            slug: fields.string("slug")?,
            title: fields.string("title")?,
            package: fields.string("package")?,
            book: fields.string("book")?,
            dir: fields.optional_string("dir")?,
            planned: fields.flag("planned")?,
            demos: fields
                .tables("demo")?
                .iter()
                .map(Demo::from_toml)
                .collect::<Result<_, _>>()?,
            exercises: fields
                .tables("exercise")?
                .iter()
                .map(Exercise::from_toml)
                .collect::<Result<_, _>>()?,
        };
        fields.finish()?;
        Ok(chapter)
    }
}

impl Demo {
    fn from_toml(table: &Table) -> Result<Demo, toml_subset::Error> {
        let mut fields = Fields::of(table, "this [[chapter.demo]]");
        let demo = Demo {
            name: fields.string("name")?,
            about: fields.string("about")?,
        };
        fields.finish()?;
        Ok(demo)
    }
}

impl Exercise {
    fn from_toml(table: &Table) -> Result<Exercise, toml_subset::Error> {
        let mut fields = Fields::of(table, "this [[chapter.exercise]]");
        let exercise = Exercise {
            id: fields.string("id")?,
            name: fields.string("name")?,
            about: fields.string("about")?,
            file: fields.string("file")?,
            test: fields.string("test")?,
            hints: fields.strings("hints")?,
        };
        fields.finish()?;
        Ok(exercise)
    }
}
