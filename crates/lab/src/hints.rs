//! How many hints of each exercise the learner has seen, so `cargo lab hint`
//! shows the next one each time (`.lab/hints.toml`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::error::LabError;
use crate::progress::{read_state, write_state};
use crate::toml_subset::{self, Fields};
use crate::workspace::Workspace;

/// The count of hints shown, per exercise id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HintLog {
    /// Exercise id → how many of its hints have been shown (0 if absent).
    pub shown: BTreeMap<String, usize>,
}

impl HintLog {
    /// The hint log of a workspace.
    pub fn file(workspace: &Workspace) -> PathBuf {
        workspace.state_dir().join("hints.toml")
    }

    /// The saved log, or an empty one; also when the file does not parse,
    /// after saying so (the worst that happens is a hint shown again).
    pub fn load(workspace: &Workspace) -> HintLog {
        let Some(text) = read_state(workspace, "hints.toml") else {
            return HintLog::default();
        };
        HintLog::parse(&text).unwrap_or_else(|err| {
            errln!(
                "warning: {} is ignored: {err}; `cargo lab hint` starts again from the first hints",
                HintLog::file(workspace).display()
            );
            HintLog::default()
        })
    }

    /// Parses the text of a hint log: a `[shown]` table of counts by
    /// exercise id.
    pub fn parse(text: &str) -> Result<HintLog, toml_subset::Error> {
        let file = toml_subset::parse(text)?;
        let mut fields = Fields::of(&file, "the file");
        let shown = fields.optional_table("shown")?;
        fields.finish()?;
        let mut log = HintLog::default();
        if let Some(table) = shown {
            let mut counts = Fields::of(table, "[shown]");
            for (id, _) in table.iter() {
                log.shown.insert(id.to_owned(), counts.count(id)?);
            }
            counts.finish()?;
        }
        Ok(log)
    }

    /// The text of the hint log, as [`HintLog::save`] writes it.
    pub fn render(&self) -> String {
        let mut text = String::from(
            "# Written by `cargo lab hint`: how many hints of each exercise you have seen.\n\n\
             [shown]\n",
        );
        for (id, count) in &self.shown {
            text.push_str(&format!("{} = {count}\n", toml_subset::key(id)));
        }
        text
    }

    /// How many hints of `id` have been shown.
    pub fn seen(&self, id: &str) -> usize {
        self.shown.get(id).copied().unwrap_or(0)
    }

    /// Picks the index of the hint to show next out of `total`, and records
    /// it as seen. Past the last hint it stays on the last one.
    pub fn next(&mut self, id: &str, total: usize) -> Option<usize> {
        if total == 0 {
            return None;
        }
        let index = self.seen(id).min(total - 1);
        self.mark_seen(id, index + 1);
        Some(index)
    }

    /// Records that at least `count` hints of `id` have been shown.
    pub fn mark_seen(&mut self, id: &str, count: usize) {
        let seen = self.shown.entry(id.to_owned()).or_insert(0);
        *seen = (*seen).max(count);
    }

    /// Writes the log.
    pub fn save(&self, workspace: &Workspace) -> Result<(), LabError> {
        write_state(workspace, &HintLog::file(workspace), &self.render())
    }
}
