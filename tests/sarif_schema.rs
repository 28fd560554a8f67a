//! Every SARIF log shipshape writes is valid against the official SARIF 2.1.0 JSON
//! Schema (vendored in `tests/schemas/`, see its README), checked by a real validator
//! (the `jsonschema` crate): the log of each file of the real corpus
//! (`../shared/corpus/real`) with escape paths and `--docs-url`, the whole corpus in
//! one log as the CLI writes it by default, and fixtures that open every escape
//! technique in both input kinds. Each log also keeps the conventions of GitHub
//! code scanning that the schema cannot express.

use serde_json::Value;
use shipshape::paths::TECHNIQUES;
use shipshape::report::sarif::{self, SarifOptions};
use shipshape::report::Report;
use shipshape::rules::registry;
use shipshape::{analyze, AnalyzeOptions, InputKind};
use std::collections::BTreeSet;
use std::path::Path;

#[path = "wasm_corpus/files.rs"]
mod corpus;

const DOCS_URL: &str = "https://docs.example.org/shipshape/rules";
const ROOT_URI: &str = "file:///repo/";

fn validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

/// Every schema violation of `log`, one line each: where, then what.
fn violations(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

fn report(text: &str, input: InputKind, name: &str) -> Report {
    let options = AnalyzeOptions {
        input,
        ..AnalyzeOptions::default()
    };
    Report::new(text, analyze(text, &options), Some(name.to_string()))
}

/// The log of `reports`, asserted valid and within GitHub's conventions.
fn checked_log(
    validator: &jsonschema::Validator,
    reports: &[Report],
    options: &SarifOptions,
) -> Value {
    let log: Value = serde_json::from_str(&sarif::render(reports, options)).unwrap();
    let names: Vec<&str> = reports
        .iter()
        .filter_map(|r| r.file_name.as_deref())
        .collect();
    let problems = violations(validator, &log);
    assert!(problems.is_empty(), "{names:?}:\n{}", problems.join("\n"));
    github_conventions(&log, options);
    log
}

/// What code scanning needs beyond the schema: rules with unique ids, each result at
/// its rule's index, `security-severity` a score from 0 to 10, every artifact relative
/// to the `ROOT` base, which is an absolute directory URI, a `helpUri` exactly when a
/// docs base is given, and no placeholder host.
fn github_conventions(log: &Value, options: &SarifOptions) {
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: BTreeSet<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), rules.len(), "rule ids are unique");
    for rule in rules {
        let score: f64 = rule["properties"]["security-severity"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((0.0..=10.0).contains(&score), "{rule}");
        let registry_rule = registry::find(rule["id"].as_str().unwrap()).is_some();
        match (&options.docs_url, registry_rule) {
            (Some(base), true) => {
                assert!(
                    rule["helpUri"].as_str().unwrap().starts_with(base),
                    "{rule}"
                )
            }
            _ => assert!(rule.get("helpUri").is_none(), "{rule}"),
        }
    }
    let root = run["originalUriBaseIds"]["ROOT"]["uri"].as_str().unwrap();
    assert!(
        root.starts_with("file:///") && root.ends_with('/'),
        "{root}"
    );
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let related = result["relatedLocations"].as_array().into_iter().flatten();
        for location in result["locations"]
            .as_array()
            .unwrap()
            .iter()
            .chain(related)
        {
            let artifact = &location["physicalLocation"]["artifactLocation"];
            assert_eq!(artifact["uriBaseId"], "ROOT", "{location}");
            let uri = artifact["uri"].as_str().unwrap();
            assert!(!uri.starts_with('/') && !uri.contains(':'), "{uri}");
        }
    }
    assert!(!log.to_string().contains("example.invalid"));
}

/// The results of the `escape-path/…` rules.
fn escape_path_results(log: &Value) -> Vec<&Value> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|result| {
            result["ruleId"]
                .as_str()
                .unwrap()
                .starts_with("escape-path/")
        })
        .collect()
}

