//! The `shipshape` binary: output formats, exit codes, subcommands. Whole outputs
//! are insta snapshots in `tests/snapshots/cli__*.snap`; after a deliberate change,
//! `INSTA_UPDATE=always cargo test --test cli` rewrites them for review.

#[path = "report_locations/mod.rs"]
mod report_locations;

use report_locations::located_codes;
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

/// Findings of every severity but medium and low, one with related locations,
/// fixes safe and unsafe, and a suppressed one.
const MIXED: &str = "\
services:
  agent:
    image: monitoring/agent:2.1
    pid: host
    cap_add: [SYS_ADMIN]
    security_opt: [\"seccomp:unconfined\"]
  web:
    image: nginx:1.27
    pid: host # shipshape: ignore[NS-001] test fixture
";

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
        .env_remove("NO_COLOR")
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // A usage error ends the binary before it reads its input: a closed pipe here is fine.
    let written = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    if let Err(error) = written {
        assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "{error}");
    }
    child.wait_with_output().expect("the binary finishes")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

#[test]
fn text_output_shows_each_finding_with_its_source_and_a_summary() {
    let dir = scratch("text");
    std::fs::write(dir.join("compose.yaml"), MIXED).unwrap();
    let output = shipshape(&dir, &["check", "compose.yaml"], "");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr(&output), "");
    let text = stdout(&output);
    assert!(!text.contains('\x1b'), "no colour into a pipe");
    assert!(!text.contains('`'), "plain text, no Markdown: {text}");
    insta::assert_snapshot!("text", text);
}

#[test]
fn text_output_in_colour() {
    let dir = scratch("text-colour");
    std::fs::write(dir.join("compose.yaml"), MIXED).unwrap();
    let output = shipshape(&dir, &["check", "compose.yaml", "--color", "always"], "");
    let text = stdout(&output);
    assert!(text.contains("\x1b[1m"), "{text}");
    insta::assert_snapshot!("text_color", text);
    let never = shipshape(&dir, &["check", "compose.yaml", "--color=never"], "");
    let auto = shipshape(&dir, &["check", "compose.yaml"], "");
    assert_eq!(stdout(&never), stdout(&auto));
}

/// `--color auto` colours a terminal unless `NO_COLOR` is set (to anything but "").
#[test]
fn colour_follows_the_terminal_and_no_color() {
    let run = |is_terminal: bool, no_color: bool, args: &[&str]| {
        let mut stdout = Vec::new();
        let args: Vec<String> = ["check", "-"]
            .iter()
            .chain(args)
            .map(|arg| arg.to_string())
            .collect();
        shipshape::cli::run(
            &args,
            shipshape::cli::Io {
                stdin: &mut MIXED.as_bytes(),
                stdout: &mut stdout,
                stderr: &mut Vec::new(),
                stdout_is_terminal: is_terminal,
                no_color,
            },
        );
        String::from_utf8(stdout).unwrap().contains('\x1b')
    };
    assert!(run(true, false, &[]));
    assert!(!run(true, true, &[]));
    assert!(!run(false, false, &[]));
    assert!(run(false, true, &["--color", "always"]));
    assert!(!run(true, false, &["--color", "never"]));
}

#[test]
fn github_annotations() {
    let dir = scratch("github");
    std::fs::write(dir.join("compose.yaml"), MIXED).unwrap();
    let output = shipshape(
        &dir,
        &["check", "compose.yaml", "--output-format", "github"],
        "",
    );
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 5, "one line per unsuppressed finding");
    insta::assert_snapshot!("github", text);
    let same = shipshape(&dir, &["check", "compose.yaml", "--format=github"], "");
    assert_eq!(
        stdout(&same),
        text,
        "--format and --output-format are one option"
    );
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = scratch("statistics");
    let text = "docker run --privileged -v /:/host nginx\ndocker run --privileged nginx\n";
    let output = shipshape(
        &dir,
        &["check", "-", "--statistics", "--input", "run"],
        text,
    );
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!("statistics", stdout(&output));
}

#[test]
fn explain_prints_a_rule_by_code_or_name() {
    let dir = scratch("explain");
    let output = shipshape(&dir, &["explain", "NS-001"], "");
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.starts_with("NS-001 host-pid\n"), "{text}");
    assert!(!text.contains("```") && !text.contains('`'), "{text}");
    insta::assert_snapshot!("explain", text);
    let by_name = shipshape(&dir, &["explain", "host-pid"], "");
    assert_eq!(stdout(&by_name), text);

    let unknown = shipshape(&dir, &["explain", "host-pidd"], "");
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(
        stderr(&unknown),
        "error: unknown rule `host-pidd`; did you mean `host-pid`?; `shipshape rules` lists them\n"
    );
}

#[test]
fn help_version_and_completions_exit_zero() {
    let dir = scratch("help");
    for command in ["check", "rules", "explain", "docs", "schema", "completions"] {
        let output = shipshape(&dir, &[command, "--help"], "");
        assert_eq!(output.status.code(), Some(0), "{command} --help");
        let usage = format!("Usage: shipshape {command}");
        assert!(stdout(&output).contains(&usage), "{}", stdout(&output));
        assert_eq!(stderr(&output), "");
    }
    let help = shipshape(&dir, &["check", "--help"], "");
    for option in [
        "--output-format",
        "--fail-on",
        "--statistics",
        "--root",
        "--docs-url",
        "--explain-paths",
    ] {
        assert!(stdout(&help).contains(option), "{option}");
    }
    let version = shipshape(&dir, &["--version"], "");
    assert_eq!(
        stdout(&version),
        format!("shipshape {}\n", env!("CARGO_PKG_VERSION"))
    );
    let completions = shipshape(&dir, &["completions", "bash"], "");
    assert_eq!(completions.status.code(), Some(0));
    assert!(stdout(&completions).contains("_shipshape()"));
}

