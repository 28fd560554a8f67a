//! Conformance with semgrep-rules' docker-compose fixtures
//! (`../shared/peers/semgrep-compose`, see its INDEX.md).
//!
//! `# ruleid: R` expects a finding of R starting on the next non-comment line,
//! `# ok: R` rules one out there. Each semgrep rule maps to one of ours; where
//! semgrep anchors on a parent (the service name, `volumes:`), our finding may be
//! anywhere in that block.

mod conformance_support;

use conformance_support::{peer_dir, score, Anchor, Disagreement, Expectation, Mapping, Sample};
use std::path::Path;

/// semgrep rule id → our rules. privileged-service reports the `true` value, as we
/// do; the others report the service name or `volumes:`, we the setting at fault or
/// the service.
const MAPPINGS: &[Mapping] = &[
    Mapping {
        peer: "exposing-docker-socket-volume",
        rules: &["MNT-001"],
        anchor: Anchor::Block,
    },
    Mapping {
        peer: "no-new-privileges",
        rules: &["SEC-006", "SEC-009"],
        anchor: Anchor::Block,
    },
    Mapping {
        peer: "privileged-service",
        rules: &["PRIV-001"],
        anchor: Anchor::Line,
    },
    Mapping {
        peer: "seccomp-confinement-disabled",
        rules: &["SEC-001"],
        anchor: Anchor::Block,
    },
    Mapping {
        peer: "selinux-separation-disabled",
        rules: &["SEC-003"],
        anchor: Anchor::Block,
    },
    Mapping {
        peer: "writable-filesystem-service",
        rules: &["MNT-008"],
        anchor: Anchor::Block,
    },
];

/// `- /var/run/docker.sock` alone names a container path: Docker creates an anonymous
/// volume there, and no host socket is mounted.
const ANONYMOUS_VOLUME: &str =
    "a short-syntax entry with one path is an anonymous volume at that container path, not a host bind";
/// The Compose Specification requires `type` in long-syntax volumes.
const MISSING_TYPE: &str = "long-syntax volume without `type` is not valid Compose (SYN-004 \
     reports it), so no bind of the socket can be proved";

const fn socket(line: u32, reason: &'static str) -> Disagreement {
    Disagreement::at(
        "exposing-docker-socket-volume",
        "exposing-docker-socket-volume.test.yaml",
        Some(line),
        reason,
    )
}

const DISAGREEMENTS: &[Disagreement] = &[
    socket(88, ANONYMOUS_VOLUME),
    socket(93, ANONYMOUS_VOLUME),
    socket(99, ANONYMOUS_VOLUME),
    socket(105, ANONYMOUS_VOLUME),
    socket(112, ANONYMOUS_VOLUME),
    socket(117, ANONYMOUS_VOLUME),
    socket(123, ANONYMOUS_VOLUME),
    socket(129, ANONYMOUS_VOLUME),
    socket(136, MISSING_TYPE),
    socket(141, MISSING_TYPE),
    socket(147, MISSING_TYPE),
    socket(153, MISSING_TYPE),
    socket(158, MISSING_TYPE),
    socket(164, MISSING_TYPE),
    socket(183, MISSING_TYPE),
    socket(189, MISSING_TYPE),
    socket(195, MISSING_TYPE),
    socket(202, MISSING_TYPE),
    socket(208, MISSING_TYPE),
    socket(214, MISSING_TYPE),
    socket(221, ANONYMOUS_VOLUME),
    socket(227, MISSING_TYPE),
    socket(233, MISSING_TYPE),
    socket(240, ANONYMOUS_VOLUME),
    socket(250, ANONYMOUS_VOLUME),
];

/// The annotation comments of one fixture, each applied to the next line that is
/// not a comment.
fn expectations(text: &str, rule: &str) -> Vec<Expectation> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(annotation) = line.trim().strip_prefix('#') else {
            continue;
        };
        let Some((kind, ids)) = annotation.split_once(':') else {
            continue;
        };
        let positive = match kind.trim() {
            "ruleid" => true,
            "ok" => false,
            _ => continue,
        };
        if !ids.split(',').any(|id| id.trim() == rule) {
            continue;
        }
        let target = lines[index + 1..]
            .iter()
            .position(|next| !next.trim().starts_with('#'))
            .map(|offset| (index + 1 + offset + 1) as u32);
        found.push(Expectation {
            positive,
            line: target,
        });
    }
    found
}

fn samples(root: &Path) -> Vec<Sample> {
    let mut files: Vec<String> = std::fs::read_dir(root)
        .expect("peer folder is readable")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .to_string()
        })
        .filter(|name| name.ends_with(".test.yaml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let peer = file.trim_end_matches(".test.yaml").to_string();
            let text = std::fs::read_to_string(root.join(&file)).expect("fixture is UTF-8");
            let expectations = expectations(&text, &peer);
            Sample {
                peer,
                file,
                text,
                expectations,
            }
        })
        .collect()
}

#[test]
fn semgrep_compose_fixtures() {
    let Some(root) = peer_dir("semgrep-compose") else {
        return;
    };
    let samples = samples(&root);
    let annotations: usize = samples.iter().map(|s| s.expectations.len()).sum();
    println!("{} fixtures, {annotations} annotations", samples.len());
    let failures = score(&samples, MAPPINGS, &[], DISAGREEMENTS);
    assert!(
        failures.is_empty(),
        "semgrep conformance:\n{}",
        failures.join("\n")
    );
}

#[test]
fn annotations_apply_to_the_next_non_comment_line() {
    let text = "a:\n  # ruleid:x\n  # more\n  b: 1\n  # ok: y, x\n  c: 2\n";
    let found = expectations(text, "x");
    let lines: Vec<(bool, Option<u32>)> = found.iter().map(|e| (e.positive, e.line)).collect();
    assert_eq!(lines, [(true, Some(4)), (false, Some(6))]);
}
