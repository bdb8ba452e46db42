//! `eventmap extract`: read inputs, extract and merge events, write them.

use crate::atomic::AtomicFile;
use crate::exit;
use crate::inputs::{find_inputs, read_manifests, Input, Manifest};
use crate::spill::{Sorted, Spill, DEFAULT_SPILL_MB};
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use shared::ingest::jsonl::{JsonlStream, LineOutcome};
use shared::ingest::text::TextParts;
use shared::ingest::{article_id, read_bytes, Format};
use shared::merge::MergeStream;
use shared::output::writer::{self, EventWriter};
use shared::pipeline::{ArticleOutcome, Pipeline, Summary};
use shared::Article;
use std::io::{BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct ExtractArgs {
    /// Files or folders to read; `-` (or nothing) reads stdin.
    paths: Vec<PathBuf>,
    /// Write here (atomically) instead of stdout.
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Geojson)]
    format: OutputFormat,
    /// Add a gazetteer layer: a GeoNames dump (e.g. SY.txt) or a Levant-format TSV.
    #[arg(long = "gazetteer", value_name = "PATH")]
    gazetteers: Vec<PathBuf>,
    /// A prebuilt index (default: $EVENTMAP_INDEX, else target/eventmap/gazetteer.bin).
    #[arg(long)]
    index: Option<PathBuf>,
    /// The country the reporting is about (ISO alpha-2): preferred among
    /// same-name places when nothing else names a country.
    #[arg(long, value_name = "CC", default_value = shared::geocode::DEFAULT_HOME_COUNTRY, value_parser = crate::geocode_cmd::parse_country)]
    home_country: String,
    /// Keep reports of the same event from different articles apart.
    #[arg(long)]
    no_merge: bool,
    /// Article metadata (JSONL: file, date, title, source, url); a folder's
    /// own manifest.jsonl is read anyway.
    #[arg(long)]
    manifest: Vec<PathBuf>,
    /// The publication date of inputs that state none (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
    /// Worker threads for extraction (default: all cores).
    #[arg(short, long)]
    jobs: Option<usize>,
    /// Hold about this many MB of events in memory; beyond it they are
    /// sorted through temporary files, so memory stays bounded on any input.
    #[arg(long, value_name = "MB", default_value_t = DEFAULT_SPILL_MB)]
    spill_mb: usize,
    /// Pretty-print GeoJSON.
    #[arg(long)]
    pretty: bool,
    /// Print only the summary, not each warning.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Geojson,
    Csv,
    Jsonl,
}

fn parse_date(value: &str) -> Result<chrono::NaiveDate, String> {
    use chrono::Datelike;
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|e| format!("{value:?}: {e} (want YYYY-MM-DD)"))
        .and_then(|d| match d.year() {
            1000..=9999 => Ok(d),
            _ => Err(format!("{value:?}: the year must have four digits")),
        })
}

/// Counts of what happened to the inputs.
#[derive(Default)]
struct Tally {
    inputs_read: usize,
    inputs_skipped: usize,
    lines_skipped: usize,
    warnings: usize,
    summary: Summary,
}

