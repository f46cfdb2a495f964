//! The learner's progress: each exercise's status, the table that shows it,
//! and the file that remembers the last check (`.lab/progress.toml`).

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::error::LabError;
use crate::output::{self, DIM, GOOD, PENDING, TITLE};
use crate::toml_subset::{self, Fields};
use crate::workspace::Workspace;

/// Where an exercise stands after a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Its suite passes.
    Done,
    /// Its suite fails and the learner has changed the stub.
    Failing,
    /// Its suite fails and the stub is as it was committed.
    NotStarted,
    /// Not checked this time: another file of its chapter does not
    /// compile, so no suite of the chapter could run. Never saved: the
    /// last real result stays in `progress.toml`.
    NotChecked,
}

impl Status {
    /// The word the table shows.
    pub fn label(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Failing => "failing",
            Status::NotStarted => "not started",
            Status::NotChecked => "not checked: the chapter does not build",
        }
    }

    /// Its name in `progress.toml`: `done`, `failing`, `not-started`.
    pub fn key(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Failing => "failing",
            Status::NotStarted => "not-started",
            Status::NotChecked => "not-checked",
        }
    }

    /// The status a name in `progress.toml` stands for.
    pub fn from_key(key: &str) -> Option<Status> {
        [
            Status::Done,
            Status::Failing,
            Status::NotStarted,
            Status::NotChecked,
        ]
        .into_iter()
        .find(|status| status.key() == key)
    }

    /// The colour the table shows it in.
    fn style(self) -> anstyle::Style {
        match self {
            Status::Done => GOOD,
            Status::Failing => output::BAD,
            Status::NotStarted | Status::NotChecked => PENDING,
        }
    }
}

/// One exercise's line in the progress table and in `progress.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The exercise id, like `1.2`.
    pub id: String,
    /// The exercise name.
    pub name: String,
    /// Its status at the last check.
    pub status: Status,
}

/// Renders the progress table, styled (the caller's `anstream` output drops
/// the styles when colour is off).
///
/// A pure function of the rows, so a test can pin it down; the columns are
/// as wide as their widest cell, and the last line counts what is done.
pub fn render_table(rows: &[Row]) -> String {
    let id_width = column_width("exercise", rows.iter().map(|r| r.id.as_str()));
    let name_width = column_width("name", rows.iter().map(|r| r.name.as_str()));
    let mut out = String::new();
    let header = format!("{:<id_width$}  {:<name_width$}  status", "exercise", "name");
    let _ = writeln!(out, "  {}", output::styled(TITLE, &header));
    for row in rows {
        let status = output::styled(row.status.style(), row.status.label());
        let _ = writeln!(
            out,
            "  {:<id_width$}  {:<name_width$}  {status}",
            row.id, row.name
        );
    }
    let done = rows.iter().filter(|r| r.status == Status::Done).count();
    let summary = format!("{done} of {} done", rows.len());
    let _ = writeln!(out, "\n  {}", output::styled(DIM, &summary));
    out
}

/// The width of a column: its widest cell or its header.
fn column_width<'a>(header: &str, cells: impl Iterator<Item = &'a str>) -> usize {
    cells
        .map(|c| c.chars().count())
        .chain([header.len()])
        .max()
        .unwrap_or(0)
}

/// The results of the checks so far, as saved in `.lab/progress.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// One row per exercise ever checked, in course order of first check.
    pub rows: Vec<Row>,
}

impl Progress {
    /// The progress file of a workspace.
    pub fn file(workspace: &Workspace) -> PathBuf {
        workspace.state_dir().join("progress.toml")
    }

    /// The last saved progress, or `None` if nothing was checked yet (or the
    /// file does not parse, which we treat the same after saying so: the
    /// next check rewrites it).
    pub fn load(workspace: &Workspace) -> Option<Progress> {
        let text = read_state(workspace, "progress.toml")?;
        Progress::parse(&text)
            .inspect_err(|err| {
                errln!(
                    "warning: {} is ignored: {err}; the next `cargo lab check` writes it again",
                    Progress::file(workspace).display()
                );
            })
            .ok()
    }

