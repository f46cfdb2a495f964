//! `cargo lab verify`, for maintainers and CI: the course data matches the
//! tree, and every exercise's suite bites (fails on the stub, passes on the
//! solution).

use std::fmt::Write as _;
use std::process::ExitCode;

use crate::commands::{suite_excerpt, wrong};
use crate::course::{Course, Exercise};
use crate::error::LabError;
use crate::output::{self, BAD, DIM, GOOD, TITLE};
use crate::stubs::{self, STUBS_FILE};
use crate::validate::validate;
use crate::workspace::{Ending, Limit, StubState, Workspace, seconds, time_limit};

/// How many lines of a suite's output to show for a side that went wrong.
const EXCERPT_LINES: usize = 30;

/// What a suite did on one side (stub or solution).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It compiled and every test passed.
    Passes,
    /// It compiled and at least one test failed.
    Fails,
    /// It did not compile: a stub must compile (its bodies are `todo!()`),
    /// so this is a defect on either side.
    DoesNotCompile,
    /// Not run, because files it needs are missing (reported above).
    NotRun,
    /// It ran past the time limit and was stopped: a suite must never hang.
    TimedOut,
}

impl Outcome {
    /// The word the table shows.
    fn label(self) -> &'static str {
        match self {
            Outcome::Passes => "passes",
            Outcome::Fails => "fails",
            Outcome::DoesNotCompile => "does not compile",
            Outcome::NotRun => "not run",
            Outcome::TimedOut => "timed out",
        }
    }
}

/// One exercise's line in the bite table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BiteRow {
    /// The exercise id.
    pub id: String,
    /// The exercise name.
    pub name: String,
    /// What its suite did on the untouched stub.
    pub stub: Outcome,
    /// What its suite did on the solution.
    pub solution: Outcome,
}

impl BiteRow {
    /// The suite bites: it fails on the stub and passes on the solution.
    pub fn bites(&self) -> bool {
        self.stub == Outcome::Fails && self.solution == Outcome::Passes
    }
}

/// Renders the bite table, styled; a pure function of the rows.
pub fn render_bite_table(rows: &[BiteRow]) -> String {
    let width = |header: &str, cells: Vec<usize>| {
        cells.into_iter().chain([header.len()]).max().unwrap_or(0)
    };
    let id_w = width("exercise", rows.iter().map(|r| r.id.len()).collect());
    let name_w = width(
        "name",
        rows.iter().map(|r| r.name.chars().count()).collect(),
    );
    let stub_w = width("stub", rows.iter().map(|r| r.stub.label().len()).collect());
    let sol_w = width(
        "solution",
        rows.iter().map(|r| r.solution.label().len()).collect(),
    );
    let mut out = String::new();
    let header = format!(
        "{:<id_w$}  {:<name_w$}  {:<stub_w$}  {:<sol_w$}  verdict",
        "exercise", "name", "stub", "solution"
    );
    let _ = writeln!(out, "  {}", output::styled(TITLE, &header));
    for row in rows {
        let verdict = if row.bites() {
            output::styled(GOOD, "bites")
        } else {
            output::styled(BAD, "DEFECT")
        };
        let _ = writeln!(
            out,
            "  {:<id_w$}  {:<name_w$}  {:<stub_w$}  {:<sol_w$}  {verdict}",
            row.id,
            row.name,
            row.stub.label(),
            row.solution.label()
        );
    }
    out
}

/// Runs the command.
pub fn run(workspace: &Workspace, course: &Course) -> Result<ExitCode, LabError> {
    let limit = time_limit(None)?;
    let mut problems = validate(course, workspace.root());
    problems.extend(stubs::mismatches(course, workspace.root()));
    outln!("{}", output::styled(TITLE, "course.toml against the tree"));
    if problems.is_empty() {
        outln!(
            "  {}",
            output::styled(GOOD, "every listed path and name is real")
        );
    }
    for problem in &problems {
        outln!("  {} {problem}", output::styled(BAD, "✗"));
    }

    let mut rows = Vec::new();
    let mut details = Vec::new();
    for (chapter, exercise) in course.exercises() {
        let paths = chapter.exercise_paths(exercise);
        let runnable = [
            &paths.stub,
            &paths.solution,
            &paths.suite,
            &paths.stub_wrapper,
            &paths.solution_wrapper,
        ]
        .iter()
        .all(|p| workspace.path(p).is_file());
        let mut row = BiteRow {
            id: exercise.id.clone(),
            name: exercise.name.clone(),
            stub: Outcome::NotRun,
            solution: Outcome::NotRun,
        };
        if runnable {
            for (side, package) in [
                ("stub", chapter.exercise_package()),
                ("solution", chapter.solution_package()),
            ] {
                errln!(
                    "{}",
                    output::styled(
                        DIM,
                        &format!("  {} {} on the {side}…", exercise.id, exercise.name)
                    )
                );
                let (outcome, excerpt) = run_side(
                    workspace,
                    side == "solution",
                    &package,
                    &exercise.test,
                    limit,
                )?;
                let expected = if side == "stub" {
                    Outcome::Fails
                } else {
                    Outcome::Passes
                };
                if outcome != expected {
                    details.push(explain(
                        workspace,
                        &paths.stub,
                        side,
                        &package,
                        exercise,
                        outcome,
                        &excerpt,
                    ));
                }
                if side == "stub" {
                    row.stub = outcome;
                } else {
                    row.solution = outcome;
                }
            }
        }
        rows.push(row);
    }

    outln!("\n{}", output::styled(TITLE, "Every suite bites"));
    if rows.is_empty() {
        outln!("  no exercises listed yet");
    } else {
        out!("{}", render_bite_table(&rows));
    }
    for detail in &details {
        outln!("\n{detail}");
    }

    // The wrong answers kept as fixtures: each must fail its check with
    // a message that names the mistake.
    let (fixtures, fixture_problems) = wrong::find(workspace, course);
    problems.extend(fixture_problems);
    let caught = wrong::judge_all(workspace, &fixtures, limit, &|fixture| {
        errln!(
            "{}",
            output::styled(
                DIM,
                &format!(
                    "  {} {}: the wrong answer {}…",
                    fixture.exercise.id,
                    fixture.exercise.name,
                    fixture.mistake()
                )
            )
        );
    })?;
    outln!(
        "\n{}",
        output::styled(TITLE, "Every wrong answer is caught")
    );
    if caught.is_empty() {
        outln!("  no wrong answers kept yet");
    }
    for one in &caught {
        let verdict = match &one.defect {
            None => output::styled(GOOD, "caught"),
            Some(_) => output::styled(BAD, "MISSED"),
        };
        outln!("  {:<4}  {}  {verdict}", one.id, one.path.display());
        if one.defect.is_none() {
            outln!("        {}", output::styled(DIM, &one.quote));
        }
    }
    for one in caught.iter().filter(|c| c.defect.is_some()) {
        outln!(
            "\n{}: {}; the check says:\n{}",
            one.path.display(),
            one.defect.as_deref().unwrap_or_default(),
            one.said
        );
    }
    let missed = caught.iter().filter(|c| c.defect.is_some()).count();

    let defects = rows.iter().filter(|r| !r.bites()).count() + missed;
    if problems.is_empty() && defects == 0 {
        outln!("\n{}", output::styled(GOOD, "verify: all good"));
        Ok(ExitCode::SUCCESS)
    } else {
        let summary = format!(
            "verify: {} problem{} with the course data, {defects} defect{} (a suite that does not \
             bite, or a wrong answer it does not catch)",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            if defects == 1 { "" } else { "s" },
        );
        outln!("\n{}", output::styled(BAD, &summary));
        Ok(ExitCode::FAILURE)
    }
}