pub fn run(args: ExtractArgs) -> Result<u8> {
    let found = find_inputs(&args.paths);
    let mut problems = found.problems.clone();
    let mut manifest_paths = found.manifests.clone();
    manifest_paths.extend(args.manifest.iter().cloned());
    let manifest = read_manifests(&manifest_paths, &mut problems)?;
    let (gazetteer, report) =
        gazetteer::load::load_or_build(args.index.as_deref(), &args.gazetteers)
            .context("cannot load the gazetteer")?;
    if !args.quiet {
        eprintln!("eventmap: {report}");
    }
    let pipeline = Pipeline::new(
        shared::geocode::Geocoder::new(gazetteer).with_home_country(&args.home_country),
    )
    .with_merge(!args.no_merge);

    let mut tally = Tally::default();
    // Events wait here (spilled to disk beyond a limit) to be merged and
    // written in date order.
    let mut events = Spill::new(args.spill_mb.max(1) * 1024 * 1024);
    let total = found.inputs.len();
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let mut batch: Vec<Work> = Vec::with_capacity(BATCH);
    let progress = std::io::stderr().is_terminal() && total > 20;
    for problem in &problems {
        eprintln!("eventmap: warning: {problem}");
    }
    tally.inputs_skipped += found.problems.len();
    tally.warnings += problems.len() - found.problems.len();
    // Events cannot be kept (the disk is full): the run stops.
    let mut failure: Option<anyhow::Error> = None;
    for (n, input) in found.inputs.iter().enumerate() {
        if failure.is_some() {
            break;
        }
        if progress {
            eprint!("\r\x1b[2K[{}/{}] {}", n + 1, total, input.name());
        }
        let mut on_article = |article: Article, continues: bool| {
            batch.push(Work {
                article: with_metadata(article, input, &manifest, args.date),
                continues,
            });
            if batch.len() >= BATCH && failure.is_none() {
                let extracted = extract_batch(
                    &pipeline,
                    std::mem::take(&mut batch),
                    jobs,
                    &mut tally,
                    &mut events,
                    args.quiet,
                );
                failure = extracted.err();
            }
        };
        match read_input(input, &mut on_article) {
            Ok(input_problems) => {
                tally.inputs_read += 1;
                for problem in input_problems {
                    if problem.skips_input() {
                        if matches!(problem, shared::Error::Binary { .. }) {
                            tally.inputs_read -= 1;
                            tally.inputs_skipped += 1;
                        } else {
                            tally.lines_skipped += 1;
                        }
                        eprintln!("eventmap: error: {problem}");
                    } else {
                        tally.warnings += 1;
                        if !args.quiet {
                            eprintln!("eventmap: warning: {problem}");
                        }
                    }
                }
            }
            Err(error) => {
                tally.inputs_skipped += 1;
                eprintln!("eventmap: error: {}: {error:#}", input.name());
            }
        }
    }
    if let Some(error) = failure {
        return Err(error);
    }
    extract_batch(&pipeline, batch, jobs, &mut tally, &mut events, args.quiet)?;
    if progress {
        eprintln!();
    }
    tally.summary.events_found = events.len();
    if events.runs() > 0 && !args.quiet {
        eprintln!(
            "eventmap: {} events sorted through {} temporary files",
            events.len(),
            events.runs()
        );
    }

    let format = match args.format {
        OutputFormat::Geojson => writer::OutputFormat::Geojson {
            pretty: args.pretty,
        },
        OutputFormat::Csv => writer::OutputFormat::Csv,
        OutputFormat::Jsonl => writer::OutputFormat::Jsonl,
    };
    let skipped = tally.inputs_skipped + tally.lines_skipped;
    let code = if tally.summary.articles == 0 && skipped > 0 {
        exit::FAILURE
    } else if skipped > 0 {
        exit::PARTIAL
    } else {
        exit::OK
    };
    let written = match &args.output {
        // Nothing could be read: an empty result must not replace the
        // previous output.
        Some(path) if code == exit::FAILURE => Err(anyhow::anyhow!(
            "nothing could be read; {} left as it was",
            path.display()
        )),
        Some(path) => write_output(events, !args.no_merge, format, Some(path)),
        None => write_output(events, !args.no_merge, format, None),
    };
    if let Ok(n) = &written {
        tally.summary.events = *n;
    }
    // The summary ends every run, one whose output failed too.
    if let Err(error) = &written {
        eprintln!("eventmap: error: {error:#}");
    }
    print_summary(&tally, args.output.as_ref(), written.is_ok());
    Ok(if written.is_ok() { code } else { exit::FAILURE })
}

/// An article (or a later part of a long one) waiting for extraction.
struct Work {
    article: Article,
    /// A later part of an article already counted in the summary.
    continues: bool,
}

/// Articles extracted together: enough to keep every thread busy, few
/// enough that memory stays bounded whatever the input size.
const BATCH: usize = 256;

/// Sorts, merges (unless `merge` is off) and writes the events to `output`
/// (atomically) or stdout; returns how many were written.
fn write_output(
    events: Spill,
    merge: bool,
    format: writer::OutputFormat,
    output: Option<&Path>,
) -> Result<usize> {
    let sorted = events.sorted()?;
    match output {
        Some(path) => {
            let (file, written) = write_events(sorted, merge, format, AtomicFile::create(path)?)?;
            file.commit()?;
            Ok(written)
        }
        None => {
            let stdout = BufWriter::new(std::io::stdout().lock());
            let (mut stdout, written) =
                write_events(sorted, merge, format, stdout).context("cannot write to stdout")?;
            stdout.flush().context("cannot write to stdout")?;
            Ok(written)
        }
    }
}

/// Writes date-sorted events as they come, merging on the way: only the
/// last weeks' events are held.
fn write_events<W: Write>(
    sorted: Sorted,
    merge: bool,
    format: writer::OutputFormat,
    out: W,
) -> Result<(W, usize)> {
    let mut writer = EventWriter::new(out, format)?;
    let mut stream = merge.then(MergeStream::default);
    let mut ready = Vec::new();
    for event in sorted {
        let event = event?;
        match &mut stream {
            Some(stream) => {
                stream.push(event);
                stream.drain_ready(&mut ready);
            }
            None => ready.push(event),
        }
        for event in ready.drain(..) {
            writer.write(&event)?;
        }
    }
    if let Some(stream) = stream {
        stream.finish(&mut ready);
    }
    for event in ready.drain(..) {
        writer.write(&event)?;
    }
    let written = writer.written();
    Ok((writer.finish()?, written))
}

