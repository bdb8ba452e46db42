//! Finding and reading inputs: files, folders (recursively, each real folder
//! once, so symlink loops end), and stdin (`-`). Article metadata can come
//! from a `manifest.jsonl` beside the files (or `--manifest`), so raw texts
//! stay as they were collected.

use anyhow::{Context, Result};
use shared::ingest::date::parse_metadata_date;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// The name of the per-folder metadata file.
pub const MANIFEST: &str = "manifest.jsonl";

/// File endings read when walking a folder (named files are always read).
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "text", "jsonl", "ndjson", "json", "html", "htm"];

/// One input to read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(path) => path.display().to_string(),
        }
    }
}

/// Inputs found, and what could not be walked (message per path).
#[derive(Debug, Default)]
pub struct Found {
    pub inputs: Vec<Input>,
    pub problems: Vec<String>,
    pub manifests: Vec<PathBuf>,
}

/// Expands paths into inputs: folders recursively in name order, `-` as stdin.
/// No paths means stdin.
pub fn find_inputs(paths: &[PathBuf]) -> Found {
    let mut found = Found::default();
    if paths.is_empty() {
        found.inputs.push(Input::Stdin);
        return found;
    }
    let mut seen_dirs = HashSet::new();
    for path in paths {
        if path.as_os_str() == "-" {
            found.inputs.push(Input::Stdin);
        } else if path.is_dir() {
            walk(path, &mut seen_dirs, &mut found);
        } else if path.exists() {
            found.inputs.push(Input::File(path.clone()));
        } else {
            found
                .problems
                .push(format!("{}: no such file or folder", path.display()));
        }
    }
    found
}

fn walk(dir: &Path, seen: &mut HashSet<PathBuf>, found: &mut Found) {
    let real = match dir.canonicalize() {
        Ok(real) => real,
        Err(e) => {
            found
                .problems
                .push(format!("{}: cannot open folder: {e}", dir.display()));
            return;
        }
    };
    if !seen.insert(real) {
        return; // a symlink back to a folder already read
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            found
                .problems
                .push(format!("{}: cannot read folder: {e}", dir.display()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, seen, found);
        } else if name == MANIFEST {
            found.manifests.push(path);
        } else if is_article_file(&path) {
            found.inputs.push(Input::File(path));
        }
    }
}

fn is_article_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Metadata for one file from a manifest.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metadata {
    pub date: Option<chrono::NaiveDate>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
}

/// Manifest entries by file name.
pub type Manifest = BTreeMap<String, Metadata>;

/// Reads manifests: JSONL lines `{"file", "date", "title", "source", "url"}`.
/// Bad lines are reported (file and line) and skipped.
pub fn read_manifests(paths: &[PathBuf], problems: &mut Vec<String>) -> Result<Manifest> {
    let mut manifest = Manifest::new();
    for path in paths {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read manifest", path.display()))?;
        for (index, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let at = format!("{}:{}", path.display(), index + 1);
            let value: serde_json::Value = match serde_json::from_str(line) {
                Ok(v) => v,
                Err(e) => {
                    problems.push(format!("{at}: not a manifest entry: {e}"));
                    continue;
                }
            };
            let field = |k: &str| value.get(k).and_then(|v| v.as_str()).map(str::to_string);
            let Some(file) = field("file") else {
                problems.push(format!("{at}: manifest entry has no \"file\""));
                continue;
            };
            let date = field("date").and_then(|d| {
                let parsed = parse_metadata_date(&d);
                if parsed.is_none() {
                    problems.push(format!(
                        "{at}: unreadable date {d:?}; article kept as undated"
                    ));
                }
                parsed
            });
            manifest.insert(
                file,
                Metadata {
                    date,
                    title: field("title"),
                    source: field("source"),
                    url: field("url"),
                },
            );
        }
    }
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_folders_once_despite_symlink_loops() {
        let dir = std::env::temp_dir().join(format!("eventmap-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("a.txt"), "x").unwrap();
        std::fs::write(dir.join("sub/b.html"), "x").unwrap();
        std::fs::write(dir.join("image.png"), "x").unwrap();
        std::fs::write(dir.join(MANIFEST), "{}").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&dir, dir.join("sub/loop")).unwrap();
        let found = find_inputs(std::slice::from_ref(&dir));
        let names: Vec<String> = found
            .inputs
            .iter()
            .map(|i| i.name().rsplit('/').next().unwrap().to_string())
            .collect();
        assert_eq!(names, vec!["a.txt", "b.html"]);
        assert_eq!(found.manifests.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn reports_missing_paths_and_reads_stdin_by_default() {
        let found = find_inputs(&[PathBuf::from("/no/such/place")]);
        assert!(found.problems[0].contains("no such file"));
        assert_eq!(find_inputs(&[]).inputs, vec![Input::Stdin]);
    }
}
