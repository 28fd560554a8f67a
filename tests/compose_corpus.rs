//! Every real Compose file of `../shared/corpus/real/compose` goes through the Compose
//! front-end without a panic and without a problem reading it: all 48 are valid
//! Compose files (the zabbix ones `extends` services of another file, which is
//! skipped, not an error).

use shipshape::{analyze, AnalyzeOptions, InputKind};
use std::path::Path;

/// Input problems that mean the front-end could not read (part of) the file. SYN-003
/// is not among them: without the deployment's environment, `${VAR:?message}`
/// legitimately reports its unset required variable.
const READ_FAILURES: [&str; 4] = ["SYN-001", "SYN-002", "SYN-004", "SYN-005"];

#[test]
fn every_corpus_file_is_read() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real/compose");
    if !dir.is_dir() {
        println!("skipped: ../shared not found");
        return;
    }
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no Compose files in {}", dir.display());
    let options = AnalyzeOptions {
        input: InputKind::Compose,
        ..AnalyzeOptions::default()
    };
    let mut failures = Vec::new();
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let analysis = analyze(&text, &options);
        let problems: Vec<String> = analysis
            .diagnostics
            .iter()
            .filter(|d| READ_FAILURES.contains(&d.code.as_str()))
            .map(|d| {
                format!(
                    "{} {}:{} {}",
                    d.code, d.range.start.line, d.range.start.column, d.message
                )
            })
            .collect();
        println!("{name}: {} services", analysis.containers.len());
        if !problems.is_empty() {
            failures.push(format!("{name}: {problems:#?}"));
        }
        if analysis.containers.is_empty() {
            failures.push(format!("{name}: no services"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
