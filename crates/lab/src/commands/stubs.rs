//! `cargo lab stubs [--write]`, hidden, for maintainers: check
//! `crates/lab/stubs.toml` against the stubs in the tree, or write it anew
//! from them. Hidden because a learner who ran `--write` over an edited
//! stub would make their edit "the stub as shipped".

use std::process::ExitCode;

use crate::course::Course;
use crate::error::LabError;
use crate::output::{self, BAD, GOOD};
use crate::progress::write_atomically;
use crate::stubs::{self, Manifest, STUBS_FILE, UPDATE_COMMAND};
use crate::validate::validate;
use crate::workspace::Workspace;

/// Runs the command.
pub fn run(workspace: &Workspace, course: &Course, write: bool) -> Result<ExitCode, LabError> {
    if write {
        return write_manifest(workspace, course);
    }
    let mut problems: Vec<String> = validate(course, workspace.root())
        .into_iter()
        .filter(|problem| problem.contains(STUBS_FILE))
        .collect();
    problems.extend(stubs::mismatches(course, workspace.root()));
    if problems.is_empty() {
        outln!(
            "{} every stub is the one recorded in {STUBS_FILE}",
            output::styled(GOOD, "stubs:")
        );
        return Ok(ExitCode::SUCCESS);
    }
    for problem in &problems {
        outln!("  {} {problem}", output::styled(BAD, "✗"));
    }
    Ok(ExitCode::FAILURE)
}

/// Writes the manifest from the stubs in the tree, all or nothing.
fn write_manifest(workspace: &Workspace, course: &Course) -> Result<ExitCode, LabError> {
    let fresh = Manifest::of_tree(course, workspace.root()).map_err(|why| {
        LabError::failure(format!("{STUBS_FILE} not written: {why}"))
            .help("every exercise in crates/lab/course.toml needs its stub")
    })?;
    let old = Manifest::load(workspace.root()).unwrap_or_default();
    let changed = fresh
        .files()
        .filter(|file| old.id_of(file) != fresh.id_of(file))
        .count()
        + old
            .files()
            .filter(|file| fresh.id_of(file).is_none())
            .count();
    let path = workspace.path(STUBS_FILE);
    write_atomically(&path, fresh.render().as_bytes())
        .map_err(|err| LabError::failure(format!("cannot write {}: {err}", path.display())))?;
    let count = fresh.files().count();
    outln!(
        "{} {STUBS_FILE}: {count} stub{}, {changed} entr{} changed. Commit it with the stubs \
         (`{UPDATE_COMMAND}` again after every stub change).",
        output::styled(GOOD, "Wrote"),
        if count == 1 { "" } else { "s" },
        if changed == 1 { "y" } else { "ies" },
    );
    Ok(ExitCode::SUCCESS)
}
