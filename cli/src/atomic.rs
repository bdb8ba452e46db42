//! Writing an output file atomically: into a temporary file beside it, then
//! renamed over it, so an error never leaves half a file or destroys the
//! previous one.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` atomically.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("output");
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> Result<()> {
        let mut file = std::fs::File::create(&temp)
            .with_context(|| format!("{}: cannot create", temp.display()))?;
        file.write_all(contents)
            .with_context(|| format!("{}: cannot write", temp.display()))?;
        file.sync_all()
            .with_context(|| format!("{}: cannot flush", temp.display()))?;
        std::fs::rename(&temp, path).with_context(|| format!("{}: cannot replace", path.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_file_and_keeps_old_one_on_error() {
        let dir = std::env::temp_dir().join(format!("eventmap-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.geojson");
        write_atomically(&path, b"first").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        // Writing into a folder that does not exist fails and leaves no file.
        assert!(write_atomically(&dir.join("missing/out.geojson"), b"x").is_err());
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
