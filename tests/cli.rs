//! The `shipshape` binary: output formats, exit codes, subcommands.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const COMPOSE: &str = "\
services:
  agent:
    image: monitoring/agent:2.1
    pid: host
  web:
    image: nginx:1.27
    pid: host # shipshape: ignore[NS-001] test fixture
";

/// NS-001's message and help, as the text output prints them.
const HOST_PID: &str =
    "NS-001 [high] agent: shares the host's PID namespace: it sees every host process, \
their command lines and environment, and SELinux labelling is switched off";
const HOST_PID_HELP: &str = "remove `pid: host`; to watch one other container, join only its \
namespace (`service:NAME` or `container:NAME`)";

/// A fresh directory for one test's files, removed when the test ends.
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("shipshape-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    Scratch(dir)
}

/// Runs the binary in `dir` with `stdin`.
fn shipshape(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shipshape"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("stdin accepts the input");
    child.wait_with_output().expect("the binary finishes")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

#[test]
fn text_output_lists_unsuppressed_findings_and_fails() {
    let dir = scratch("text");
    std::fs::write(dir.join("compose.yaml"), COMPOSE).unwrap();
    let output = shipshape(&dir, &["check", "compose.yaml"], "");
    assert_eq!(
        stdout(&output),
        format!(
            "compose.yaml:4:10: {HOST_PID}\n  help: {HOST_PID_HELP}\nFound 1 finding (1 suppressed).\n"
        )
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = scratch("fail-on");
    let critical = shipshape(&dir, &["check", "-", "--fail-on", "critical"], COMPOSE);
    assert_eq!(
        stdout(&critical).lines().next(),
        Some(format!("<stdin>:4:10: {HOST_PID}").as_str())
    );
    assert_eq!(critical.status.code(), Some(0));
    let high = shipshape(&dir, &["check", "-", "--fail-on=high"], COMPOSE);
    assert_eq!(high.status.code(), Some(1));
    let never = shipshape(&dir, &["check", "-", "--fail-on", "none"], COMPOSE);
    assert_eq!(never.status.code(), Some(0));
}

#[test]
fn clean_input_exits_zero() {
    let dir = scratch("clean");
    let text = "services:\n  web:\n    image: nginx:1.27\n";
    let output = shipshape(&dir, &["check", "-"], text);
    assert_eq!(stdout(&output), "No findings.\n");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn profile_env_and_input_flags_change_the_analysis() {
    let dir = scratch("flags");
    let text = "services:\n  web:\n    image: nginx:1.27\n    privileged: ${PRIV}\n";
    let unset = shipshape(&dir, &["check", "-"], text);
    assert_eq!(stdout(&unset), "No findings.\n");
    let set = shipshape(&dir, &["check", "-", "--env", "PRIV=true"], text);
    assert!(
        stdout(&set).starts_with("<stdin>:4:17: PRIV-001 [critical] web: runs in privileged mode"),
        "{}",
        stdout(&set)
    );

    let command = "docker run --privileged nginx:1.27\n";
    let run = shipshape(&dir, &["check", "-", "--input", "run"], command);
    assert!(
        stdout(&run)
            .starts_with("<stdin>:1:12: PRIV-001 [critical] command 1: runs in privileged mode"),
        "{}",
        stdout(&run)
    );

    let restricted = shipshape(
        &dir,
        &["check", "-", "--profile", "restricted", "--fail-on", "none"],
        text,
    );
    assert!(
        stdout(&restricted).contains(": MNT-008 [low]"),
        "{}",
        stdout(&restricted)
    );
}

#[test]
fn configuration_files_are_validated() {
    let dir = scratch("config");
    std::fs::write(dir.join("compose.yaml"), COMPOSE).unwrap();
    std::fs::write(dir.join("good.json"), r#"{"ignore": ["host-pid"]}"#).unwrap();
    let good = shipshape(
        &dir,
        &["check", "compose.yaml", "--config", "good.json"],
        "",
    );
    assert_eq!(stdout(&good), "No findings.\n");
    assert_eq!(good.status.code(), Some(0));

    std::fs::write(
        dir.join("bad.json"),
        r#"{"select": ["PRIV-01"], "profil": "cis"}"#,
    )
    .unwrap();
    let bad = shipshape(&dir, &["check", "compose.yaml", "--config", "bad.json"], "");
    assert_eq!(
        stderr(&bad),
        "error: invalid configuration `bad.json`:\nunknown field `profil`, expected one of `$schema`, \
         `profile`, `select`, `ignore`, `severity`, `options`, `limits` at line 1 column 32; did you mean `profile`?\n"
    );
    assert_eq!(bad.status.code(), Some(2));

    std::fs::write(dir.join("selector.json"), r#"{"select": ["PRIV-01"]}"#).unwrap();
    let selector = shipshape(
        &dir,
        &["check", "compose.yaml", "--config", "selector.json"],
        "",
    );
    assert_eq!(
        stderr(&selector),
        "error: invalid configuration `selector.json`:\nselect: unknown rule `PRIV-01`; did you mean `PRIV-001`?\n"
    );
}

#[test]
fn usage_errors_explain_and_exit_two() {
    let dir = scratch("usage");
    let cases: [(&[&str], &str); 5] = [
        (&["chek"], "error: unknown command `chek`; did you mean `check`?\n"),
        (&["check"], "error: `check` needs files to check, or `-` for standard input\n"),
        (&["check", "-", "--formt", "json"], "error: unknown option `--formt`; did you mean `--format`?\n"),
        (&["check", "-", "--profile", "strict"], "error: unknown profile `strict`; expected one of default, baseline, restricted, cis; did you mean `restricted`?\n"),
        (&["check", "missing.yaml"], ""),
    ];
    for (args, message) in cases {
        let output = shipshape(&dir, args, "");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let err = stderr(&output);
        if message.is_empty() {
            assert!(
                err.starts_with("error: cannot read `missing.yaml`: "),
                "{err}"
            );
        } else {
            assert_eq!(
                err.lines().next().map(|l| format!("{l}\n")).as_deref(),
                Some(message),
                "{args:?}"
            );
        }
    }
}

#[test]
fn json_output_is_one_report_per_file_with_suppressions_visible() {
    let dir = scratch("json");
    std::fs::write(dir.join("compose.yaml"), COMPOSE).unwrap();
    let output = shipshape(&dir, &["check", "compose.yaml", "--format", "json"], "");
    let reports: Value = serde_json::from_str(&stdout(&output)).expect("JSON output");
    let report = &reports[0];
    assert_eq!(report["fileName"], "compose.yaml");
    assert_eq!(report["input"], "compose");
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 2);
    assert_eq!(diagnostics[0]["suppressed"], Value::Null);
    assert_eq!(diagnostics[1]["suppressed"]["reason"], "test fixture");
    assert_eq!(diagnostics[1]["suppressed"]["range"]["start"]["line"], 7);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn sarif_output_has_rules_regions_in_utf16_and_suppressions() {
    let dir = scratch("sarif");
    std::fs::write(dir.join("compose.yaml"), COMPOSE).unwrap();
    // 😀 is two UTF-16 code units (four bytes): `host` starts at column 26.
    std::fs::write(
        dir.join("run.sh"),
        "docker run -e X=😀 --pid=host nginx:1.27\n",
    )
    .unwrap();
    let output = shipshape(
        &dir,
        &["check", "compose.yaml", "run.sh", "--format", "sarif"],
        "",
    );
    let sarif: Value = serde_json::from_str(&stdout(&output)).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(
        sarif["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "shipshape");
    let rules = driver["rules"].as_array().unwrap();
    let index = rules
        .iter()
        .position(|r| r["id"] == "NS-001")
        .expect("NS-001 described");
    let rule = &rules[index];
    assert_eq!(rule["name"], "host-pid");
    assert_eq!(
        rule["helpUri"],
        "https://example.invalid/shipshape/docs/rules/ns-001.html#host-pid"
    );
    let summary = shipshape::rules::registry::find("NS-001")
        .unwrap()
        .summary();
    assert_eq!(rule["shortDescription"]["text"], summary);
    let help = rule["help"]["markdown"].as_str().unwrap();
    assert!(help.starts_with("## What it does\n"), "{help}");
    assert_eq!(rule["defaultConfiguration"]["level"], "error");

    let results = run["results"].as_array().unwrap();
    let positions: Vec<(&str, &str, u64, u64, bool)> = results
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"];
            (
                r["ruleId"].as_str().unwrap(),
                location["artifactLocation"]["uri"].as_str().unwrap(),
                location["region"]["startLine"].as_u64().unwrap(),
                location["region"]["startColumn"].as_u64().unwrap(),
                r.get("suppressions").is_some(),
            )
        })
        .collect();
    assert_eq!(
        positions,
        [
            ("NS-001", "compose.yaml", 4, 10, false),
            ("NS-001", "compose.yaml", 7, 10, true),
            ("NS-001", "run.sh", 1, 26, false),
        ]
    );
    for result in results {
        assert_eq!(result["ruleIndex"], index);
        assert_eq!(result["level"], "error");
    }
    let suppression = &results[1]["suppressions"][0];
    assert_eq!(suppression["kind"], "inSource");
    assert_eq!(suppression["justification"], "test fixture");
    let region = &results[2]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["endLine"].as_u64(), region["endColumn"].as_u64()),
        (Some(1), Some(30))
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn rules_lists_every_rule() {
    let dir = scratch("rules");
    let output = shipshape(&dir, &["rules"], "");
    let text = stdout(&output);
    assert_eq!(
        text.lines().next(),
        Some("PRIV-001  privileged-container                 critical  default,baseline,restricted,cis")
    );
    assert_eq!(
        text.lines().count(),
        shipshape::rules::registry::all().len()
    );
    let json = shipshape(&dir, &["rules", "--format", "json"], "");
    let rules: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(rules[0]["code"], "PRIV-001");
    assert_eq!(
        rules[0]["url"],
        "docs/rules/priv-001.html#privileged-container"
    );
}

#[test]
fn docs_writes_an_index_and_a_page_per_rule() {
    let dir = scratch("docs");
    let output = shipshape(&dir, &["docs", "--out", "site/docs/rules"], "");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let pages = dir.join("site/docs/rules");
    let count = std::fs::read_dir(&pages).unwrap().count();
    // The index, the rule pages and the fragments file.
    assert_eq!(count, shipshape::rules::registry::all().len() + 2);
    let page = std::fs::read_to_string(pages.join("priv-001.html")).unwrap();
    assert!(page.contains(
        "<h1 id=\"privileged-container\"><code>PRIV-001</code> privileged-container</h1>"
    ));
    let index = std::fs::read_to_string(pages.join("index.html")).unwrap();
    assert!(index.contains("<a href=\"priv-001.html\"><code>PRIV-001</code></a>"));
}

/// The committed schema must match the configuration struct and the rule registry.
/// Regenerate with `UPDATE_SCHEMA=1 cargo test --test cli` (or `shipshape schema`).
#[test]
fn committed_schema_is_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = shipshape(root, &["schema"], "");
    let generated = stdout(&output);
    let path = root.join("shipshape.schema.json");
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).expect("schema file is writable");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "shipshape.schema.json is stale: run `UPDATE_SCHEMA=1 cargo test --test cli` and commit it"
    );
    let schema: Value = serde_json::from_str(&generated).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    assert!(schema["$defs"]["RuleSelector"]["anyOf"][0]["enum"]
        .as_array()
        .unwrap()
        .contains(&Value::from("PRIV-001")));
}