/// Says why one side of one exercise is a defect, with what cargo printed.
fn explain(
    workspace: &Workspace,
    stub: &std::path::Path,
    side: &str,
    package: &str,
    exercise: &Exercise,
    outcome: Outcome,
    excerpt: &str,
) -> String {
    let who = format!("{} {}", exercise.id, exercise.name);
    let command = if side == "solution" {
        format!("cargo test -p {package} --test suites {}::", exercise.test)
    } else {
        format!("cargo test -p {package} --test {}", exercise.test)
    };
    let mut text = match (side, outcome) {
        (_, Outcome::TimedOut) => format!(
            "{who}: the suite did not finish within the time limit on the {side}; \
             a suite must never hang on a wrong answer: bound its loops (`{command}`)"
        ),
        ("stub", Outcome::Passes) => format!(
            "{who}: the suite passes on the stub, so it does not bite; \
             add a test the stub fails (`{command}`)"
        ),
        (_, Outcome::DoesNotCompile) => {
            format!("{who}: the suite does not compile against the {side}; `{command}` says:")
        }
        _ => format!("{who}: the suite fails on the solution; `{command}` says:"),
    };
    // Verify judges the working tree; an edited stub is not the stub a
    // learner gets.
    if side == "stub" && workspace.stub_state(stub) == StubState::Edited {
        text.push_str(&format!(
            "\n    (note: {} is not the stub recorded in {STUBS_FILE}, so this is not the stub a learner gets)",
            stub.display()
        ));
    }
    if !excerpt.is_empty() {
        text.push('\n');
        text.push_str(excerpt);
    }
    text
}

/// Builds then runs one suite on one side. `--locked` keeps cargo from
/// touching `Cargo.lock`: verify changes no file.
fn run_side(
    workspace: &Workspace,
    solution: bool,
    package: &str,
    test: &str,
    time: std::time::Duration,
) -> Result<(Outcome, String), LabError> {
    let run_suite = |extra: &[&str], limit: Limit<'_>| {
        if solution {
            workspace.run_solution_suite(package, test, extra, limit)
        } else {
            workspace.run_suite(package, test, extra, limit)
        }
    };
    let build = run_suite(&["--locked", "--no-run"], Limit::default())?;
    if !build.passed {
        return Ok((
            Outcome::DoesNotCompile,
            suite_excerpt(&build, EXCERPT_LINES),
        ));
    }
    let limit = Limit {
        time: Some(time),
        interrupt: None,
    };
    let run = run_suite(&["--locked"], limit)?;
    if let Ending::TimedOut(limit) = run.ending {
        return Ok((
            Outcome::TimedOut,
            format!("    stopped after {}", seconds(limit)),
        ));
    }
    // A filter that matches nothing passes with no test run: that is a
    // suite missing from the solutions' `tests/suites.rs`, not a pass.
    if run.passed && ran_no_test(&run.stdout) {
        return Ok((
            Outcome::NotRun,
            format!("    no test ran: is `mod {test};` missing from tests/suites.rs?"),
        ));
    }
    let outcome = if run.passed {
        Outcome::Passes
    } else {
        Outcome::Fails
    };
    let excerpt = if run.passed {
        String::new()
    } else {
        suite_excerpt(&run, EXCERPT_LINES)
    };
    Ok((outcome, excerpt))
}

/// Whether libtest's report says that no test ran ("running 0 tests").
fn ran_no_test(stdout: &str) -> bool {
    let ran: usize = stdout
        .lines()
        .filter_map(|line| {
            line.strip_prefix("running ")?
                .split(' ')
                .next()?
                .parse::<usize>()
                .ok()
        })
        .sum();
    ran == 0
}
