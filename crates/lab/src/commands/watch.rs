//! Waiting for the learner to save a file, for `cargo lab check --watch`.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
use std::time::Duration;

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::error::LabError;

/// How long the files must stay quiet before we check: an editor's save is
/// often several events (write, rename, metadata), and one save should mean
/// one check.
const QUIET: Duration = Duration::from_millis(200);

/// A watch on a folder tree.
#[derive(Debug)]
pub struct Changes {
    /// Kept alive for as long as we watch; dropping it stops the events.
    _watcher: RecommendedWatcher,
    /// The watcher's events.
    events: Receiver<notify::Result<Event>>,
    /// The folder watched: what counts as a `target/` folder is judged
    /// below it, since the whole course may itself sit under a `target/`
    /// (the lab's own tests put scratch courses there).
    folder: PathBuf,
}

impl Changes {
    /// Starts watching `folder` and everything under it.
    pub fn watch(folder: &Path) -> Result<Changes, LabError> {
        let failed = |err: notify::Error| {
            LabError::failure(format!(
                "cannot watch {} for changes: {err}",
                folder.display()
            ))
            .help("run `cargo lab check` without --watch instead")
        };
        let (sender, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(sender).map_err(failed)?;
        watcher
            .watch(folder, RecursiveMode::Recursive)
            .map_err(failed)?;
        Ok(Changes {
            _watcher: watcher,
            events,
            folder: folder.to_path_buf(),
        })
    }

    /// Blocks until a file was changed and then nothing more for
    /// [`QUIET`].
    pub fn wait(&self) -> Result<(), LabError> {
        loop {
            let event = self.events.recv().map_err(|_| stopped())?;
            if is_a_save(&event, &self.folder) {
                break;
            }
        }
        self.settle()
    }

    /// Whether a file was saved since the last call, without waiting; for
    /// stopping a check that a save has made stale (a stuck run, say).
    pub fn saved(&self) -> bool {
        loop {
            match self.events.try_recv() {
                Ok(event) if is_a_save(&event, &self.folder) => return true,
                Ok(_) => continue,
                // A watcher that stopped is reported by the next `wait`.
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return false,
            }
        }
    }

    /// Waits until the files have been quiet for [`QUIET`]: coalesces the
    /// rest of a save (and any quick saves after it).
    pub fn settle(&self) -> Result<(), LabError> {
        loop {
            match self.events.recv_timeout(QUIET) {
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => return Ok(()),
                Err(RecvTimeoutError::Disconnected) => return Err(stopped()),
            }
        }
    }
}

/// The error for a watcher whose events stopped.
fn stopped() -> LabError {
    LabError::failure("the file watcher stopped unexpectedly")
        .help("run `cargo lab check --watch` again")
}

/// Whether an event is a change to a file the learner cares about: created,
/// written or removed, outside any `target/` folder below `folder`, and not
/// an editor's hidden or backup file.
fn is_a_save(event: &notify::Result<Event>, folder: &Path) -> bool {
    let Ok(event) = event else { return false };
    if !matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
    ) {
        return false;
    }
    event.paths.iter().any(|path| {
        let below = path.strip_prefix(folder).unwrap_or(path);
        let in_target = below.components().any(|c| c.as_os_str() == "target");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let scratch = name.starts_with('.') || name.ends_with('~');
        !in_target && !scratch
    })
}