    /// Parses the text of a progress file: an `[[exercise]]` table per row,
    /// with its `id`, `name` and `status`.
    pub fn parse(text: &str) -> Result<Progress, toml_subset::Error> {
        let file = toml_subset::parse(text)?;
        let mut fields = Fields::of(&file, "the file");
        let tables = fields.tables("exercise")?;
        fields.finish()?;
        let rows = tables
            .iter()
            .map(|table| {
                let mut fields = Fields::of(table, "this [[exercise]]");
                let id = fields.string("id")?;
                let name = fields.string("name")?;
                let status = fields.string("status")?;
                fields.finish()?;
                let status = Status::from_key(&status)
                    .filter(|s| *s != Status::NotChecked)
                    .ok_or_else(|| toml_subset::Error {
                        line: table.get("status").map_or(table.line, |item| item.line),
                        message: format!(
                            "`status = \"{status}\"`: the statuses are \"done\", \"failing\" and \"not-started\""
                        ),
                    })?;
                Ok(Row { id, name, status })
            })
            .collect::<Result<_, toml_subset::Error>>()?;
        Ok(Progress { rows })
    }

    /// The text of the progress file, as [`Progress::save`] writes it.
    pub fn render(&self) -> String {
        let mut text = String::from(
            "# Written by `cargo lab check`: the status of each exercise at the last check.\n\
             # Delete this file to forget it; `cargo lab check` writes it again.\n",
        );
        for row in &self.rows {
            let _ = write!(
                text,
                "\n[[exercise]]\nid = {}\nname = {}\nstatus = {}\n",
                toml_subset::quote(&row.id),
                toml_subset::quote(&row.name),
                toml_subset::quote(row.status.key())
            );
        }
        text
    }

    /// Replaces the rows of the exercises in `latest` and keeps the others,
    /// so checking one chapter does not forget the rest.
    /// An exercise that was not checked keeps its last status.
    pub fn merge(&mut self, latest: &[Row]) {
        for row in latest.iter().filter(|r| r.status != Status::NotChecked) {
            match self.rows.iter_mut().find(|r| r.id == row.id) {
                Some(old) => *old = row.clone(),
                None => self.rows.push(row.clone()),
            }
        }
    }

    /// The status an exercise had at the last check, if it was checked.
    pub fn status_of(&self, id: &str) -> Option<Status> {
        self.rows.iter().find(|r| r.id == id).map(|r| r.status)
    }

    /// Writes the progress file.
    pub fn save(&self, workspace: &Workspace) -> Result<(), LabError> {
        write_state(workspace, &Progress::file(workspace), &self.render())
    }
}

/// Reads one of the lab's state files, `.lab/<name>`; before there is one,
/// the file an older lab kept in `target/lab/`, so an update forgets
/// nothing.
pub(crate) fn read_state(workspace: &Workspace, name: &str) -> Option<String> {
    fs::read_to_string(workspace.state_dir().join(name))
        .or_else(|_| fs::read_to_string(workspace.path("target/lab").join(name)))
        .ok()
}

/// Writes one of the lab's state files, creating its folder if needed.
///
/// Atomically: the text goes to a temporary file in the same folder, which
/// then replaces the old file in one rename. A full disk or a Ctrl-C halfway
/// leaves the old file whole, never a truncated one.
pub(crate) fn write_state(workspace: &Workspace, path: &Path, text: &str) -> Result<(), LabError> {
    workspace
        .ensure_state_dir()
        .and_then(|_| write_atomically(path, text.as_bytes()))
        .map_err(|err| LabError::failure(format!("cannot write {}: {err}", path.display())))
}

/// Writes `bytes` to `path` through a temporary file and a rename.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "state".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = fs::File::create(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    match written.and_then(|()| fs::rename(&temp, path)) {
        Ok(()) => Ok(()),
        Err(err) => {
            let _ = fs::remove_file(&temp);
            Err(err)
        }
    }
}
