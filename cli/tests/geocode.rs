//! `eventmap geocode`: the home country decides between same-name places
//! when nothing else does; bad codes are usage errors; a reader that goes
//! away early is not a crash.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn index() -> PathBuf {
    std::env::var_os("EVENTMAP_INDEX")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/eventmap/gazetteer.bin")
        })
}

fn geocode(args: &[&str]) -> (i32, Vec<Value>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_eventmap"))
        .arg("geocode")
        .arg("--index")
        .arg(index())
        .args(args)
        .output()
        .expect("run eventmap");
    let list = serde_json::from_slice(&out.stdout).unwrap_or_default();
    (
        out.status.code().expect("exited, not killed"),
        list,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_home_country_decides_between_same_name_places() {
    assert!(index().is_file(), "build the index first");
    // (name, home country flag, country of the chosen place)
    let cases: [(&str, Option<&str>, &str); 4] = [
        ("Ariha", None, "SY"),
        ("Ariha", Some("PS"), "PS"),
        ("Tripoli", Some("lb"), "LB"),
        ("Tripoli", Some("LY"), "LY"),
    ];
    for (name, home, want) in cases {
        let mut args = vec![name, "--json"];
        if let Some(h) = home {
            args.extend(["--home-country", h]);
        }
        let (code, list, stderr) = geocode(&args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        let chosen = list.iter().find(|c| c["chosen"] == true).expect("a choice");
        assert_eq!(chosen["country"], want, "{args:?}");
    }
}

#[test]
fn a_country_name_is_not_a_country_code() {
    let (code, _, stderr) = geocode(&["Ariha", "--home-country", "Syria"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("two-letter country code"), "{stderr}");
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    assert!(index().is_file(), "build the index first");
    for _ in 0..3 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_eventmap"))
            .args(["geocode", "Tall", "--json", "--index"])
            .arg(index())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(out.status.code(), Some(0), "{stderr}");
    }
}
