//! Inline suppressions: `# shipshape: ignore[...]`, `ignore-service[...]`,
//! `ignore-file[...]` in Compose comments, and configuration-only suppression for
//! run commands.

use shipshape::config::Config;
use shipshape::diagnostic::Diagnostic;
use shipshape::{analyze, AnalyzeOptions};

/// The diagnostics of the rules these tests exercise (privilege, namespaces and
/// input), so that other rules firing on the same settings do not matter here.
fn diagnostics(text: &str, config: Config) -> Vec<Diagnostic> {
    let options = AnalyzeOptions {
        config,
        ..AnalyzeOptions::default()
    };
    analyze(text, &options)
        .diagnostics
        .into_iter()
        .filter(|d| {
            ["PRIV-", "NS-", "SYN-"]
                .iter()
                .any(|family| d.code.starts_with(family))
        })
        .collect()
}

/// `(code, line, column, suppression reason)` of each diagnostic; the reason is
/// `Some("")` for a suppression without one, `None` when not suppressed.
fn summary(text: &str) -> Vec<(String, u32, u32, Option<String>)> {
    diagnostics(text, Config::default())
        .into_iter()
        .map(|d| {
            let reason = d.suppressed.map(|s| s.reason.unwrap_or_default());
            (d.code, d.range.start.line, d.range.start.column, reason)
        })
        .collect()
}

fn row(
    code: &str,
    line: u32,
    column: u32,
    reason: Option<&str>,
) -> (String, u32, u32, Option<String>) {
    (code.to_string(), line, column, reason.map(str::to_string))
}

#[test]
fn a_trailing_suppression_silences_exactly_its_rule_on_its_line() {
    let text = "\
services:
  agent:
    image: monitoring/agent:2.1
    privileged: true # shipshape: ignore[PRIV-001] needs the host's devices
    pid: host
";
    assert_eq!(
        summary(text),
        [
            row("PRIV-001", 4, 17, Some("needs the host's devices")),
            row("NS-001", 5, 10, None),
        ]
    );
    let diagnostics = diagnostics(text, Config::default());
    let suppression = diagnostics[0].suppressed.as_ref().unwrap();
    // The suppression's range is the comment.
    assert_eq!(
        (suppression.range.start.line, suppression.range.start.column),
        (4, 22)
    );
    assert_eq!(suppression.range.end.column, 76);
}

#[test]
fn a_suppression_alone_on_its_line_applies_to_the_next_line_by_name() {
    let text = "\
services:
  agent:
    image: monitoring/agent:2.1
    # shipshape: ignore[privileged-container] reviewed

    # (a second comment between does not matter)
    privileged: true
";
    assert_eq!(summary(text), [row("PRIV-001", 7, 17, Some("reviewed"))]);
}

