//! Hostile and broken input, through the built `eventmap` binary: every bad
//! input of README's "Bad input" table gives its message (file, and line or
//! byte offset), loses nothing else, ends with a summary and the right exit
//! code; `-o` is written atomically; output is byte-identical across runs
//! and across the order inputs are given in.
//!
//! The runs use the real index (`target/eventmap/gazetteer.bin`, or
//! `$EVENTMAP_INDEX`): build it once with `eventmap gazetteer build`.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const OK: i32 = 0;
const FAILURE: i32 = 1;
const USAGE: i32 = 2;
const PARTIAL: i32 = 3;

/// A sentence the extractor turns into one event (Douma, 12 killed).
const EVENT: &str =
    "Syrian government air strikes killed 12 civilians in Douma on Friday, rescuers said.";

fn index() -> PathBuf {
    let path = std::env::var_os("EVENTMAP_INDEX")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/eventmap/gazetteer.bin")
        });
    assert!(
        path.is_file(),
        "{} is missing: run `cargo run --release -p eventmap -- gazetteer build` first",
        path.display()
    );
    path
}

/// A fresh folder for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("eventmap-hostile-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One run of the binary.
struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Run {
    /// The numbers of the closing summary line (which must be the last line).
    fn summary(&self) -> Summary {
        let last = self.stderr.lines().last().unwrap_or("");
        parse_summary(last)
            .unwrap_or_else(|| panic!("no summary at the end of stderr:\n{}", self.stderr))
    }

    fn events(&self) -> Vec<Value> {
        let root: Value = serde_json::from_slice(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}",
                String::from_utf8_lossy(&self.stdout)
            )
        });
        root["features"]
            .as_array()
            .expect("a FeatureCollection")
            .clone()
    }
}

fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_eventmap"));
    command
        .current_dir(dir)
        .arg("extract")
        .arg("--index")
        .arg(index())
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("run eventmap");
    if let Some(bytes) = stdin {
        use std::io::Write;
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(bytes).unwrap();
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().unwrap();
    Run {
        code: status
            .code()
            .expect("exited, not killed by a signal (a panic abort?)"),
        stdout,
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

#[derive(Debug, Default, PartialEq)]
struct Summary {
    articles: usize,
    inputs: usize,
    undated: usize,
    events: usize,
    events_found: usize,
    inputs_skipped: usize,
    lines_skipped: usize,
    warnings: usize,
}

/// Reads "eventmap: 2 articles from 1 inputs (1 undated); 3 events written
/// to stdout (4 found before merging); 0 unresolved place names; 0 events
/// without a place; 1 inputs and 2 lines skipped; 4 warnings".
fn parse_summary(line: &str) -> Option<Summary> {
    let parts: Vec<Vec<&str>> = line
        .strip_prefix("eventmap: ")?
        .split("; ")
        .map(|part| part.split_whitespace().collect())
        .collect();
    let number = |part: usize, word: usize| -> Option<usize> {
        parts
            .get(part)?
            .get(word)?
            .trim_start_matches('(')
            .parse()
            .ok()
    };
    if parts.len() != 6
        || parts[0].get(1) != Some(&"articles")
        || parts[5].get(1) != Some(&"warnings")
    {
        return None;
    }
    Some(Summary {
        articles: number(0, 0)?,
        inputs: number(0, 3)?,
        undated: number(0, 5)?,
        events: number(1, 0)?,
        // "(4 found before merging)", after "written to" or "NOT written to".
        events_found: parts[1]
            .iter()
            .find(|w| w.starts_with('('))?
            .trim_start_matches('(')
            .parse()
            .ok()?,
        inputs_skipped: number(4, 0)?,
        lines_skipped: number(4, 3)?,
        warnings: number(5, 0)?,
    })
}

/// One bad input and what must happen.
struct Case {
    what: &'static str,
    file: &'static str,
    bytes: Vec<u8>,
    code: i32,
    /// Substrings stderr must contain (the message names the file, line or offset).
    messages: &'static [&'static str],
    articles: usize,
    events: usize,
    undated: usize,
    inputs_skipped: usize,
    lines_skipped: usize,
}

fn jsonl(lines: &[&str]) -> Vec<u8> {
    let mut out = lines.join("\n");
    out.push('\n');
    out.into_bytes()
}

fn cases() -> Vec<Case> {
    let event_line = format!(r#"{{"id":"ok","date":"2018-04-07","text":"{EVENT}"}}"#);
    // A JSONL file whose invalid byte comes after the 8 KB the format is sniffed from.
    let mut late_bad_utf8 = Vec::new();
    for i in 0..200 {
        late_bad_utf8.extend(
            format!(r#"{{"id":"p{i}","text":"Nothing happened here today at all."}}"#).bytes(),
        );
        late_bad_utf8.push(b'\n');
    }
    let bad_at = late_bad_utf8.len() + r#"{"id":"x","text":"Hama"#.len();
    assert!(bad_at > 8192);
    late_bad_utf8.extend(b"{\"id\":\"x\",\"text\":\"Hama\xe9 was calm.\"}");
    late_bad_utf8.push(b'\n');
    let late_message: &'static str =
        Box::leak(format!("late.jsonl: invalid UTF-8 at byte {bad_at};").into_boxed_str());

    let mut latin1 = format!("date: 2018-04-07\n\n{EVENT} A caf").into_bytes();
    let latin1_message: &'static str =
        Box::leak(format!("latin1.txt: invalid UTF-8 at byte {};", latin1.len()).into_boxed_str());
    latin1.extend(b"\xe9 was hit.");

    let mut html = String::from("<!DOCTYPE html><html><head><title>Strikes on Douma</title>");
    html.push_str("<meta property=\"article:published_time\" content=\"2018-04-07T10:00:00Z\">");
    html.push_str("<style>p::before { content: \"Air strikes killed 70 civilians in Aleppo. XSTYLEX\" }</style>");
    html.push_str("<script>document.write('<p>Air strikes killed 80 civilians in Aleppo. XSCRIPTX</p>');</script>");
    html.push_str("<SCRIPT type=x>if (a < b && c > d) { x = '</scr' + 'ipt>' }</SCRIPT >");
    html.push_str("</head><body><nav>Share</nav><!-- <p>Air strikes killed 90 civilians in Aleppo. XCOMMENTX</p> -->");
    html.push_str("<p>Syrian government air strikes killed 12 civilians in Douma on Friday&#44; rescuers said &amp; added</p>");
    html.push_str(
        "<p <b>broken <i attr=\"unterminated>text</p><div><p>Unclosed &bogus; &#xFFFFFFFF; &#0; &",
    );
    html.push_str("<p>Calm.</p><a href=\"x Air strikes killed 60 civilians in Aleppo. XTRAILX");

    vec![
        Case {
            what: "invalid UTF-8 in a text file",
            file: "latin1.txt",
            bytes: latin1,
            code: OK,
            messages: Box::leak(Box::new([latin1_message])),
            articles: 1,
            events: 1,
            undated: 0,
            inputs_skipped: 0,
            lines_skipped: 0,
        },
        Case {
            what: "invalid UTF-8 in a JSONL stream, after the sniffed head",
            file: "late.jsonl",
            bytes: late_bad_utf8,
            code: OK,
            messages: Box::leak(Box::new([late_message])),
            articles: 201,
            events: 0,
            undated: 201,
            inputs_skipped: 0,
            lines_skipped: 0,
        },
        Case {
            what: "a binary file",
            file: "photo.txt",
            bytes: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec(),
            code: FAILURE,
            messages: &["photo.txt: looks like a binary file (NUL byte at offset 8); skipped"],
            articles: 0,
            events: 0,
            undated: 0,
            inputs_skipped: 1,
            lines_skipped: 0,
        },
        Case {
            what: "a binary file named .jsonl",
            file: "archive.jsonl",
            bytes: b"PK\x03\x04\x14\x00\x00\x00".to_vec(),
            code: FAILURE,
            messages: &["archive.jsonl: looks like a binary file (NUL byte at offset 5); skipped"],
            articles: 0,
            events: 0,
            undated: 0,
            inputs_skipped: 1,
            lines_skipped: 0,
        },
        Case {
            what: "an empty file",
            file: "empty.txt",
            bytes: Vec::new(),
            code: OK,
            messages: &[],
            articles: 0,
            events: 0,
            undated: 0,
            inputs_skipped: 0,
            lines_skipped: 0,
        },
        Case {
            what: "an empty JSONL file",
            file: "empty.jsonl",
            bytes: b"\n\n   \n".to_vec(),
            code: OK,
            messages: &[],
            articles: 0,
            events: 0,
            undated: 0,
            inputs_skipped: 0,
            lines_skipped: 0,
        },
        Case {
            what: "malformed JSONL lines among good ones",
            file: "mixed.jsonl",
            bytes: jsonl(&[
                &event_line,
                "{not json",
                r#"{"id":"q","text":"Calm day."}"#,
                "[1,2,3]",
                r#"{"text": 42}"#,
            ]),
            code: PARTIAL,
            messages: &[
                "mixed.jsonl:2: not a valid article",
                "mixed.jsonl:4: not a valid article",
                "mixed.jsonl:5: not a valid article",
            ],
            articles: 2,
            events: 1,
            undated: 1,
            inputs_skipped: 0,
            lines_skipped: 3,
        },
        Case {
            what: "a JSONL line without text",
            file: "notext.jsonl",
            bytes: jsonl(&[r#"{"id":"a","title":"No body"}"#, &event_line]),
            code: PARTIAL,
            messages: &["notext.jsonl:1: article has no \"text\" field"],
            articles: 1,
            events: 1,
            undated: 0,
            inputs_skipped: 0,
            lines_skipped: 1,
        },
        Case {
            what: "an impossible date in a text header",
            file: "feb30.txt",
            bytes: format!("date: 2018-02-30\n\n{EVENT}").into_bytes(),
            code: OK,
            messages: &["feb30.txt:1: unreadable date \"2018-02-30\"; article kept as undated"],
            articles: 1,
            events: 1,
            undated: 1,
            inputs_skipped: 0,
            lines_skipped: 0,
        },
        Case {
            what: "an unreadable date in a text header",
            file: "yesterday.txt",
            bytes: format!("title: Strikes\ndate: yesterday\n\n{EVENT}").into_bytes(),
            code: OK,
            messages: &["yesterday.txt:2: unreadable date \"yesterday\""],
            articles: 1,
            events: 1,
            undated: 1,
            inputs_skipped: 0,
            lines_skipped: 0,
        },
        Case {
            what: "an impossible inline date",
            file: "inline.txt",
            bytes: format!(" date 2018-13-45 {EVENT}").into_bytes(),
            code: OK,
            messages: &["inline.txt:1: unreadable date \"2018-13-45\""],
            articles: 1,
            events: 1,
            undated: 1,
            inputs_skipped: 0,
            lines_skipped: 0,
        },
        Case {
            what: "a date chrono reads but whose neighbours overflow (was a panic)",
            file: "far.jsonl",
            bytes: jsonl(&[&format!(
                r#"{{"date":"+262142-12-31T00:00:00","text":"{EVENT} It happened on 5 March."}}"#
            )]),
            code: OK,
            messages: &["far.jsonl:1: unreadable date \"+262142-12-31T00:00:00\""],
            articles: 1,
            events: 1,
            undated: 1,
            inputs_skipped: 0,
            lines_skipped: 0,
        },
        Case {
            what: "an impossible date in JSONL",
            file: "dates.jsonl",
            bytes: jsonl(&[
                &format!(r#"{{"id":"a","date":"2018-02-30","text":"{EVENT}"}}"#),
                &format!(r#"{{"id":"b","date":"yesterday","text":"{EVENT} Again."}}"#),
            ]),
            code: OK,
            messages: &[
                "dates.jsonl:1: unreadable date \"2018-02-30\"",
                "dates.jsonl:2: unreadable date \"yesterday\"",
            ],
            articles: 2,
            events: 1,
            undated: 2,
            inputs_skipped: 0,
            lines_skipped: 0,
        },
        Case {
            what: "HTML with scripts, styles, comments, entities and broken tags",
            file: "page.html",
            bytes: html.into_bytes(),
            code: OK,
            messages: &[],
            articles: 1,
            events: 1,
            undated: 0,
            inputs_skipped: 0,
            lines_skipped: 0,
        },
    ]
}

#[test]
fn each_bad_input_gives_its_message_and_loses_nothing_else() {
    let scratch = Scratch::new("cases");
    for case in cases() {
        let path = scratch.write(case.file, &case.bytes);
        let run = run_in(&scratch.0, &[path.to_str().unwrap()], None);
        let what = case.what;
        assert_eq!(run.code, case.code, "{what}: exit code\n{}", run.stderr);
        for message in case.messages {
            assert!(
                run.stderr.contains(message),
                "{what}: no {message:?} in\n{}",
                run.stderr
            );
        }
        assert!(!run.stderr.contains("panicked"), "{what}: {}", run.stderr);
        let summary = run.summary();
        let expected = Summary {
            articles: case.articles,
            inputs: 1 - case.inputs_skipped,
            undated: case.undated,
            events: case.events,
            events_found: summary.events_found,
            inputs_skipped: case.inputs_skipped,
            lines_skipped: case.lines_skipped,
            warnings: summary.warnings,
        };
        assert_eq!(summary, expected, "{what}: summary\n{}", run.stderr);
        let events = run.events();
        assert_eq!(events.len(), case.events, "{what}");
        // Undated articles give undated events, never a guessed date.
        if case.undated == case.articles {
            for event in &events {
                assert_eq!(event["properties"]["event_date"], Value::Null, "{what}");
            }
        }
        if case.file == "page.html" {
            let text = String::from_utf8_lossy(&run.stdout);
            for hidden in ["XSTYLEX", "XSCRIPTX", "XCOMMENTX", "XTRAILX", "scr' + 'ipt"] {
                assert!(
                    !text.contains(hidden),
                    "{what}: {hidden} leaked into the events"
                );
            }
            assert_eq!(events[0]["properties"]["fatalities"], 12);
            assert_eq!(events[0]["properties"]["event_date"], "2018-04-06");
            let notes = events[0]["properties"]["notes"].as_str().unwrap();
            assert!(
                notes.contains("on Friday, rescuers said & added"),
                "{what}: entities not decoded: {notes}"
            );
        }
        std::fs::remove_file(&path).unwrap();
    }
}

#[test]
fn all_bad_inputs_together_keep_the_good_ones() {
    let scratch = Scratch::new("together");
    let mut paths = Vec::new();
    let cases = cases();
    for case in &cases {
        paths.push(scratch.write(case.file, &case.bytes).display().to_string());
    }
    paths.push(scratch.path("missing.txt").display().to_string());
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let run = run_in(&scratch.0, &args, None);
    assert_eq!(run.code, PARTIAL, "{}", run.stderr);
    assert!(
        run.stderr.contains("missing.txt: no such file or folder"),
        "{}",
        run.stderr
    );
    let summary = run.summary();
    let sum = |f: fn(&Case) -> usize| cases.iter().map(f).sum::<usize>();
    assert_eq!(summary.articles, sum(|c| c.articles));
    assert_eq!(summary.inputs_skipped, sum(|c| c.inputs_skipped) + 1);
    assert_eq!(summary.lines_skipped, sum(|c| c.lines_skipped));
    assert_eq!(summary.inputs, cases.len() - sum(|c| c.inputs_skipped));
}

#[test]
fn stdin_is_read_and_bad_stdin_is_reported() {
    let scratch = Scratch::new("stdin");
    let cases: [(&[u8], i32, &str, usize); 4] = [
        (EVENT.as_bytes(), OK, "", 1),
        (b"", OK, "", 0),
        (
            b"\x7fELF\x02\x01\x01\x00\x00",
            FAILURE,
            "-: looks like a binary file",
            0,
        ),
        (
            b"{\"text\":\"Calm.\"}\n{oops\n",
            PARTIAL,
            "-:2: not a valid article",
            1,
        ),
    ];
    for (input, code, message, articles) in cases {
        let run = run_in(&scratch.0, &["-", "--date", "2018-04-07"], Some(input));
        assert_eq!(run.code, code, "{}", run.stderr);
        assert!(run.stderr.contains(message), "{}", run.stderr);
        assert_eq!(run.summary().articles, articles, "{}", run.stderr);
    }
}

#[cfg(unix)]
#[test]
fn folders_with_unreadable_files_and_symlink_loops() {
    use std::os::unix::fs::symlink;
    let scratch = Scratch::new("folder");
    let root = scratch.path("in");
    scratch.write("in/a/good.txt", format!("date: 2018-04-07\n\n{EVENT}"));
    scratch.write(
        "in/b/also.jsonl",
        jsonl(&[r#"{"id":"j","text":"Calm day."}"#]),
    );
    scratch.write("in/b/image.png", b"\x89PNG\x00");
    symlink(&root, root.join("a/loop")).unwrap(); // a loop back to the top
    symlink(root.join("b"), root.join("b/self")).unwrap(); // a loop onto itself
    symlink("selflink.txt", root.join("selflink.txt")).unwrap(); // ELOOP on open
    symlink("/no/such/file", root.join("dangling.txt")).unwrap();
    std::fs::create_dir_all(root.join("dir.txt")).unwrap(); // a folder with an article's name
    scratch.write("in/dir.txt/inner.txt", "Calm day in the city.");
    let unreadable = scratch.write("in/c/locked.txt", EVENT);
    let locked_dir = scratch
        .write("in/locked/hidden.txt", EVENT)
        .parent()
        .unwrap()
        .to_path_buf();
    let root_user = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&unreadable, std::fs::Permissions::from_mode(0o000)).unwrap();
        std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o000)).unwrap();
        std::fs::read(&unreadable).is_ok() // root reads anything
    };
    let run = run_in(&scratch.0, &["in"], None);
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    assert_eq!(run.code, PARTIAL, "{}", run.stderr);
    for message in ["selflink.txt: cannot open", "dangling.txt: cannot open"] {
        assert!(
            run.stderr.contains(message),
            "no {message:?} in\n{}",
            run.stderr
        );
    }
    let summary = run.summary();
    // good.txt, also.jsonl, inner.txt (+ locked.txt and hidden.txt as root);
    // each folder once despite the loops.
    let readable = if root_user { 5 } else { 3 };
    assert_eq!(summary.articles, readable, "{}", run.stderr);
    assert_eq!(
        summary.inputs_skipped,
        if root_user { 2 } else { 4 },
        "{}",
        run.stderr
    );
    if !root_user {
        assert!(
            run.stderr.contains("locked.txt: cannot open"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("locked: cannot read folder"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(
        run.stderr.matches("good.txt").count(),
        0,
        "good.txt read without complaint"
    );
}

#[test]
fn exit_codes_tell_success_partial_success_failure_and_usage_apart() {
    let scratch = Scratch::new("codes");
    let good = scratch.write("good.txt", EVENT);
    let binary = scratch.write("bin.txt", b"\x00\x01");
    let bad_line = scratch.write("bad.jsonl", b"{\n");
    let (good, binary, bad_line) = (
        good.to_str().unwrap(),
        binary.to_str().unwrap(),
        bad_line.to_str().unwrap(),
    );
    let cases: [(&[&str], i32); 9] = [
        (&[good], OK),
        (&[good, binary], PARTIAL),
        (&[good, "missing.txt"], PARTIAL),
        (&[good, bad_line], PARTIAL),
        (&[binary], FAILURE),
        (&["missing.txt"], FAILURE),
        (&[bad_line, binary], FAILURE),
        (&[good, "--date", "2018-02-30"], USAGE),
        (&[good, "--no-such-option"], USAGE),
    ];
    for (args, code) in cases {
        let run = run_in(&scratch.0, args, None);
        assert_eq!(run.code, code, "{args:?}\n{}", run.stderr);
        if code != USAGE {
            run.summary();
        }
    }
}

#[test]
fn output_is_written_atomically_and_never_destroyed_by_an_error() {
    let scratch = Scratch::new("atomic");
    let good = scratch.write("good.txt", format!("date: 2018-04-07\n\n{EVENT}"));
    let binary = scratch.write("bin.txt", b"\x00");
    let good = good.to_str().unwrap();
    let out = scratch.path("out/events.geojson");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let out_arg = out.to_str().unwrap();

    // A good run writes the file; its bytes are what stdout would get.
    let run = run_in(&scratch.0, &[good, "-o", out_arg], None);
    assert_eq!(run.code, OK, "{}", run.stderr);
    let first = std::fs::read(&out).unwrap();
    assert_eq!(first, run_in(&scratch.0, &[good], None).stdout);
    assert!(run
        .stderr
        .lines()
        .last()
        .unwrap()
        .contains(&format!("written to {out_arg}")));

    // A run that reads nothing fails and leaves the previous file alone.
    let run = run_in(&scratch.0, &[binary.to_str().unwrap(), "-o", out_arg], None);
    assert_eq!(run.code, FAILURE, "{}", run.stderr);
    assert_eq!(
        std::fs::read(&out).unwrap(),
        first,
        "a failed run replaced the output"
    );
    run.summary();

    // Outputs that cannot be written: the error is reported, the summary
    // still ends... the run, and nothing half-written is left anywhere.
    let file_as_parent = scratch.write("plain-file", b"keep me");
    let dir_as_target = scratch.path("out/a-folder");
    scratch.write("out/a-folder/inside.txt", b"keep me too");
    let long_name = scratch.path(&"x".repeat(300));
    let targets = [
        file_as_parent.join("events.geojson"),
        dir_as_target.clone(),
        long_name,
    ];
    for target in &targets {
        let run = run_in(&scratch.0, &[good, "-o", target.to_str().unwrap()], None);
        assert_eq!(run.code, FAILURE, "{}: {}", target.display(), run.stderr);
        assert!(run.stderr.contains("error"), "{}", run.stderr);
        assert!(run.stderr.contains("NOT written"), "{}", run.stderr);
    }
    assert_eq!(std::fs::read(&file_as_parent).unwrap(), b"keep me");
    assert_eq!(
        std::fs::read(dir_as_target.join("inside.txt")).unwrap(),
        b"keep me too"
    );
    assert_eq!(std::fs::read(&out).unwrap(), first);
    // No temporary files left behind.
    let mut names: Vec<String> = std::fs::read_dir(scratch.path("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a-folder", "events.geojson"]);

    #[cfg(unix)]
    {
        // A read-only folder (meaningless as root, who writes anyway).
        use std::os::unix::fs::PermissionsExt;
        let locked = scratch.path("locked");
        std::fs::create_dir_all(&locked).unwrap();
        std::fs::write(locked.join("events.geojson"), b"previous").unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
        let root_user = std::fs::write(locked.join("probe"), b"").is_ok();
        if !root_user {
            let target = locked.join("events.geojson");
            let run = run_in(&scratch.0, &[good, "-o", target.to_str().unwrap()], None);
            assert_eq!(run.code, FAILURE, "{}", run.stderr);
            assert_eq!(std::fs::read(&target).unwrap(), b"previous");
            assert_eq!(std::fs::read_dir(&locked).unwrap().count(), 1);
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

/// Every output format, byte for byte, for inputs given in two orders.
#[test]
fn output_is_identical_across_runs_and_input_order() {
    let scratch = Scratch::new("order");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the demo corpus is missing");
    // Two reports of the same event (merged), and articles in every format.
    files.push(scratch.write("extra.jsonl", jsonl(&[
        &format!(r#"{{"id":"j1","date":"2018-04-07","source":"A","text":"{EVENT}"}}"#),
        &format!(r#"{{"id":"j2","date":"2018-04-07","source":"B","text":"{EVENT} Rescuers were still digging."}}"#),
    ])));
    files.push(scratch.write(
        "page.html",
        format!("<html><head><meta property=\"article:published_time\" content=\"2018-04-08\"></head><p>{EVENT}</p>"),
    ));
    let manifest = corpus.join("manifest.jsonl");
    let names = |order: &[PathBuf]| -> Vec<String> {
        order.iter().map(|p| p.display().to_string()).collect()
    };
    let forward = names(&files);
    let mut reversed = forward.clone();
    reversed.reverse();
    let mut shuffled = forward.clone();
    shuffled.rotate_left(3);
    shuffled.swap(0, 4);
    let run_with = |order: &[String], format: &str, merge: bool| {
        let mut args: Vec<&str> = order.iter().map(String::as_str).collect();
        args.extend([
            "--manifest",
            manifest.to_str().unwrap(),
            "--format",
            format,
            "--quiet",
        ]);
        if !merge {
            args.push("--no-merge");
        }
        let run = run_in(&scratch.0, &args, None);
        assert_eq!(run.code, OK, "{}", run.stderr);
        run.stdout
    };
    // Each run loads the index, so the orders are spread over the formats.
    let cases: [(&str, bool, &[&Vec<String>]); 3] = [
        ("geojson", true, &[&forward, &reversed, &shuffled]),
        ("csv", true, &[&reversed]),
        ("jsonl", false, &[&shuffled]),
    ];
    for (format, merge, orders) in cases {
        let first = run_with(&forward, format, merge);
        assert!(first.len() > 1000, "{format}: suspiciously little output");
        for order in orders {
            let again = run_with(order, format, merge);
            assert!(
                first == again,
                "{format} merge={merge}: output differs for order {order:#?}"
            );
        }
    }
}

#[test]
fn a_few_megabytes_of_jsonl_stream_through_with_every_line_counted() {
    let scratch = Scratch::new("big");
    let mut bytes = Vec::new();
    let lines = 20_000;
    for i in 0..lines {
        match i % 1000 {
            500 => bytes.extend_from_slice(b"{broken\n"),
            _ => bytes.extend(format!(r#"{{"id":"a{i}","date":"2018-04-07","text":"Nothing of note happened in town number {i} today, officials said."}}"#).bytes().chain([b'\n'])),
        }
    }
    assert!(bytes.len() > 1_500_000);
    let path = scratch.write("big.jsonl", &bytes);
    let run = run_in(&scratch.0, &[path.to_str().unwrap(), "--quiet"], None);
    assert_eq!(run.code, PARTIAL, "{}", run.stderr);
    let summary = run.summary();
    assert_eq!(summary.articles, lines - 20);
    assert_eq!(summary.lines_skipped, 20);
    assert!(
        run.stderr.contains("big.jsonl:19501: not a valid article"),
        "{}",
        run.stderr
    );
}

/// Events beyond the memory limit are sorted through temporary files and
/// merged as they stream out: the output is byte-identical to a run that
/// held everything, merges included.
#[test]
fn sorting_through_temporary_files_changes_nothing() {
    let scratch = Scratch::new("spill");
    let towns = [
        "Douma",
        "Harasta",
        "Saraqib",
        "Ariha",
        "Jisr al-Shughur",
        "Manbij",
        "Tal Rifaat",
        "Deir ez-Zor",
        "Mayadin",
        "Palmyra",
        "Daraa",
        "Nawa",
        "Rastan",
        "Talbiseh",
    ];
    let mut bytes = Vec::new();
    for i in 0..3000usize {
        let town = towns[i % towns.len()];
        let day = 1 + (i * 7) % 28;
        let month = 1 + (i / 250) % 12;
        let killed = 2 + i % 9;
        bytes.extend(format!(
            r#"{{"id":"s{i}","date":"2018-{month:02}-{day:02}","source":"Outlet {}","text":"Air strikes killed {killed} civilians in {town} on Tuesday, rescuers said. Clashes also broke out near {}."}}"#,
            i % 3,
            towns[(i * 5) % towns.len()]
        ).bytes().chain([b'\n']));
    }
    let path = scratch.write("many.jsonl", &bytes);
    let path = path.to_str().unwrap();
    let held = run_in(&scratch.0, &[path], None);
    let spilled = run_in(&scratch.0, &[path, "--spill-mb", "1"], None);
    for run in [&held, &spilled] {
        assert_eq!(run.code, OK, "{}", run.stderr);
    }
    assert!(!held.stderr.contains("temporary files"), "{}", held.stderr);
    assert!(
        spilled.stderr.contains("temporary files"),
        "{}",
        spilled.stderr
    );
    let summary = held.summary();
    assert!(summary.events > 300, "{}", held.stderr);
    assert!(
        summary.events < summary.events_found,
        "reports of the same event merge: {}",
        held.stderr
    );
    assert!(held.stdout == spilled.stdout, "output differs when spilled");
    assert_eq!(spilled.summary(), summary);
}

/// A text file far longer than one part is read part by part (never held
/// whole): it counts as one article, and every part's events are found.
#[test]
fn a_long_text_file_is_one_article_read_in_parts() {
    let scratch = Scratch::new("long-text");
    let towns = ["Douma", "Harasta", "Saraqib", "Manbij", "Palmyra", "Daraa"];
    let filler = "Prices at the central market rose again this month, traders said, blaming the weak currency and the cost of fuel. ".repeat(12);
    let mut text = String::from("date: 2018-04-07\ntitle: A very long report\n\n");
    let paragraphs = 600;
    for i in 0..paragraphs {
        text.push_str(&format!(
            "Air strikes killed {} civilians in {} on Tuesday, rescuers said.\n\n{filler}\n\n",
            2 + i % 30,
            towns[i % towns.len()]
        ));
    }
    assert!(text.len() > 5 * 128 * 1024, "several parts");
    let path = scratch.write("long.txt", &text);
    let run = run_in(&scratch.0, &[path.to_str().unwrap(), "--no-merge"], None);
    assert_eq!(run.code, OK, "{}", run.stderr);
    let summary = run.summary();
    assert_eq!((summary.articles, summary.inputs), (1, 1), "{}", run.stderr);
    let events = run.events();
    assert!(
        events.len() * 100 >= paragraphs * 95,
        "{} events from {paragraphs} reports",
        events.len()
    );
    let mut ids: Vec<&str> = events.iter().filter_map(|e| e["id"].as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), events.len(), "ids unique across parts");
    assert!(events
        .iter()
        .all(|e| e["properties"]["sources"][0]["title"] == "A very long report"));
}