/// `shipshape rules | head -1`: the reader leaves early, shipshape exits quietly.
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    for args in [&["rules"][..], &["rules", "--format", "json"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_shipshape"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        std::io::BufRead::read_line(&mut stdout, &mut first).unwrap();
        assert!(first.starts_with("PRIV-001") || first == "[\n", "{first}");
        // The JSON list is far larger than a pipe's buffer: the write meets the
        // closed pipe for certain.
        drop(stdout);
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert_eq!(stderr(&output), "", "{args:?}");
    }
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = scratch("fail-on");
    let critical = shipshape(&dir, &["check", "-", "--fail-on", "critical"], COMPOSE);
    assert!(
        stdout(&critical).starts_with("high[NS-001]: host-pid: shares the host's PID namespace"),
        "{}",
        stdout(&critical)
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
        stdout(&set)
            .starts_with("critical[PRIV-001]: privileged-container: runs in privileged mode"),
        "{}",
        stdout(&set)
    );
    assert!(
        stdout(&set).contains(" --> <stdin>:4:17\n"),
        "{}",
        stdout(&set)
    );

    let command = "docker run --privileged nginx:1.27\n";
    let run = shipshape(&dir, &["check", "-", "--input", "run"], command);
    assert!(
        stdout(&run).contains(" --> <stdin>:1:12\n"),
        "{}",
        stdout(&run)
    );
    assert!(
        stdout(&run).contains("^^^^^^^^^^^^ command 1\n"),
        "{}",
        stdout(&run)
    );

    let restricted = shipshape(
        &dir,
        &["check", "-", "--profile", "restricted", "--fail-on", "none"],
        text,
    );
    assert!(
        stdout(&restricted).contains("low[MNT-008]"),
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

/// Without `--config`, each file uses the nearest `shipshape.json` or
/// `.shipshape.json` in its directory or above; standard input looks from the
/// working directory.
#[test]
fn configuration_is_found_by_walking_up_from_the_file() {
    let dir = scratch("config-walk");
    std::fs::create_dir_all(dir.join("deploy/prod")).unwrap();
    std::fs::write(dir.join("deploy/prod/compose.yaml"), COMPOSE).unwrap();
    std::fs::write(dir.join("compose.yaml"), COMPOSE).unwrap();
    std::fs::write(
        dir.join("deploy/.shipshape.json"),
        r#"{"ignore": ["NS-001"]}"#,
    )
    .unwrap();

    let nested = shipshape(&dir, &["check", "deploy/prod/compose.yaml"], "");
    assert_eq!(stdout(&nested), "No findings.\n");
    let top = shipshape(&dir, &["check", "compose.yaml"], "");
    assert!(stdout(&top).contains("high[NS-001]"), "{}", stdout(&top));
    let from_stdin = shipshape(&dir.join("deploy"), &["check", "-"], COMPOSE);
    assert_eq!(stdout(&from_stdin), "No findings.\n");

    std::fs::write(dir.join("strict.json"), r#"{"select": ["NS"]}"#).unwrap();
    let explicit = shipshape(
        &dir,
        &[
            "check",
            "deploy/prod/compose.yaml",
            "--config",
            "strict.json",
        ],
        "",
    );
    assert!(stdout(&explicit).contains("high[NS-001]"), "--config wins");

    std::fs::write(dir.join("deploy/prod/shipshape.json"), "{ not json").unwrap();
    let broken = shipshape(&dir, &["check", "deploy/prod/compose.yaml"], "");
    assert_eq!(broken.status.code(), Some(2));
    assert!(
        stderr(&broken).starts_with("error: invalid configuration `"),
        "{}",
        stderr(&broken)
    );
}

#[test]
fn fix_applies_safe_fixes_and_unsafe_ones_on_request() {
    let dir = scratch("fix");
    std::fs::write(dir.join("compose.yaml"), MIXED).unwrap();
    let safe = shipshape(&dir, &["check", "compose.yaml", "--fix"], "");
    assert_eq!(stderr(&safe), "compose.yaml: applied 1 fix.\n");
    let fixed = std::fs::read_to_string(dir.join("compose.yaml")).unwrap();
    assert_eq!(
        fixed,
        MIXED.replace("seccomp:unconfined", "seccomp=unconfined"),
        "the safe fix only"
    );
    assert!(!stdout(&safe).contains("SEC-008"), "{}", stdout(&safe));

    let all = shipshape(
        &dir,
        &["check", "compose.yaml", "--fix", "--unsafe-fixes"],
        "",
    );
    assert_eq!(stderr(&all), "compose.yaml: applied 3 fixes.\n");
    assert_eq!(stdout(&all), "No findings (1 suppressed).\n");
    assert_eq!(all.status.code(), Some(0));

    let stdin = shipshape(&dir, &["check", "-", "--fix"], MIXED);
    assert_eq!(stderr(&stdin), "", "standard input is never rewritten");
    let unsafe_alone = shipshape(&dir, &["check", "-", "--unsafe-fixes"], MIXED);
    assert_eq!(unsafe_alone.status.code(), Some(2));
}

#[test]
fn usage_errors_explain_and_exit_two() {
    let dir = scratch("usage");
    let cases: [(&[&str], &str); 6] = [
        (&["chek"], "error: unrecognized subcommand 'chek'"),
        (&["check"], "error: the following required arguments were not provided:"),
        (&["check", "-", "--formt", "json"], "error: unexpected argument '--formt' found"),
        (&["check", "-", "--profile", "strict"], "error: invalid value 'strict' for '--profile <PROFILE>': unknown profile `strict`; expected one of default, baseline, restricted, cis; did you mean `restricted`?"),
        (&["check", "-", "--env", "X"], "error: invalid value 'X' for '--env <KEY=VALUE>': `X` is not KEY=VALUE"),
        (&["check", "missing.yaml"], "error: cannot read `missing.yaml`: "),
    ];
    for (args, message) in cases {
        let output = shipshape(&dir, args, "");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).starts_with(message), "{}", stderr(&output));
        assert_eq!(stdout(&output), "");
    }
    let typo = shipshape(&dir, &["check", "-", "--formt", "json"], "");
    assert!(stderr(&typo).contains("tip: a similar argument exists: '--format'"));
    // The platform's error number is left out: WASI (the npm CLI) numbers it otherwise.
    let missing = shipshape(&dir, &["check", "missing.yaml"], "");
    assert_eq!(
        stderr(&missing),
        "error: cannot read `missing.yaml`: No such file or directory\n"
    );
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

/// The file URI of a directory, as SARIF's `originalUriBaseIds` gives it.
fn directory_uri(dir: &Path) -> String {
    let dir = dir.canonicalize().unwrap();
    format!("file://{}/", dir.display())
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
    let text = stdout(&output);
    assert!(!text.contains("example.invalid"), "no placeholder host");
    assert!(!text.contains("helpUri"), "no helpUri without --docs-url");
    assert!(!text.contains("informationUri"));
    let sarif: Value = serde_json::from_str(&text).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    assert_eq!(
        run["originalUriBaseIds"]["ROOT"]["uri"],
        directory_uri(&dir)
    );
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "shipshape");
    let rules = driver["rules"].as_array().unwrap();
    let registry = shipshape::rules::registry::all();
    let ids: Vec<&str> = rules
        .iter()
        .map(|rule| rule["id"].as_str().unwrap())
        .collect();
    let codes: Vec<&str> = registry.iter().map(|rule| rule.code).collect();
    assert_eq!(ids, codes, "every rule of the registry, in its order");
    for (descriptor, rule) in rules.iter().zip(&registry) {
        assert_eq!(descriptor["name"], rule.name);
        for field in ["shortDescription", "fullDescription", "help"] {
            let text = descriptor[field]["text"].as_str().unwrap();
            assert!(
                !text.is_empty() && !text.contains('`'),
                "{} {field}: {text}",
                rule.code
            );
        }
    }
    let index = ids.iter().position(|id| *id == "NS-001").unwrap();
    let rule = &rules[index];
    let summary = shipshape::rules::registry::find("NS-001")
        .unwrap()
        .summary();
    assert_eq!(rule["shortDescription"]["markdown"], summary);
    let help = rule["help"]["markdown"].as_str().unwrap();
    assert!(help.starts_with("## What it does\n"), "{help}");
    assert!(rule["help"]["text"]
        .as_str()
        .unwrap()
        .starts_with("What it does\n"));
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
    assert_eq!(rule["properties"]["security-severity"], "8.0");

    let results = run["results"].as_array().unwrap();
    let positions: Vec<(&str, &str, &str, u64, u64, bool)> = results
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"];
            (
                r["ruleId"].as_str().unwrap(),
                location["artifactLocation"]["uri"].as_str().unwrap(),
                location["artifactLocation"]["uriBaseId"].as_str().unwrap(),
                location["region"]["startLine"].as_u64().unwrap(),
                location["region"]["startColumn"].as_u64().unwrap(),
                r.get("suppressions").is_some(),
            )
        })
        .collect();
    assert_eq!(
        positions,
        [
            ("NS-001", "compose.yaml", "ROOT", 4, 10, false),
            ("NS-001", "compose.yaml", "ROOT", 7, 10, true),
            ("NS-001", "run.sh", "ROOT", 1, 26, false),
        ]
    );
    for result in results {
        assert_eq!(result["ruleIndex"], index);
        assert_eq!(result["level"], "error");
        assert!(!result["message"]["text"].as_str().unwrap().contains('`'));
    }
    let suppression = &results[1]["suppressions"][0];
    assert_eq!(suppression["kind"], "inSource");
    assert_eq!(suppression["justification"], "test fixture");
    let fix = &results[0]["fixes"][0];
    assert_eq!(fix["description"]["text"], "Remove pid: host");
    let replacement = &fix["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["deletedRegion"]["startLine"], 4);
    let region = &results[2]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["endLine"].as_u64(), region["endColumn"].as_u64()),
        (Some(1), Some(30))
    );
    assert_eq!(output.status.code(), Some(1));
}