#[test]
fn a_suppression_on_another_line_does_not_apply_and_is_reported_unused() {
    let text = "\
services:
  agent:
    image: monitoring/agent:2.1 # shipshape: ignore[PRIV-001]
    privileged: true
";
    let found = diagnostics(text, Config::default());
    let codes: Vec<(&str, u32, u32, bool)> = found
        .iter()
        .map(|d| {
            let start = d.range.start;
            (
                d.code.as_str(),
                start.line,
                start.column,
                d.suppressed.is_some(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [("SYN-006", 3, 33, false), ("PRIV-001", 4, 17, false)]
    );
    assert_eq!(
        found[0].message_markdown,
        "unused suppression: no finding of `PRIV-001` on its line"
    );
    let fix = found[0].fix.as_ref().expect("a fix removes it");
    assert_eq!(fix.edits[0].content, "");
    assert_eq!(fix.edits[0].byte_range, [50, 80]);
}

#[test]
fn ignore_service_covers_the_service_from_its_key_line_or_inside_its_block() {
    let text = "\
services:
  agent: # shipshape: ignore-service[PRIV-001]
    image: monitoring/agent:2.1
    privileged: true
  tracer:
    # shipshape: ignore-service[NS-001, PRIV-001] debugging sidecar
    image: tracer:1
    privileged: true
    pid: host
    # A comment at the end of a block, indented like its keys, is still inside it.
    # shipshape: ignore-service [NS-002] shares memory with the tracer
  web:
    image: nginx:1.27
    privileged: true
  # Above a service key, at most as indented as the key: that service.
  # shipshape: ignore-service[NS-001] process viewer
  top:
    image: top:1
    pid: host
";
    assert_eq!(
        summary(text),
        [
            row("PRIV-001", 4, 17, Some("")),
            row("PRIV-001", 8, 17, Some("debugging sidecar")),
            row("NS-001", 9, 10, Some("debugging sidecar")),
            row("SYN-006", 11, 5, None),
            row("PRIV-001", 14, 17, None),
            row("NS-001", 19, 10, Some("process viewer")),
        ]
    );
}

#[test]
fn ignore_file_covers_every_service_and_the_most_specific_reason_wins() {
    let text = "\
# shipshape: ignore-file[PRIV-001] lab machines only
services:
  agent:
    image: monitoring/agent:2.1
    privileged: true # shipshape: ignore[PRIV-001] agent needs it
  web:
    image: nginx:1.27
    privileged: true
";
    assert_eq!(
        summary(text),
        [
            row("PRIV-001", 5, 17, Some("agent needs it")),
            row("PRIV-001", 8, 17, Some("lab machines only")),
        ]
    );
}

#[test]
fn unknown_codes_and_malformed_directives_are_invalid() {
    let text = "\
# shipshape: ignore-everything[PRIV-001]
services:
  agent:
    image: monitoring/agent:2.1
    privileged: true # shipshape: ignore[PRIV-01, PRIV-001]
    pid: host # shipshape: ignore NS-001
# shipshape: ignore-service[PRIV-001]
";
    let found = diagnostics(text, Config::default());
    let rows: Vec<(&str, u32, u32, &str)> = found
        .iter()
        .filter(|d| d.code.starts_with("SYN"))
        .map(|d| {
            (
                d.code.as_str(),
                d.range.start.line,
                d.range.start.column,
                d.message_markdown.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "SYN-007",
                1,
                1,
                "unknown suppression `ignore-everything`; expected `ignore[...]`, `ignore-service[...]` or `ignore-file[...]`"
            ),
            ("SYN-007", 5, 42, "unknown rule `PRIV-01` in suppression; did you mean `PRIV-001`?"),
            (
                "SYN-007",
                6,
                15,
                "`ignore` needs the rules in brackets: `# shipshape: ignore[PRIV-001] reason`"
            ),
            (
                "SYN-007",
                7,
                1,
                "`ignore-service` must be inside a service block or on the service's key line"
            ),
        ]
    );
    // The valid code of a list with an invalid one still works.
    let privileged = found.iter().find(|d| d.code == "PRIV-001").unwrap();
    assert!(privileged.suppressed.is_some());
}

#[test]
fn hashes_in_quoted_and_plain_scalars_are_not_comments() {
    let text = "\
services:
  agent:
    image: \"agent # shipshape: ignore[PRIV-001]\"
    command: http://example.test/#shipshape:ignore[PRIV-001]
    privileged: true
";
    assert_eq!(summary(text), [row("PRIV-001", 5, 17, None)]);
}

#[test]
fn run_commands_are_suppressed_by_configuration_only() {
    let text = "docker run --privileged nginx # shipshape: ignore[PRIV-001]\n";
    assert_eq!(summary(text), [row("PRIV-001", 1, 12, None)]);
    let config = Config {
        ignore: vec!["PRIV-001".to_string()],
        ..Config::default()
    };
    assert_eq!(diagnostics(text, config), []);
}

#[test]
fn suppressions_of_rules_the_profile_does_not_run_are_not_unused() {
    // MNT-008 (writable root filesystem) runs only in restricted and cis.
    let text = "\
services:
  web: # shipshape: ignore-service[MNT-008] scratch files
    image: nginx:1.27
";
    assert_eq!(summary(text), []);
}
