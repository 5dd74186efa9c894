//! Atomic run directories: write under temporary names, rename into place, `summary.json` last.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::OutputError;

/// `summary.json`: its presence marks a complete run directory.
pub const SUMMARY_FILE: &str = "summary.json";
/// `fragments.csv`.
pub const FRAGMENTS_FILE: &str = "fragments.csv";
/// `trajectory.csv`.
pub const TRAJECTORY_FILE: &str = "trajectory.csv";

/// A run directory being written. Files go to `.<name>.tmp-<pid>` inside the directory; on
/// [`RunDirectory::commit`] they are renamed to their names and `summary.json` is written last.
/// Dropped without a commit (an error, a panic), it removes its temporary files. A run that is
/// killed leaves only temporary files and no `summary.json`, because [`RunDirectory::begin`]
/// removes the previous run's `summary.json` (and result files) before anything else.
#[derive(Debug)]
pub struct RunDirectory {
    dir: PathBuf,
    temporary: Vec<(PathBuf, PathBuf)>,
    committed: bool,
}

fn temporary_name(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!(".{name}.tmp-{}", std::process::id()))
}

impl RunDirectory {
    /// Creates `dir` (and parents) if needed and removes the result files of an earlier run
    /// there (`summary.json` first), so nothing in it looks complete until the commit.
    pub fn begin(dir: &Path) -> Result<RunDirectory, OutputError> {
        std::fs::create_dir_all(dir).map_err(|e| OutputError::io(dir, e))?;
        for name in [SUMMARY_FILE, FRAGMENTS_FILE, TRAJECTORY_FILE] {
            let path = dir.join(name);
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(OutputError::io(path, e)),
            }
        }
        Ok(RunDirectory {
            dir: dir.to_path_buf(),
            temporary: Vec::new(),
            committed: false,
        })
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Opens a temporary file that becomes `name` at the commit.
    pub fn create(&mut self, name: &str) -> Result<BufWriter<File>, OutputError> {
        let temporary = temporary_name(&self.dir, name);
        let file = File::create(&temporary).map_err(|e| OutputError::io(&temporary, e))?;
        self.temporary.push((temporary, self.dir.join(name)));
        Ok(BufWriter::new(file))
    }

    /// Renames every file into place, then writes `summary.json` (via a temporary name too).
    pub fn commit(mut self, summary_json: &str) -> Result<(), OutputError> {
        let summary_temporary = temporary_name(&self.dir, SUMMARY_FILE);
        std::fs::write(&summary_temporary, summary_json)
            .map_err(|e| OutputError::io(&summary_temporary, e))?;
        self.temporary
            .push((summary_temporary, self.dir.join(SUMMARY_FILE)));
        for (temporary, target) in &self.temporary {
            std::fs::rename(temporary, target).map_err(|e| OutputError::io(target, e))?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for RunDirectory {
    fn drop(&mut self) {
        if !self.committed {
            for (temporary, _) in &self.temporary {
                let _ = std::fs::remove_file(temporary);
            }
        }
    }
}

/// Flushes a buffered writer, naming the file in the error.
pub fn finish(mut writer: BufWriter<File>, name: &str) -> Result<(), OutputError> {
    writer.flush().map_err(|e| OutputError::io(name, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("reentry-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn nothing_is_visible_until_commit_and_summary_comes_last() {
        let dir = scratch("commit");
        let mut run = RunDirectory::begin(&dir).unwrap();
        let mut f = run.create(FRAGMENTS_FILE).unwrap();
        writeln!(f, "x").unwrap();
        finish(f, FRAGMENTS_FILE).unwrap();
        assert!(!dir.join(FRAGMENTS_FILE).exists());
        run.commit("{}").unwrap();
        assert!(dir.join(FRAGMENTS_FILE).exists());
        assert_eq!(
            std::fs::read_to_string(dir.join(SUMMARY_FILE)).unwrap(),
            "{}"
        );
        // A second run that fails removes the first run's summary and leaves no temporary file.
        {
            let mut run = RunDirectory::begin(&dir).unwrap();
            let _f = run.create(FRAGMENTS_FILE).unwrap();
        }
        assert!(!dir.join(SUMMARY_FILE).exists());
        let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
