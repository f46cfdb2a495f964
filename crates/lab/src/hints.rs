//! How many hints of each exercise the learner has seen, so `cargo lab hint`
//! shows the next one each time (`.lab/hints.toml`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::error::LabError;
use crate::progress::{read_state, write_state};
use crate::workspace::Workspace;

/// The count of hints shown, per exercise id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HintLog {
    /// Exercise id → how many of its hints have been shown (0 if absent).
    #[serde(default)]
    pub shown: BTreeMap<String, usize>,
}

impl HintLog {
    /// The hint log of a workspace.
    pub fn file(workspace: &Workspace) -> PathBuf {
        workspace.state_dir().join("hints.toml")
    }

    /// The saved log, or an empty one.
    pub fn load(workspace: &Workspace) -> HintLog {
        read_state(workspace, "hints.toml")
            .and_then(|text| toml::from_str(&text).ok())
            .unwrap_or_default()
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
        let body = toml::to_string(self)
            .map_err(|err| LabError::failure(format!("cannot record hints: {err}")))?;
        let text = format!(
            "# Written by `cargo lab hint`: how many hints of each exercise you have seen.\n\n{body}"
        );
        write_state(workspace, &HintLog::file(workspace), &text)
    }
}
