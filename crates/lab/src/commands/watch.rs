//! Waiting for the learner to save a file, for `cargo lab check --watch`.
//!
//! By looking: every quarter of a second, the size and modification time
//! of every file under the folder, which for a few dozen exercise files
//! costs far less than a millisecond. (A file-watching crate would hear of
//! a save a little sooner, but would add a dozen crates to the learner's
//! first build, for this one option.)

use std::cell::Cell;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use crate::error::LabError;

/// How often the files are looked at.
const POLL: Duration = Duration::from_millis(250);

/// How long the files must stay quiet before we check: an editor's save is
/// often several writes (write, rename, metadata), and one save should mean
/// one check.
const QUIET: Duration = Duration::from_millis(250);

/// A watch on a folder tree.
#[derive(Debug)]
pub struct Changes {
    /// The folder watched: what counts as a `target/` folder is judged
    /// below it, since the whole course may itself sit under a `target/`
    /// (the lab's own tests put scratch courses there).
    folder: PathBuf,
    /// The state of the files when last looked at.
    seen: Cell<u64>,
    /// When they were last looked at.
    looked: Cell<Instant>,
}

impl Changes {
    /// Starts watching `folder` and everything under it.
    pub fn watch(folder: &Path) -> Result<Changes, LabError> {
        let state = state_of(folder).map_err(|err| {
            LabError::failure(format!(
                "cannot watch {} for changes: {err}",
                folder.display()
            ))
            .help("run `cargo lab check` without --watch instead")
        })?;
        Ok(Changes {
            folder: folder.to_path_buf(),
            seen: Cell::new(state),
            looked: Cell::new(Instant::now()),
        })
    }

    /// Blocks until a file was changed and then nothing more for
    /// [`QUIET`].
    pub fn wait(&self) -> Result<(), LabError> {
        while !self.changed()? {
            thread::sleep(POLL);
        }
        self.settle()
    }

    /// Whether a file was saved since the last look, without waiting; for
    /// stopping a check that a save has made stale (a stuck run, say).
    /// Called often: it looks at most every [`POLL`].
    pub fn saved(&self) -> bool {
        if self.looked.get().elapsed() < POLL {
            return false;
        }
        // A folder that cannot be read any more is reported by the next
        // `wait`.
        self.changed().unwrap_or(false)
    }

    /// Waits until the files have been quiet for [`QUIET`]: coalesces the
    /// rest of a save (and any quick saves after it).
    pub fn settle(&self) -> Result<(), LabError> {
        loop {
            thread::sleep(QUIET);
            if !self.changed()? {
                return Ok(());
            }
        }
    }

    /// Looks at the files: whether they changed since the last look.
    fn changed(&self) -> Result<bool, LabError> {
        let state = state_of(&self.folder).map_err(|err| {
            LabError::failure(format!(
                "cannot watch {} for changes any more: {err}",
                self.folder.display()
            ))
            .help("run `cargo lab check --watch` again")
        })?;
        self.looked.set(Instant::now());
        Ok(self.seen.replace(state) != state)
    }
}

/// A digest of the files the learner may save under `folder`: their paths,
/// sizes and modification times. Leaves out `target/` folders below
/// `folder`, and hidden files and folders and editors' backups (`~`).
fn state_of(folder: &Path) -> std::io::Result<u64> {
    let mut hasher = DefaultHasher::new();
    add_folder(folder, &mut hasher)?;
    Ok(hasher.finish())
}

fn add_folder(folder: &Path, hasher: &mut DefaultHasher) -> std::io::Result<()> {
    let mut entries: Vec<fs::DirEntry> = fs::read_dir(folder)?.collect::<Result<_, _>>()?;
    // Directory order is the file system's: sort, so that only a change
    // changes the digest.
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name();
        let text = name.to_string_lossy();
        if text.starts_with('.') || text.ends_with('~') {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            if text != "target" {
                add_folder(&entry.path(), hasher)?;
            }
        } else {
            // A file removed between the listing and this look is simply
            // not counted: the next look sees the folder without it.
            let Ok(meta) = entry.metadata() else { continue };
            entry.path().hash(hasher);
            meta.len().hash(hasher);
            meta.modified().ok().hash(hasher);
        }
    }
    Ok(())
}
