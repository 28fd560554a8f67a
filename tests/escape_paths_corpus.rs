//! Escape paths over the real corpus (`../shared/corpus/real/`): prints, per file,
//! each container's open paths and minimal fixes, and checks that every file with an
//! unsuppressed critical finding has at least one open path, that every open path
//! rests on settings shipshape reports, and that the hardened examples have none.

use shipshape::analyze::{analyze, AnalyzeOptions};
use shipshape::diagnostic::Severity;
use shipshape::report::Report;
use std::fs;
use std::path::{Path, PathBuf};

/// Corpus files that show a hardened container, and why they count as one.
const HARDENED: &[(&str, &str)] = &[
    (
        "run/docker-library__docs__nginx-read-only.sh",
        "read-only root filesystem, only cache and PID directories of its own mounted",
    ),
    (
        "run/docker-library__docs__jetty-read-only.sh",
        "read-only root filesystem with two anonymous volumes",
    ),
];

fn corpus() -> Option<Vec<PathBuf>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    if !root.is_dir() {
        println!(
            "skipped: ../shared/corpus/real not found, escape paths over the corpus not checked"
        );
        return None;
    }
    let mut files = Vec::new();
    for dir in ["compose", "run"] {
        for entry in fs::read_dir(root.join(dir)).unwrap() {
            files.push(entry.unwrap().path());
        }
    }
    files.sort();
    Some(files)
}

fn name(path: &Path) -> String {
    let parent = path
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy();
    format!("{parent}/{}", path.file_name().unwrap().to_string_lossy())
}

#[test]
fn corpus_files_with_critical_findings_have_open_paths_and_hardened_ones_none() {
    let Some(files) = corpus() else { return };
    let mut without_path = Vec::new();
    let mut unexplained = Vec::new();
    let (mut open_total, mut files_with_paths) = (0, 0);
    for path in &files {
        let file = name(path);
        let text = fs::read_to_string(path).unwrap();
        let report = Report::new(&text, analyze(&text, &AnalyzeOptions::default()), None);
        let critical = report.diagnostics.iter().any(|d| {
            d.severity == Severity::Critical && d.suppressed.is_none() && d.container.is_some()
        });
        let mut open_here = 0;
        println!("{file}");
        for container in &report.containers {
            let paths = &container.escape_paths;
            if paths.open.is_empty() {
                continue;
            }
            open_here += paths.open.len();
            let ids: Vec<&str> = paths.open.iter().map(|p| p.technique).collect();
            println!("  {}: open {}", container.name, ids.join(", "));
            for fix in &paths.minimal_fixes {
                let titles: Vec<&str> = fix.changes.iter().map(|c| c.title.as_str()).collect();
                println!("    minimal fix: {}", titles.join("; "));
            }
            if paths.more_minimal_fixes {
                println!("    (more minimal fixes exist)");
            }
            for open in &paths.open {
                // Each step holds through written settings at least one finding
                // explains, or through a default (no range) the step itself explains.
                let explained = open.steps.iter().all(|step| {
                    step.settings
                        .iter()
                        .any(|s| s.range.is_none() || !s.findings.is_empty())
                });
                if !explained {
                    unexplained.push(format!("{file}: {}: {}", container.name, open.technique));
                }
            }
        }
        if open_here == 0 {
            println!("  no open path");
        }
        open_total += open_here;
        files_with_paths += usize::from(open_here > 0);
        if critical && open_here == 0 {
            without_path.push(file.clone());
        }
        if let Some((_, why)) = HARDENED.iter().find(|(hardened, _)| *hardened == file) {
            assert_eq!(
                open_here, 0,
                "{file} is hardened ({why}) but has open paths"
            );
        }
    }
    println!(
        "escape paths: {open_total} open in {files_with_paths} of {} corpus files",
        files.len()
    );
    assert!(
        without_path.is_empty(),
        "critical findings but no open path: {without_path:#?}"
    );
    assert!(
        unexplained.is_empty(),
        "open paths resting on settings no finding reports: {unexplained:#?}"
    );
    for (hardened, _) in HARDENED {
        assert!(
            files.iter().any(|f| name(f) == *hardened),
            "{hardened} is not in the corpus"
        );
    }
}