#[test]
fn corpus_sarif_is_valid_against_the_sarif_2_1_0_schema() {
    let files = match corpus::load() {
        Ok(files) => files,
        Err(error) => {
            println!("skipped: {error}; corpus SARIF not validated");
            return;
        }
    };
    let validator = validator();
    let with_paths = SarifOptions {
        docs_url: Some(DOCS_URL.to_string()),
        root_uri: Some(ROOT_URI.to_string()),
        escape_paths: true,
    };
    let mut reports = Vec::new();
    let mut paths = 0;
    for file in &files {
        let name = &file.name;
        let report = report(&file.text, file.input, name);
        let log = checked_log(&validator, std::slice::from_ref(&report), &with_paths);
        let results = log["runs"][0]["results"].as_array().unwrap().len();
        let open = escape_path_results(&log).len();
        println!("{name}: valid, {results} results, {open} of them escape paths");
        paths += open;
        reports.push(report);
    }
    // The whole corpus in one log, as `check --format sarif` writes it by default.
    let default = SarifOptions {
        root_uri: Some(ROOT_URI.to_string()),
        ..SarifOptions::default()
    };
    let log = checked_log(&validator, &reports, &default);
    assert!(escape_path_results(&log).is_empty());
    let results = log["runs"][0]["results"].as_array().unwrap().len();
    println!(
        "corpus SARIF valid: {} files, {results} results, {paths} escape paths",
        files.len()
    );
}

/// Between them, the two services open every technique of the catalogue.
const EVERY_PATH_COMPOSE: &str = "\
services:
  everything:
    image: alpine:3.20
    privileged: true
    pid: host
    network_mode: host
    ipc: host
    userns_mode: host
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
      - /etc:/host/etc
      - /proc:/host/proc
  reader: # shipshape: ignore-service[MNT-004] a suppression in the log too
    image: alpine:3.20
    device_cgroup_rules: [\"b *:* rwm\"]
    volumes:
      - /etc:/host/etc:ro
";

/// The same as run commands, with a character of two UTF-16 units before a setting.
const EVERY_PATH_RUN: &str = "\
docker run -e MOOD=😀 --privileged --pid=host --network=host --ipc=host --userns=host \
-v /var/run/docker.sock:/var/run/docker.sock -v /etc:/host/etc -v /proc:/host/proc alpine:3.20
docker run --device-cgroup-rule='b *:* rwm' -v /etc:/host/etc:ro alpine:3.20
";

#[test]
fn escape_path_fixtures_are_valid_and_cover_every_technique() {
    let validator = validator();
    let options = SarifOptions {
        docs_url: None,
        root_uri: Some(ROOT_URI.to_string()),
        escape_paths: true,
    };
    let every: BTreeSet<String> = TECHNIQUES
        .iter()
        .map(|technique| format!("escape-path/{}", technique.id))
        .collect();
    for (text, input, name) in [
        (
            EVERY_PATH_COMPOSE,
            InputKind::Compose,
            "deploy/compose.yaml",
        ),
        (EVERY_PATH_RUN, InputKind::Run, "deploy/run.sh"),
    ] {
        let log = checked_log(&validator, &[report(text, input, name)], &options);
        let paths = escape_path_results(&log);
        let open: BTreeSet<String> = paths
            .iter()
            .map(|result| result["ruleId"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(open, every, "{name}");
        let related = paths.iter().all(|result| {
            result["relatedLocations"]
                .as_array()
                .is_some_and(|all| !all.is_empty())
        });
        assert!(related, "every open path points at a setting of {name}");
    }
}

/// The validator does reject what the schema forbids, so a pass means something.
#[test]
fn the_schema_rejects_a_malformed_log() {
    let validator = validator();
    let report = report(EVERY_PATH_COMPOSE, InputKind::Compose, "compose.yaml");
    let options = SarifOptions {
        root_uri: Some(ROOT_URI.to_string()),
        ..SarifOptions::default()
    };
    let valid: Value = serde_json::from_str(&sarif::render(&[report], &options)).unwrap();
    assert_eq!(violations(&validator, &valid), Vec::<String>::new());
    let broken = |path: &str, value: Value| {
        let mut log = valid.clone();
        *log.pointer_mut(path).unwrap() = value;
        violations(&validator, &log)
    };
    assert!(!broken("/version", "2.2.0".into()).is_empty());
    // Formats are checked too: `$schema` must be a URI.
    assert!(!broken("/$schema", "sarif 2.1.0".into()).is_empty());
    assert!(!broken("/runs/0/results/0/level", "critical".into()).is_empty());
    assert!(!broken(
        "/runs/0/results/0/locations/0/physicalLocation/region/startLine",
        0.into()
    )
    .is_empty());
    let suppressed = valid["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .position(|result| result.get("suppressions").is_some())
        .expect("the fixture has a suppressed finding");
    let kind = format!("/runs/0/results/{suppressed}/suppressions/0/kind");
    assert!(!broken(&kind, "inline".into()).is_empty());
}