/// Extracts a batch of articles on `jobs` threads; results keep input order.
fn extract_batch(
    pipeline: &Pipeline,
    batch: Vec<Work>,
    jobs: usize,
    tally: &mut Tally,
    events: &mut Spill,
    quiet: bool,
) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let chunk = batch.len().div_ceil(jobs);
    let outcomes: Vec<ArticleOutcome> = if jobs == 1 {
        batch
            .iter()
            .map(|w| pipeline.extract_article(&w.article))
            .collect()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = batch
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|w| pipeline.extract_article(&w.article))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("extraction threads do not panic"))
                .collect()
        })
    };
    for (Work { article, continues }, outcome) in batch.iter().zip(outcomes) {
        let s = &mut tally.summary;
        if !continues {
            s.articles += 1;
            s.undated_articles += usize::from(article.date.is_none());
        }
        s.unresolved_places += outcome.unresolved.len();
        s.events_without_place += outcome.without_place;
        if !quiet {
            for name in &outcome.unresolved {
                eprintln!(
                    "eventmap: warning: {}: unresolved place {name:?}",
                    article.id
                );
            }
        }
        for event in outcome.events {
            events.push(event)?;
        }
    }
    Ok(())
}

/// Reads one input and hands each article to `on_article` (with whether
/// it continues the previous one); returns the problems met. JSONL is
/// streamed line by line and plain text part by part (bounded memory);
/// HTML is read whole.
fn read_input(
    input: &Input,
    on_article: &mut dyn FnMut(Article, bool),
) -> Result<Vec<shared::Error>> {
    let name = input.name();
    let mut reader: Box<dyn Read> = match input {
        Input::Stdin => Box::new(std::io::stdin().lock()),
        Input::File(path) => {
            Box::new(std::fs::File::open(path).with_context(|| "cannot open".to_string())?)
        }
    };
    // Sniff the format from the name and the first bytes.
    let mut head = vec![0u8; 8192];
    let mut filled = 0;
    while filled < head.len() {
        let n = reader.read(&mut head[filled..]).context("cannot read")?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    head.truncate(filled);
    let mut problems = Vec::new();
    if Format::detect(&name, &head) == Format::Jsonl {
        if let Err(e) = shared::ingest::decode(&name, &head) {
            return Ok(vec![e]);
        }
        let stream = BufReader::new(std::io::Cursor::new(head).chain(reader));
        for outcome in JsonlStream::new(&name, stream) {
            match outcome {
                LineOutcome::Article(article, warning) => {
                    problems.extend(warning);
                    on_article(article, false);
                }
                LineOutcome::Warning(e) | LineOutcome::Skipped(e) => problems.push(e),
            }
        }
        return Ok(problems);
    }
    if Format::detect(&name, &head) == Format::Text {
        let stream = BufReader::new(std::io::Cursor::new(head).chain(reader));
        for part in TextParts::new(&name, &article_id(&name), stream) {
            problems.extend(part.problems);
            if let Some(article) = part.article {
                on_article(article, part.continues);
            }
        }
        return Ok(problems);
    }
    let mut bytes = head;
    reader.read_to_end(&mut bytes).context("cannot read")?;
    let ingested = read_bytes(&name, &bytes, None);
    problems.extend(ingested.problems);
    for article in ingested.articles {
        on_article(article, false);
    }
    Ok(problems)
}

/// Fills what the article does not say from the manifest, then `--date`.
fn with_metadata(
    mut article: Article,
    input: &Input,
    manifest: &Manifest,
    date: Option<chrono::NaiveDate>,
) -> Article {
    if let Input::File(path) = input {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if let Some(meta) = manifest.get(name) {
            article.date = article.date.or(meta.date);
            article.title = article.title.or_else(|| meta.title.clone());
            article.source = article.source.or_else(|| meta.source.clone());
            article.url = article.url.or_else(|| meta.url.clone());
        }
    }
    article.date = article.date.or(date);
    article
}

fn print_summary(tally: &Tally, output: Option<&PathBuf>, written: bool) {
    let s = &tally.summary;
    let target = output.map_or("stdout".to_string(), |p| p.display().to_string());
    let written = if written {
        "written to"
    } else {
        "NOT written to"
    };
    eprintln!(
        "eventmap: {} articles from {} inputs ({} undated); {} events {written} {target} ({} found before merging); \
         {} unresolved place names; {} events without a place; {} inputs and {} lines skipped; {} warnings",
        s.articles,
        tally.inputs_read,
        s.undated_articles,
        s.events,
        s.events_found,
        s.unresolved_places,
        s.events_without_place,
        tally.inputs_skipped,
        tally.lines_skipped,
        tally.warnings,
    );
}