/// `--root` sets the base of artifact URIs; `--docs-url` gives each rule a `helpUri`.
#[test]
fn sarif_uris_follow_root_and_docs_url() {
    let dir = scratch("sarif-root");
    std::fs::create_dir_all(dir.join("deploy/my app")).unwrap();
    std::fs::write(dir.join("deploy/my app/compose.yaml"), COMPOSE).unwrap();
    let file = "deploy/my app/compose.yaml";
    let from_cwd = shipshape(&dir, &["check", file, "--format", "sarif"], "");
    let sarif: Value = serde_json::from_str(&stdout(&from_cwd)).unwrap();
    let location = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "deploy/my%20app/compose.yaml"
    );

    let args = [
        "check",
        file,
        "--format",
        "sarif",
        "--root",
        "deploy",
        "--docs-url",
        "https://docs.example.org/shipshape/rules/",
    ];
    let rooted = shipshape(&dir, &args, "");
    let sarif: Value = serde_json::from_str(&stdout(&rooted)).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(
        run["originalUriBaseIds"]["ROOT"]["uri"],
        directory_uri(&dir.join("deploy"))
    );
    let location = &run["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "my%20app/compose.yaml");
    let rule = &run["tool"]["driver"]["rules"][0];
    assert_eq!(
        rule["helpUri"],
        "https://docs.example.org/shipshape/rules/priv-001.html#privileged-container"
    );
    assert_eq!(
        run["tool"]["driver"]["informationUri"],
        "https://docs.example.org/shipshape/rules/index.html"
    );

    // `.` and `..` are resolved in the root and in file names; a file outside the
    // root keeps an absolute URI, with no base.
    std::fs::write(dir.join("outside.yaml"), COMPOSE).unwrap();
    let dotted = [
        "check",
        "./deploy/../deploy/my app/compose.yaml",
        "outside.yaml",
        "--format",
        "sarif",
        "--root",
        "deploy/./../deploy",
    ];
    let sarif: Value = serde_json::from_str(&stdout(&shipshape(&dir, &dotted, ""))).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(
        run["originalUriBaseIds"]["ROOT"]["uri"],
        directory_uri(&dir.join("deploy"))
    );
    let artifacts: Vec<&Value> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| &result["locations"][0]["physicalLocation"]["artifactLocation"])
        .collect();
    assert_eq!(
        artifacts[0],
        &serde_json::json!({"uri": "my%20app/compose.yaml", "uriBaseId": "ROOT"})
    );
    let outside = format!("{}outside.yaml", directory_uri(&dir));
    assert_eq!(artifacts[2], &serde_json::json!({ "uri": outside }));
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
    // The index, the rule pages, the Compose keys page, the fragments file and the
    // explanations file.
    assert_eq!(count, shipshape::rules::registry::all().len() + 4);
    assert_eq!(
        stdout(&output),
        format!("wrote {count} files to site/docs/rules\n")
    );
    let explanations: Value =
        serde_json::from_str(&std::fs::read_to_string(pages.join("explain.json")).unwrap())
            .unwrap();
    let explain = shipshape(&dir, &["explain", "PRIV-001"], "");
    assert_eq!(
        explanations["PRIV-001"].as_str(),
        Some(stdout(&explain).as_str())
    );
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

