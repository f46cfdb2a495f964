//! `cargo lab reset EXERCISE [--yes]`: put the stub back as shipped, after
//! saying what that discards and keeping a backup; `cargo lab reset --list`
//! shows the backups.

use std::fs;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::course::{Course, Exercise};
use crate::error::LabError;
use crate::output::{self, DIM, GOOD, TITLE};
use crate::progress::write_atomically;
use crate::stubs::{STUBS_FILE, UPDATE_COMMAND};
use crate::workspace::{STATE_DIR, StubState, Workspace};

/// Runs the command.
pub fn run(
    workspace: &Workspace,
    course: &Course,
    given: Option<&str>,
    yes: bool,
    list: bool,
) -> Result<ExitCode, LabError> {
    let exercise = match given {
        Some(given) => Some(course.find_exercise(given)?.1),
        None => None,
    };
    match exercise {
        _ if list => list_backups(workspace, exercise),
        Some(exercise) => reset(workspace, exercise, yes),
        None => Err(LabError::usage("which exercise should I reset?").help(
            "name it, like `cargo lab reset 1.2`; `cargo lab reset --list` shows the backups",
        )),
    }
}

/// Restores one stub.
fn reset(workspace: &Workspace, exercise: &Exercise, yes: bool) -> Result<ExitCode, LabError> {
    let file = Path::new(&exercise.file);
    let heading = format!("{} `{}`", exercise.id, exercise.name);

    match workspace.stub_state(file) {
        StubState::Untouched => {
            outln!(
                "{}: {} is already the original stub; nothing to reset.",
                output::styled(TITLE, &heading),
                file.display()
            );
            return Ok(ExitCode::SUCCESS);
        }
        StubState::Unknown => {
            return Err(LabError::failure(format!(
                "there is no record of the original {} to restore it from",
                file.display()
            ))
            .help(format!(
                "its blob id should be in {STUBS_FILE}; is this a complete copy of the course? \
                 (maintainers: `{UPDATE_COMMAND}`)"
            )));
        }
        StubState::Edited => {}
    }
    let id = workspace
        .shipped_stub_id(file)
        .ok_or_else(|| LabError::failure(format!("cannot read {STUBS_FILE}")))?;
    // The original first: if git cannot give it back, nothing is asked,
    // copied or changed.
    let shipped = workspace.shipped_stub(file, &id)?;

    outln!(
        "{}: this discards your changes to {}",
        output::styled(TITLE, &heading),
        file.display()
    );
    let lines = |bytes: &[u8]| match bytes.iter().filter(|&&b| b == b'\n').count() {
        1 => "1 line".to_owned(),
        n => format!("{n} lines"),
    };
    match fs::read(workspace.path(file)) {
        Ok(yours) => outln!(
            "  your version: {}; the original stub: {}",
            lines(&yours),
            lines(&shipped)
        ),
        Err(_) => outln!("  (the file is missing; it will be written again)"),
    }

    if !yes {
        if !io::stdin().is_terminal() {
            return Err(LabError::usage(
                "not resetting: I cannot ask for confirmation because input is not a terminal",
            )
            .help(format!(
                "to discard your changes anyway (a backup is kept), run `cargo lab reset {} --yes`",
                exercise.id
            )));
        }
        if !confirm("Discard them? A backup is kept.")? {
            outln!("Nothing changed.");
            return Ok(ExitCode::SUCCESS);
        }
    }

    let backup = keep_a_copy(workspace, file, exercise)?;
    write_atomically(&workspace.path(file), &shipped).map_err(|err| {
        LabError::failure(format!("could not restore {}: {err}", file.display())).help(
            match &backup {
                Some(backup) => format!("your version is safe in {}", backup.display()),
                None => "your file was not changed".to_owned(),
            },
        )
    })?;
    outln!(
        "{} {} is the original stub again.",
        output::styled(GOOD, "Reset:"),
        file.display()
    );
    if let Some(backup) = backup {
        outln!(
            "Your version is kept in {} ({} lists every backup).",
            backup.display(),
            output::command("cargo lab reset --list")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Asks a yes/no question on the terminal; no is the default.
fn confirm(question: &str) -> Result<bool, LabError> {
    let mut stdout = io::stdout().lock();
    write!(stdout, "{question} [y/N] ")
        .and_then(|()| stdout.flush())
        .map_err(|err| LabError::failure(format!("cannot write to the terminal: {err}")))?;
    drop(stdout);
    let mut answer = String::new();
    io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|err| LabError::failure(format!("cannot read the answer: {err}")))?;
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

/// Copies the learner's version to `.lab/backups/<id>-<name>-<time>.rs`
/// before it is discarded; never over an older backup. `None` if there is
/// nothing to copy (they deleted the file).
fn keep_a_copy(
    workspace: &Workspace,
    file: &Path,
    exercise: &Exercise,
) -> Result<Option<PathBuf>, LabError> {
    let source = workspace.path(file);
    let Ok(yours) = fs::read(&source) else {
        return Ok(None);
    };
    let failed = |err: io::Error| {
        LabError::failure(format!("cannot keep a backup of your version: {err}"))
            .help("nothing was reset")
    };
    let dir = workspace.backups_dir();
    workspace
        .ensure_state_dir()
        .and_then(|_| fs::create_dir_all(&dir))
        .map_err(failed)?;
    let stem = format!(
        "{}-{}-{}",
        exercise.id,
        exercise.name,
        timestamp(SystemTime::now())
    );
    for attempt in 1.. {
        let name = if attempt == 1 {
            format!("{stem}.rs")
        } else {
            format!("{stem}-{attempt}.rs")
        };
        let path = dir.join(&name);
        // `create_new` fails if the file exists: an older backup is never
        // overwritten, even by two resets in the same second.
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut copy) => {
                copy.write_all(&yours)
                    .and_then(|()| copy.sync_all())
                    .map_err(failed)?;
                return Ok(Some(Path::new(STATE_DIR).join("backups").join(name)));
            }
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(err) => return Err(failed(err)),
        }
    }
    unreachable!("the attempts never run out")
}

/// `cargo lab reset --list [EXERCISE]`: every backup, oldest first.
fn list_backups(workspace: &Workspace, exercise: Option<&Exercise>) -> Result<ExitCode, LabError> {
    let dir = workspace.backups_dir();
    let prefix = exercise.map(|ex| format!("{}-{}-", ex.id, ex.name));
    let mut names: Vec<String> = match fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".rs"))
            .filter(|name| prefix.as_ref().is_none_or(|p| name.starts_with(p.as_str())))
            .collect(),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(err) => {
            return Err(LabError::failure(format!(
                "cannot list {}: {err}",
                dir.display()
            )));
        }
    };
    // The names carry the time in a sortable form, after the exercise.
    names.sort_by_key(|name| backup_order(name));
    let folder = Path::new(STATE_DIR).join("backups");
    if names.is_empty() {
        let which = exercise.map_or_else(String::new, |ex| format!(" of {}", ex.id));
        outln!(
            "No backups{which} yet: `cargo lab reset` keeps one in {} each time it discards your work.",
            folder.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    outln!(
        "{}",
        output::styled(
            TITLE,
            &format!("Backups in {}, oldest first", folder.display())
        )
    );
    for name in &names {
        outln!("  {name}");
    }
    let example = exercise.map_or("exercises/NN-name/src/<name>.rs", |ex| ex.file.as_str());
    outln!(
        "\n{}",
        output::styled(
            DIM,
            &format!(
                "To bring one back, copy it over the exercise: cp {}/<backup> {example}",
                folder.display()
            )
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// Where a backup goes in the list: by the time in its name
/// (`…-2026-12-01T12-09-32Z[-N].rs`), then by `N` for two in one second.
fn backup_order(name: &str) -> (String, u32, String) {
    let stem = name.strip_suffix(".rs").unwrap_or(name);
    let bytes = stem.as_bytes();
    // The time starts at a `-` followed by a year, with a `T` 11 bytes on.
    let start = (0..bytes.len()).find(|&i| {
        bytes[i] == b'-'
            && bytes.len() > i + 20
            && bytes[i + 1..i + 5].iter().all(u8::is_ascii_digit)
            && bytes[i + 11] == b'T'
    });
    let Some(start) = start else {
        return (String::new(), 0, name.to_owned());
    };
    let time = &stem[start + 1..start + 21];
    let attempt = stem[start + 21..]
        .strip_prefix('-')
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    (time.to_owned(), attempt, name.to_owned())
}

/// A UTC time as `YYYY-MM-DDTHH-MM-SSZ`: sortable, and safe in a file name
/// on every system (no `:`).
pub(crate) fn timestamp(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_from_days(i64::try_from(days).unwrap_or(0));
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}-{:02}-{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The calendar date of a day counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}
