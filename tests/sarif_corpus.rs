//! SARIF over the whole real corpus (`../shared/corpus/real`): every result names a
//! rule the driver describes, at its index, with a region inside the file, a
//! root-relative artifact URI and well-formed fixes and suppressions.

use serde_json::Value;
use shipshape::report::sarif::{self, SarifOptions};
use shipshape::report::Report;
use shipshape::{analyze, AnalyzeOptions, InputKind};
use std::path::{Path, PathBuf};

fn corpus_files() -> Option<Vec<(PathBuf, InputKind)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    if !dir.is_dir() {
        return None;
    }
    let mut files = Vec::new();
    for (sub, input) in [("compose", InputKind::Compose), ("run", InputKind::Run)] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join(sub))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        paths.sort();
        files.extend(paths.into_iter().map(|path| (path, input)));
    }
    Some(files)
}

#[test]
fn corpus_sarif_results_point_at_described_rules_and_real_regions() {
    let Some(files) = corpus_files() else {
        println!("skipped: ../shared not found, corpus SARIF not checked");
        return;
    };
    let mut texts = Vec::new();
    let mut reports = Vec::new();
    for (path, input) in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let name = format!("corpus/{}", path.file_name().unwrap().to_string_lossy());
        let options = AnalyzeOptions {
            input: *input,
            ..AnalyzeOptions::default()
        };
        reports.push(Report::new(&text, analyze(&text, &options), Some(name)));
        texts.push(text);
    }
    let options = SarifOptions {
        docs_url: None,
        root_uri: Some("file:///repo/".to_string()),
        escape_paths: false,
    };
    let log: Value = serde_json::from_str(&sarif::render(&reports, &options)).unwrap();
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), shipshape::rules::registry::all().len());
    let results = run["results"].as_array().unwrap();
    let expected: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    assert_eq!(results.len(), expected, "one result per diagnostic");
    let mut fixes = 0;
    let mut suppressed = 0;
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(!result["message"]["text"].as_str().unwrap().contains('`'));
        let location = &result["locations"][0]["physicalLocation"];
        let artifact = &location["artifactLocation"];
        assert_eq!(artifact["uriBaseId"], "ROOT");
        let uri = artifact["uri"].as_str().unwrap();
        let file = texts
            .iter()
            .zip(&reports)
            .find(|(_, report)| report.file_name.as_deref() == Some(uri))
            .map(|(text, _)| text)
            .unwrap_or_else(|| panic!("{uri} is one of the checked files"));
        let lines = file.lines().count().max(1) as u64;
        let region = &location["region"];
        let (start, end) = (
            region["startLine"].as_u64().unwrap(),
            region["endLine"].as_u64().unwrap(),
        );
        assert!(1 <= start && start <= end && end <= lines + 1, "{result}");
        assert!(region["startColumn"].as_u64().unwrap() >= 1);
        for fix in result["fixes"].as_array().into_iter().flatten() {
            fixes += 1;
            let change = &fix["artifactChanges"][0];
            assert_eq!(change["artifactLocation"]["uri"], uri);
            assert!(!change["replacements"].as_array().unwrap().is_empty());
        }
        if let Some(suppressions) = result["suppressions"].as_array() {
            suppressed += 1;
            assert_eq!(suppressions[0]["kind"], "inSource");
        }
    }
    println!(
        "corpus SARIF: {} files, {} results, {fixes} fixes, {suppressed} suppressed",
        files.len(),
        results.len()
    );
}