/// Two containers with open escape paths: `agent` has two, closed by one change;
/// `web` has one, with two minimal fixes, one of them dropping a default capability.
const PATHS: &str = "\
services:
  agent:
    image: monitoring/agent:2.1
    pid: host
    cap_add: [SYS_PTRACE]
    security_opt: [\"apparmor=unconfined\"]
  web:
    image: nginx:1.27
    network_mode: host
";

/// The engine's socket opens a path; SYS_ADMIN leaves the cgroup escape one step
/// away (AppArmor still confines it).
const PATHS_RUN: &str =
    "docker run --cap-add SYS_ADMIN -v /var/run/docker.sock:/var/run/docker.sock alpine:3.20\n";

#[test]
fn explain_paths_prints_each_containers_escape_paths_after_the_findings() {
    let dir = scratch("explain-paths");
    std::fs::write(dir.join("compose.yaml"), PATHS).unwrap();
    std::fs::write(dir.join("deploy.sh"), PATHS_RUN).unwrap();
    let compose = shipshape(&dir, &["check", "compose.yaml", "--explain-paths"], "");
    assert_eq!(compose.status.code(), Some(1));
    assert_eq!(stderr(&compose), "");
    let text = stdout(&compose);
    assert!(!text.contains('`'), "plain text, no Markdown: {text}");
    let plain = stdout(&shipshape(&dir, &["check", "compose.yaml"], ""));
    let (findings, summary) = plain.split_at(plain.find("Found ").unwrap());
    assert!(
        text.starts_with(findings) && text.ends_with(summary),
        "the paths sit between the findings and the summary"
    );
    insta::assert_snapshot!("explain_paths_compose", text);
    let run = shipshape(&dir, &["check", "deploy.sh", "--explain-paths"], "");
    insta::assert_snapshot!("explain_paths_run", stdout(&run));

    let coloured = shipshape(
        &dir,
        &["check", "compose.yaml", "--explain-paths", "--color=always"],
        "",
    );
    assert!(stdout(&coloured).contains(
        "\x1b[1mescape paths of agent (compose.yaml:2:3): 2 open, 5 one step away\x1b[0m\n"
    ));

    // JSON reports carry the paths with or without the flag.
    let json = |args: &[&str]| -> Value {
        let args = [&["check", "compose.yaml", "--format", "json"], args].concat();
        serde_json::from_str(&stdout(&shipshape(&dir, &args, ""))).unwrap()
    };
    let reports = json(&[]);
    let open: Vec<&Value> = reports[0]["containers"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|container| container["escapePaths"]["open"].as_array().unwrap())
        .map(|path| &path["technique"])
        .collect();
    assert_eq!(
        open,
        [
            "ptrace-host-process",
            "signal-host-processes",
            "host-network-traffic"
        ]
    );
    assert_eq!(json(&["--explain-paths"]), reports);
}

/// With `--explain-paths`, each open path is a result of its technique's
/// `escape-path/…` rule, listed after the registry's rules: located at the
/// container's name, each enabling setting a related location.
#[test]
fn sarif_escape_paths_are_results_of_their_own_rules() {
    let dir = scratch("sarif-paths");
    std::fs::write(dir.join("compose.yaml"), PATHS).unwrap();
    std::fs::write(dir.join("deploy.sh"), PATHS_RUN).unwrap();
    let sarif = |extra: &[&str]| -> Value {
        let args = [
            &["check", "compose.yaml", "deploy.sh", "--format", "sarif"],
            extra,
        ]
        .concat();
        serde_json::from_str(&stdout(&shipshape(&dir, &args, ""))).unwrap()
    };
    let registry = shipshape::rules::registry::all();
    let plain = sarif(&[]);
    let run = &plain["runs"][0];
    assert_eq!(
        run["tool"]["driver"]["rules"].as_array().unwrap().len(),
        registry.len(),
        "without --explain-paths: the registry's rules only"
    );
    assert!(run["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|result| !result["ruleId"]
            .as_str()
            .unwrap()
            .starts_with("escape-path/")));

    let log = sarif(&["--explain-paths"]);
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let technique_ids: Vec<String> = shipshape::paths::TECHNIQUES
        .iter()
        .map(|technique| format!("escape-path/{}", technique.id))
        .collect();
    let listed: Vec<&str> = rules[registry.len()..]
        .iter()
        .map(|rule| rule["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, technique_ids, "one rule per technique, in order");
    let ptrace = &rules[registry.len() + 4];
    assert_eq!(ptrace["id"], "escape-path/ptrace-host-process");
    assert_eq!(ptrace["name"], "ptrace-host-process");
    assert_eq!(
        ptrace["shortDescription"]["text"],
        "ptrace: inject code into a host process"
    );
    assert_eq!(ptrace["defaultConfiguration"]["level"], "error");
    assert_eq!(ptrace["properties"]["security-severity"], "9.5");
    assert!(ptrace.get("helpUri").is_none());
    assert!(ptrace["help"]["markdown"].as_str().unwrap().contains(
        "- [ptrace(2), Linux manual page](https://man7.org/linux/man-pages/man2/ptrace.2.html)\n"
    ));
    let signals = &rules[registry.len() + 5];
    assert_eq!(signals["id"], "escape-path/signal-host-processes");
    assert_eq!(signals["properties"]["security-severity"], "8.0");

    /// File, then start line and column, end line and column.
    type Region = (String, (u64, u64, u64, u64));
    let region = |location: &Value| -> Region {
        let physical = &location["physicalLocation"];
        let region = &physical["region"];
        let number = |key: &str| region[key].as_u64().unwrap();
        (
            physical["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .to_string(),
            (
                number("startLine"),
                number("startColumn"),
                number("endLine"),
                number("endColumn"),
            ),
        )
    };
    // The results of the rules after the registry's.
    let paths: Vec<(&str, u64, Region, Vec<Region>)> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|result| result["ruleIndex"].as_u64().unwrap() >= registry.len() as u64)
        .map(|result| {
            let rule_index = result["ruleIndex"].as_u64().unwrap();
            assert_eq!(rules[rule_index as usize]["id"], result["ruleId"]);
            let related = result["relatedLocations"]
                .as_array()
                .map_or(vec![], |all| all.iter().map(region).collect());
            (
                result["ruleId"].as_str().unwrap(),
                rule_index - registry.len() as u64,
                region(&result["locations"][0]),
                related,
            )
        })
        .collect();
    let at = |file: &str, region| (file.to_string(), region);
    let compose = |region| at("compose.yaml", region);
    let deploy = |region| at("deploy.sh", region);
    assert_eq!(
        paths,
        [
            (
                "escape-path/ptrace-host-process",
                4,
                compose((2, 3, 2, 8)),
                vec![
                    compose((4, 10, 4, 14)),
                    compose((5, 15, 5, 25)),
                    compose((6, 21, 6, 40)),
                    compose((4, 10, 4, 14)),
                ]
            ),
            (
                "escape-path/signal-host-processes",
                5,
                compose((2, 3, 2, 8)),
                // CAP_KILL is a default: nothing in the text to point at.
                vec![
                    compose((4, 10, 4, 14)),
                    compose((6, 21, 6, 40)),
                    compose((4, 10, 4, 14)),
                ]
            ),
            (
                "escape-path/host-network-traffic",
                13,
                compose((7, 3, 7, 6)),
                vec![compose((9, 19, 9, 23))]
            ),
            (
                "escape-path/engine-api-socket",
                0,
                deploy((1, 1, 1, 7)),
                vec![deploy((1, 35, 1, 55))]
            ),
        ]
    );
    let results = run["results"].as_array().unwrap();
    let ptrace_result = results
        .iter()
        .find(|result| result["ruleId"] == "escape-path/ptrace-host-process")
        .unwrap();
    assert_eq!(ptrace_result["level"], "error");
    assert_eq!(ptrace_result["properties"]["container"], "agent");
    assert_eq!(ptrace_result["properties"]["severity"], "critical");
    let messages: Vec<&str> = ptrace_result["relatedLocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|location| location["message"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "step 1: pid: host shares the host's process table; to take it away: remove pid: host",
            "step 2: cap_add: SYS_PTRACE grants CAP_SYS_PTRACE; to take it away: remove cap_add: SYS_PTRACE",
            "step 3: apparmor=unconfined turns AppArmor's docker-default profile off; to take it away: remove apparmor=unconfined",
            "step 3: pid: host also turns SELinux labelling off; to take it away: remove pid: host",
        ]
    );
    assert_eq!(
        ptrace_result["message"]["text"],
        "Escape path open in agent: ptrace: inject code into a host process. Steps: \
         1. it shares the host's PID namespace, so it sees every host process; \
         2. its processes hold CAP_SYS_PTRACE, so they may trace processes they do not own; \
         3. no AppArmor or SELinux policy limits tracing to the container's own processes. \
         Then it attaches to a root process of the host and makes it run code of its own: \
         that code runs on the host, as root, outside every namespace. Impact: host root."
    );
}

const RUN_COMMANDS: &str = "\
docker run -d --name db postgres:16
docker run --rm --network container:db \\
  --security-opt seccomp:unconfined -p 8080:80 app:1 serve
";

const CONVERTED: &str = "\
services:
  db:
    image: postgres:16
    container_name: db
  app:
    image: app:1
    security_opt:
      - seccomp:unconfined
    ports:
      - \"8080:80\"
    network_mode: service:db
    command:
      - serve
";

const LEFT_OUT: &str = "\
cmds.sh:1:13: `-d` not converted: detaching is chosen when starting (`docker compose up -d`), not in the file
cmds.sh:2:12: `--rm` not converted: Compose keeps a stopped container until `docker compose down`; a service has no auto-remove key (`docker compose run --rm` is chosen when starting)
";

#[test]
fn convert_prints_compose_and_lists_what_it_left_out() {
    let dir = scratch("convert");
    std::fs::write(dir.join("cmds.sh"), RUN_COMMANDS).unwrap();
    let printed = shipshape(&dir, &["convert", "cmds.sh"], "");
    assert_eq!(stdout(&printed), CONVERTED);
    assert_eq!(stderr(&printed), LEFT_OUT);
    assert_eq!(printed.status.code(), Some(0));

    let written = shipshape(&dir, &["convert", "cmds.sh", "-o", "compose.yaml"], "");
    assert_eq!(stdout(&written), "");
    assert_eq!(stderr(&written), LEFT_OUT);
    assert_eq!(
        std::fs::read_to_string(dir.join("compose.yaml")).unwrap(),
        CONVERTED
    );
    // The file it wrote checks as Compose.
    let checked = shipshape(&dir, &["check", "compose.yaml", "--format", "json"], "");
    let reports: Value = serde_json::from_str(&stdout(&checked)).expect("JSON output");
    assert_eq!(reports[0]["input"], "compose");

    let piped = shipshape(&dir, &["convert", "-"], "docker run --rm nginx\n");
    assert_eq!(stdout(&piped), "services:\n  nginx:\n    image: nginx\n");
    assert!(stderr(&piped).starts_with("<stdin>:1:12: `--rm` not converted: "));

    let nothing = shipshape(&dir, &["convert", "-"], "echo hello\n");
    assert_eq!(nothing.status.code(), Some(2));
    assert_eq!(
        stderr(&nothing),
        "error: `<stdin>` has no docker, podman or nerdctl run command to convert\n"
    );
}

#[test]
fn convert_hardens_in_the_same_step_on_request() {
    let dir = scratch("convert-harden");
    std::fs::write(dir.join("cmds.sh"), RUN_COMMANDS).unwrap();
    let safe = shipshape(&dir, &["convert", "cmds.sh", "--harden"], "");
    assert_eq!(
        stdout(&safe),
        CONVERTED.replace("seccomp:unconfined", "seccomp=unconfined")
    );
    assert_eq!(
        stderr(&safe),
        format!("{LEFT_OUT}<converted>:8:16: SEC-008 Write seccomp=\n1 change applied (safe fixes only); 2 findings need a change by hand; 1 more fix changes behaviour: review them and rerun with --unsafe\n")
    );

    let all = shipshape(
        &dir,
        &[
            "convert",
            "cmds.sh",
            "--harden",
            "--unsafe",
            "--profile",
            "restricted",
            "-o",
            "compose.yaml",
        ],
        "",
    );
    assert_eq!(stdout(&all), "");
    let hardened = std::fs::read_to_string(dir.join("compose.yaml")).unwrap();
    assert!(!hardened.contains("seccomp"), "{hardened}");
    assert!(hardened.contains("    read_only: true\n"), "{hardened}");
    assert!(stderr(&all).contains("compose.yaml:"), "{}", stderr(&all));

    let json = shipshape(&dir, &["convert", "cmds.sh", "--harden", "--json"], "");
    let result: Value = serde_json::from_str(&stdout(&json)).expect("JSON output");
    assert_eq!(result["conversion"]["compose"], CONVERTED);
    assert_eq!(result["conversion"]["unconverted"][0]["flag"], "-d");
    assert_eq!(result["hardened"]["changes"][0]["code"], "SEC-008");
    assert_eq!(stderr(&json), "");

    let unsafe_alone = shipshape(&dir, &["convert", "cmds.sh", "--unsafe"], "");
    assert_eq!(unsafe_alone.status.code(), Some(2));
    assert!(stderr(&unsafe_alone).contains("--harden"));
}

/// Bytes that are not UTF-8 are read lossily and reported where they start, in every
/// output format, with the findings around them; nothing writes the text back.
#[test]
fn undecodable_bytes_are_reported_in_every_format_and_never_written_back() {
    let dir = scratch("undecodable");
    let bytes = b"services:\n  a:\n    image: x\n    privileged: true\n    user: \"caf\xe9\"\n    pid: host\n";
    std::fs::write(dir.join("compose.yaml"), bytes).unwrap();
    let codes = |format: &str| {
        let output = shipshape(&dir, &["check", "compose.yaml", "--format", format], "");
        assert_eq!(
            output.status.code(),
            Some(1),
            "{format}: {}",
            stderr(&output)
        );
        let out = stdout(&output);
        ["PRIV-001", "SYN-016", "NS-001"].map(|code| out.matches(code).count() > 0)
    };
    for format in ["text", "json", "sarif", "github"] {
        assert_eq!(codes(format), [true; 3], "{format}");
    }
    // The input problem is counted apart from the findings' severities; the same file
    // read as a Compose project (its directory) is reported the same way.
    for input in ["compose.yaml", "."] {
        let text = stdout(&shipshape(&dir, &["check", input], ""));
        assert!(
            text.contains("\nFound 2 findings: 2 critical; 1 input problem.\n"),
            "{input}: {text}"
        );
        assert!(text.contains("SYN-016"), "{input}: {text}");
    }
    let json = stdout(&shipshape(
        &dir,
        &["check", "compose.yaml", "--format", "json"],
        "",
    ));
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let located: Vec<(String, u64, u64)> = report[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let start = &d["range"]["start"];
            let code = d["code"].as_str().unwrap().to_string();
            (
                code,
                start["line"].as_u64().unwrap(),
                start["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        located,
        [
            ("PRIV-001".to_string(), 4, 17),
            ("SYN-016".to_string(), 5, 15),
            ("NS-001".to_string(), 6, 10)
        ]
    );

    let fixed = shipshape(
        &dir,
        &["check", "compose.yaml", "--fix", "--unsafe-fixes"],
        "",
    );
    assert_eq!(fixed.status.code(), Some(1));
    let hardened = shipshape(&dir, &["harden", "compose.yaml", "--write"], "");
    assert_eq!(hardened.status.code(), Some(2));
    assert!(
        stderr(&hardened).contains("is not UTF-8"),
        "{}",
        stderr(&hardened)
    );
    assert_eq!(std::fs::read(dir.join("compose.yaml")).unwrap(), bytes);
}

/// A project: the base mounts a socket whose path `.env` holds, the override makes
/// the service privileged.
fn project_dir(name: &str) -> Scratch {
    let dir = scratch(name);
    let base = "services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    volumes:\n      - ${SOCK}:/var/run/docker.sock\n";
    std::fs::write(dir.join("compose.yaml"), base).unwrap();
    let override_file = "services:\n  web:\n    privileged: true\n";
    std::fs::write(dir.join("compose.override.yaml"), override_file).unwrap();
    std::fs::write(
        dir.join(".env"),
        "# engine\nSOCK=\"/var/run/docker.sock\"\n",
    )
    .unwrap();
    dir
}

/// `file:line:col CODE` of every JSON diagnostic, report by report.
fn json_locations(output: &Output) -> Vec<String> {
    let reports: Value = serde_json::from_str(&stdout(output)).expect("JSON output");
    located_codes(reports.as_array().unwrap())
}

#[test]
fn a_directory_is_checked_as_a_project_with_its_override_and_dotenv() {
    let dir = project_dir("project-dir");
    let output = shipshape(&dir, &["check", "--color", "never", "."], "");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains(" --> compose.yaml:6:9\n"), "{text}");
    assert!(text.contains(" --> compose.override.yaml:3:17\n"), "{text}");
    // A related location in the other file is named rather than excerpted.
    assert!(
        text.contains("= note: compose.override.yaml:3:17: privileged mode is enabled here\n"),
        "{text}"
    );
    let json = shipshape(&dir, &["check", "--format", "json", "."], "");
    assert_eq!(
        json_locations(&json),
        [
            "compose.yaml:4:16 PRIV-002",
            "compose.yaml:6:9 MNT-001",
            "compose.override.yaml:3:17 PRIV-001",
        ]
    );
}

#[test]
fn dash_f_files_are_one_project_in_order_and_sarif_names_each_file() {
    let dir = project_dir("project-f");
    // Only the base: the socket path comes from `.env`, the override is not read.
    let base = shipshape(
        &dir,
        &["check", "--format", "json", "-f", "compose.yaml"],
        "",
    );
    assert_eq!(json_locations(&base), ["compose.yaml:6:9 MNT-001"]);
    let caller = shipshape(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--env",
            "SOCK=/srv",
            "-f",
            "compose.yaml",
            "-f",
            "compose.override.yaml",
        ],
        "",
    );
    assert_eq!(
        json_locations(&caller),
        [
            "compose.yaml:4:16 PRIV-002",
            // The caller's value wins over `.env`: no socket, a sensitive directory.
            "compose.yaml:6:9 MNT-004",
            "compose.override.yaml:3:17 PRIV-001"
        ]
    );
    let sarif = shipshape(
        &dir,
        &[
            "check",
            "--format",
            "sarif",
            "-f",
            "compose.yaml",
            "-f",
            "compose.override.yaml",
        ],
        "",
    );
    let sarif: Value = serde_json::from_str(&stdout(&sarif)).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let located: Vec<String> = results
        .iter()
        .map(|r| {
            let physical = &r["locations"][0]["physicalLocation"];
            format!(
                "{}:{} {}",
                physical["artifactLocation"]["uri"].as_str().unwrap(),
                physical["region"]["startLine"],
                r["ruleId"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        located,
        [
            "compose.yaml:4 PRIV-002",
            "compose.yaml:6 MNT-001",
            "compose.override.yaml:3 PRIV-001"
        ]
    );
    let related = &results[0]["relatedLocations"][0]["physicalLocation"];
    assert_eq!(related["artifactLocation"]["uri"], "compose.override.yaml");
    assert_eq!(related["region"]["startLine"], 3);
}

#[test]
fn a_broken_dotenv_is_reported_in_the_dotenv_file() {
    let dir = project_dir("project-dotenv");
    std::fs::write(dir.join(".env"), "SOCK='unclosed\n").unwrap();
    let json = shipshape(&dir, &["check", "--format", "json", "."], "");
    assert_eq!(
        json_locations(&json),
        [
            "compose.yaml:4:16 PRIV-002",
            "compose.override.yaml:3:17 PRIV-001",
            ".env:1:6 SYN-004"
        ]
    );
    let empty = scratch("project-none");
    let none = shipshape(&empty, &["check", "."], "");
    assert_eq!(none.status.code(), Some(2));
    assert!(
        stderr(&none).contains("holds none of compose.yaml, compose.yml"),
        "{}",
        stderr(&none)
    );
}

#[test]
fn a_project_reads_the_files_its_services_extend() {
    let dir = scratch("project-extends");
    let compose = "services:\n  web:\n    extends: { file: common.yml, service: base }\n    image: nginx:1.27\n  gone:\n    extends: { file: missing.yml, service: base }\n    image: nginx:1.27\n";
    std::fs::write(dir.join("compose.yaml"), compose).unwrap();
    let common = "services:\n  base:\n    privileged: true\n";
    std::fs::write(dir.join("common.yml"), common).unwrap();
    let json = shipshape(&dir, &["check", "--format", "json", "."], "");
    let located = json_locations(&json);
    assert_eq!(
        located
            .iter()
            .filter(|l| l.ends_with("PRIV-001") || l.ends_with("SYN-004"))
            .collect::<Vec<_>>(),
        ["compose.yaml:6:22 SYN-004", "common.yml:3:17 PRIV-001"]
    );
}

#[test]
fn a_project_reads_the_files_it_includes_with_their_dotenv() {
    let dir = scratch("project-include");
    let compose =
        "include:\n  - sub/db.yaml\n  - missing.yaml\nservices:\n  web:\n    image: nginx:1.27\n";
    std::fs::write(dir.join("compose.yaml"), compose).unwrap();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let db = "services:\n  db:\n    image: postgres:17\n    cap_add: [\"${EXTRA_CAP}\"]\n";
    std::fs::write(dir.join("sub/db.yaml"), db).unwrap();
    std::fs::write(dir.join("sub/.env"), "EXTRA_CAP=SYS_ADMIN\n").unwrap();
    let json = shipshape(
        &dir,
        &["check", "--format", "json", "-f", "compose.yaml"],
        "",
    );
    let located = json_locations(&json);
    assert_eq!(
        located
            .iter()
            .filter(|l| l.ends_with("CAP-002") || l.ends_with("SYN-004"))
            .collect::<Vec<_>>(),
        ["compose.yaml:3:5 SYN-004", "sub/db.yaml:4:15 CAP-002"]
    );
}

#[test]
fn a_project_past_its_file_limit_reports_the_first_file_left_out() {
    let dir = scratch("project-file-limit");
    let compose = "include:\n  - sub/db.yaml\nservices:\n  web:\n    image: nginx:1.27\n";
    std::fs::write(dir.join("compose.yaml"), compose).unwrap();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let db = "services:\n  db:\n    image: postgres:17\n    cap_add: [SYS_ADMIN]\n";
    std::fs::write(dir.join("sub/db.yaml"), db).unwrap();
    std::fs::write(dir.join("sub/.env"), "A=1\n").unwrap();
    std::fs::write(dir.join("shipshape.json"), r#"{"limits": {"files": 1}}"#).unwrap();
    let json = shipshape(&dir, &["check", "--format", "json", "."], "");
    // The included file is read (one past the limit) but not analysed, `sub/.env` is
    // not read at all.
    assert_eq!(
        json_locations(&json)
            .iter()
            .filter(|l| !l.starts_with("compose.yaml") || l.ends_with("SYN-005"))
            .collect::<Vec<_>>(),
        ["sub/db.yaml:1:1 SYN-005"]
    );
    let text = stdout(&shipshape(&dir, &["check", "--color", "never", "."], ""));
    assert!(
        text.contains(
            "the project has 2 files, more than the limit of 1: those past it are not read"
        ),
        "{text}"
    );
}

#[test]
fn a_project_refuses_fix_and_says_why_it_explains_no_paths() {
    let dir = project_dir("project-fix");
    let before = std::fs::read(dir.join("compose.override.yaml")).unwrap();
    let fix = shipshape(&dir, &["check", "--fix", "."], "");
    assert_eq!(fix.status.code(), Some(2));
    assert_eq!(
        stderr(&fix),
        "error: --fix applies to single files, and a project's fixes may span several: fix each file with `shipshape check FILE --fix`, or in place with `shipshape harden FILE --write`\n"
    );
    assert_eq!(
        std::fs::read(dir.join("compose.override.yaml")).unwrap(),
        before
    );
    let paths = shipshape(
        &dir,
        &["check", "--explain-paths", "--color", "never", "."],
        "",
    );
    assert_eq!(paths.status.code(), Some(1));
    assert!(stdout(&paths).contains(" --> compose.override.yaml:3:17\n"));
    assert!(
        stderr(&paths)
            .starts_with("note: --explain-paths explains the escape paths of single files only"),
        "{}",
        stderr(&paths)
    );
}

#[test]
fn a_project_reads_an_includes_files_from_its_project_directory() {
    let dir = scratch("project-include-directory");
    let compose = "include:\n  - path: lib/svc.yaml\n    project_directory: deploy\n";
    std::fs::write(dir.join("compose.yaml"), compose).unwrap();
    std::fs::create_dir_all(dir.join("lib")).unwrap();
    std::fs::create_dir_all(dir.join("deploy")).unwrap();
    let svc = "services:\n  svc:\n    extends: {file: base.yml, service: base}\n    pid: ${PID}\n";
    std::fs::write(dir.join("lib/svc.yaml"), svc).unwrap();
    let base = "services:\n  base:\n    image: nginx:1.27\n    privileged: true\n";
    std::fs::write(dir.join("deploy/base.yml"), base).unwrap();
    std::fs::write(dir.join("deploy/.env"), "PID=host\n").unwrap();
    let json = shipshape(&dir, &["check", "--format", "json", "."], "");
    let located = json_locations(&json);
    assert_eq!(
        located
            .iter()
            .filter(|l| ["PRIV-001", "NS-001", "SYN-004"]
                .iter()
                .any(|c| l.ends_with(c)))
            .collect::<Vec<_>>(),
        ["lib/svc.yaml:4:10 NS-001", "deploy/base.yml:4:17 PRIV-001"]
    );
}

#[test]
fn a_file_or_standard_input_too_large_is_refused_unread_with_the_report_of_all_of_it() {
    let dir = scratch("too-large");
    let line = "docker run --privileged nginx\n";
    let text = line.repeat(3 * shipshape::model::Limits::default().input_bytes / line.len());
    std::fs::write(dir.join("run.txt"), &text).unwrap();
    // What the library reports when it has the whole text, under each name.
    let expected = |name: &str| {
        let options = shipshape::AnalyzeOptions {
            file_name: Some(name.to_string()),
            ..shipshape::AnalyzeOptions::default()
        };
        let analysis = shipshape::analyze(&text, &options);
        let report = shipshape::report::Report::new(&text, analysis, options.file_name);
        let value: serde_json::Value =
            serde_json::from_str(&shipshape::json::to_json(&[report])).unwrap();
        serde_json::to_string_pretty(&value).unwrap() + "\n"
    };
    let from_file = shipshape(&dir, &["check", "run.txt", "--format", "json"], "");
    assert_eq!(stdout(&from_file), expected("run.txt"));
    let from_stdin = shipshape(&dir, &["check", "-", "--format", "json"], &text);
    assert_eq!(stdout(&from_stdin), expected("<stdin>"));
    let report: serde_json::Value = serde_json::from_str(&stdout(&from_file)).unwrap();
    assert_eq!(report[0]["input"], "run");
    assert_eq!(
        report[0]["diagnostics"][0]["message"],
        "the input is larger than 1 MiB; only inputs up to 1 MiB are analysed"
    );
    // The text output shows the start of the first line, as for any finding there.
    let text_output = shipshape(&dir, &["check", "run.txt"], "");
    assert!(
        stdout(&text_output).contains(" --> run.txt:1:1\n"),
        "{}",
        stdout(&text_output)
    );
}
