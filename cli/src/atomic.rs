//! Writing an output file atomically: into a temporary file beside it, then
//! renamed over it, so an error or a crash never leaves half a file or
//! destroys the previous one. The output streams in; nothing is held.

use anyhow::{Context, Result};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// A file being written; it replaces `path` only on [`AtomicFile::commit`].
/// Dropped without a commit, the temporary file is removed.
pub struct AtomicFile {
    path: PathBuf,
    temp: BufWriter<NamedTempFile>,
}

impl AtomicFile {
    /// Starts writing what will become `path`.
    pub fn create(path: &Path) -> Result<Self> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("output");
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        // The file replaced keeps its mode; a new one gets the mode any
        // new file gets (not the private 0600 of temporary files).
        if let Ok(meta) = std::fs::metadata(path) {
            builder.permissions(meta.permissions());
        } else {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                builder.permissions(std::fs::Permissions::from_mode(0o666));
            }
        }
        let temp = builder
            .tempfile_in(dir)
            .with_context(|| format!("{}: cannot create a file beside it", path.display()))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            temp: BufWriter::new(temp),
        })
    }

    /// Flushes to disk and puts the file in place.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        let temp = self
            .temp
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("{}: cannot write", path.display()))?;
        temp.as_file()
            .sync_all()
            .with_context(|| format!("{}: cannot flush", path.display()))?;
        temp.persist(&path)
            .map_err(|e| e.error)
            .with_context(|| format!("{}: cannot replace", path.display()))?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.temp.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.temp.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, contents: &[u8], commit: bool) -> Result<()> {
        let mut file = AtomicFile::create(path)?;
        file.write_all(contents)?;
        if commit {
            file.commit()?;
        }
        Ok(())
    }

    #[test]
    fn replaces_whole_file_and_keeps_old_one_on_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.geojson");
        write(&path, b"first", true).unwrap();
        write(&path, b"second", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        // Abandoned half-way (an error, a panic): the old file stays whole
        // and no temporary file is left.
        write(&path, b"half", false).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        // Writing into a folder that does not exist fails and leaves no file.
        assert!(write(&dir.path().join("missing/out.geojson"), b"x", true).is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// A new output file is as readable as any file the user creates; a
    /// replaced one keeps its mode.
    #[cfg(unix)]
    #[test]
    fn output_files_get_ordinary_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let plain = dir.path().join("plain");
        std::fs::File::create(&plain).unwrap();
        let new = dir.path().join("new.geojson");
        write(&new, b"x", true).unwrap();
        assert_eq!(mode(&new), mode(&plain));
        std::fs::set_permissions(&new, std::fs::Permissions::from_mode(0o640)).unwrap();
        write(&new, b"y", true).unwrap();
        assert_eq!(mode(&new), 0o640);
    }
}
