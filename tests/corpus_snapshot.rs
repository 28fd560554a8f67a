//! Per-file finding counts over the real corpus in `../shared/corpus/real`, compared
//! with the insta snapshot `tests/snapshots/corpus_snapshot__corpus_findings.snap`.
//!
//! A change in any rule or front-end that alters what real files report shows up
//! here as a readable diff. Regenerate after a deliberate change with
//! `INSTA_UPDATE=always cargo test --test corpus_snapshot` and review the diff.

use shipshape::{analyze, AnalyzeOptions, InputKind};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    dir.is_dir().then_some(dir)
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    files
}

/// One line per file: `kind/name: containers=N CODE×count ...` (unsuppressed findings).
fn snapshot_line(kind: &str, path: &Path, input: InputKind) -> String {
    let text = fs::read_to_string(path).unwrap();
    let options = AnalyzeOptions {
        input,
        ..AnalyzeOptions::default()
    };
    let analysis = analyze(&text, &options);
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for diagnostic in analysis
        .diagnostics
        .iter()
        .filter(|d| d.suppressed.is_none())
    {
        *counts.entry(diagnostic.code.as_str()).or_default() += 1;
    }
    let counts: Vec<String> = counts
        .iter()
        .map(|(code, count)| format!("{code}x{count}"))
        .collect();
    format!(
        "{kind}/{}: containers={} {}",
        path.file_name().unwrap().to_string_lossy(),
        analysis.containers.len(),
        counts.join(" ")
    )
    .trim_end()
    .to_string()
}

#[test]
fn corpus_findings_match_the_snapshot() {
    let Some(dir) = corpus_dir() else {
        println!("skipped: ../shared not found, corpus snapshot not checked");
        return;
    };
    let mut lines = Vec::new();
    for path in files(&dir.join("compose")) {
        lines.push(snapshot_line("compose", &path, InputKind::Compose));
    }
    for path in files(&dir.join("run")) {
        lines.push(snapshot_line("run", &path, InputKind::Run));
    }
    let actual = lines.join("\n") + "\n";
    insta::assert_snapshot!("corpus_findings", actual);
    println!("corpus snapshot: {} files match", lines.len());
}
