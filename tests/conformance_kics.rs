//! Conformance with KICS's own Docker Compose test samples
//! (`../shared/peers/kics-compose`, see its INDEX.md).
//!
//! For every mapped query: each expected line of `positive_expected_result.json`
//! must carry one of our findings of the mapped rules (at the line, or within the
//! block KICS anchors on, see `Anchor`), and each negative sample must be free of
//! them, except the deliberate disagreements listed below with their reason.

mod conformance_support;

use conformance_support::{peer_dir, score, Anchor, Disagreement, Expectation, Mapping, Sample};
use serde_json::Value;
use std::path::Path;

/// KICS query folder → our rules. Anchors: KICS reports the key (`cgroup_parent`,
/// `privileged`), we the value on the same line (`Line`); KICS reports a parent key
/// (`ports:`, `cap_add:`, `security_opt:`, the service name), we the entry at fault
/// (`Block`); for a missing limit KICS reports the deepest existing parent
/// (`deploy`, `resources`), we the service (`Service`).
const MAPPINGS: &[Mapping] = &[
    Mapping {
        peer: "cgroup_not_default",
        rules: &["RES-006"],
        anchor: Anchor::Line,
    },
    // (a) any `cap_add` → only ALL and dangerous capabilities are ours (CAP-001..007);
    // (b) no `cap_drop` → CAP-008 cap-drop-all-missing.
    Mapping {
        peer: "container_capabilities_unrestricted",
        rules: &[
            "CAP-001", "CAP-002", "CAP-003", "CAP-004", "CAP-005", "CAP-006", "CAP-007", "CAP-008",
        ],
        anchor: Anchor::Block,
    },
    Mapping {
        peer: "container_traffic_not_bound_to_host_interface",
        rules: &["NET-003"],
        anchor: Anchor::Block,
    },
    Mapping {
        peer: "cpus_not_limited",
        rules: &["RES-002"],
        anchor: Anchor::Service,
    },
    Mapping {
        peer: "default_seccomp_profile_disabled",
        rules: &["SEC-001"],
        anchor: Anchor::Line,
    },
    Mapping {
        peer: "docker_socket_mounted_in_container",
        rules: &["MNT-001"],
        anchor: Anchor::Line,
    },
    Mapping {
        peer: "healthcheck_not_set",
        rules: &["OPS-001"],
        anchor: Anchor::Block,
    },
    Mapping {
        peer: "host_namespace_is_shared",
        rules: &["NS-001"],
        anchor: Anchor::Line,
    },
    Mapping {
        peer: "memory_not_limited",
        rules: &["RES-001"],
        anchor: Anchor::Service,
    },
    // SEC-006 reports `no-new-privileges:false`, SEC-009 a missing one (at the
    // service, where KICS reports the `security_opt` key).
    Mapping {
        peer: "no_new_privileges_not_set",
        rules: &["SEC-006", "SEC-009"],
        anchor: Anchor::Service,
    },
    Mapping {
        peer: "pids_limit_not_set",
        rules: &["RES-003"],
        anchor: Anchor::Block,
    },
    Mapping {
        peer: "privileged_containers_enabled",
        rules: &["PRIV-001"],
        anchor: Anchor::Line,
    },
    Mapping {
        peer: "privileged_ports_mapped_in_container",
        rules: &["NET-004"],
        anchor: Anchor::Block,
    },
    Mapping {
        peer: "restart_policy_on_failure_not_set_to_5",
        rules: &["RES-007"],
        anchor: Anchor::Line,
    },
    // No `security_opt` at all means no no-new-privileges: our SEC-009.
    Mapping {
        peer: "security_opt_not_set",
        rules: &["SEC-009"],
        anchor: Anchor::Block,
    },
    Mapping {
        peer: "shared_host_ipc_namespace",
        rules: &["NS-002"],
        anchor: Anchor::Line,
    },
    Mapping {
        peer: "shared_host_network_namespace",
        rules: &["NET-001"],
        anchor: Anchor::Line,
    },
    Mapping {
        peer: "shared_host_user_namespace",
        rules: &["NS-004"],
        anchor: Anchor::Line,
    },
    // Sockets, kernel filesystems and the other sensitive paths are three rules here.
    Mapping {
        peer: "volume_has_sensitive_host_directory",
        rules: &["MNT-001", "MNT-003", "MNT-004"],
        anchor: Anchor::Line,
    },
    Mapping {
        peer: "volume_mounted_in_multiple_containers",
        rules: &["MNT-007"],
        anchor: Anchor::Line,
    },
];

const UNMAPPED: &[(&str, &str)] = &[(
    "shared_volumes_between_containers",
    "a named volume shared by services is ordinary Compose; only volumes_from (MNT-009) is ours",
)];

/// Why KICS flags container-side ports: CIS 5.8 and NET-004 are about host ports.
const CONTAINER_SIDE_PORT: &str =
    "KICS also flags container-side ports below 1024; CIS 5.8 is about \
     the host port, and binding a low port inside the container needs no privilege on the host";
/// Compose's getRestartPolicy applies `deploy.restart_policy` over `restart`.
const DEPLOY_RESTART_WINS: &str = "`deploy.restart_policy` replaces `restart` in Compose \
     (getRestartPolicy), so this `restart` value is not what runs; we report the deploy policy";
/// A long-syntax `published` holding an IP is not valid Compose.
const IP_IN_PUBLISHED: &str = "an IP in long-syntax `published` is not valid Compose (SYN-004 \
     reports it) and there is no `host_ip`, so as written the port is on every interface";

const DISAGREEMENTS: &[Disagreement] = &[
    Disagreement::at("container_traffic_not_bound_to_host_interface", "negative4.yaml", None, IP_IN_PUBLISHED),
    Disagreement::at("container_traffic_not_bound_to_host_interface", "negative5.yaml", None, IP_IN_PUBLISHED),
    Disagreement::at("container_traffic_not_bound_to_host_interface", "negative6.yaml", None, IP_IN_PUBLISHED),
    Disagreement::at(
        "default_seccomp_profile_disabled",
        "positive1.yaml",
        Some(13),
        "`label:seccomp:unconfined` is a (malformed) SELinux label option, not a seccomp setting; \
         KICS matches the substring",
    ),
    Disagreement::at("privileged_ports_mapped_in_container", "positive2.yaml", Some(11), CONTAINER_SIDE_PORT),
    Disagreement::at("privileged_ports_mapped_in_container", "positive4.yaml", Some(11), CONTAINER_SIDE_PORT),
    Disagreement::at("privileged_ports_mapped_in_container", "positive5.yaml", Some(11), CONTAINER_SIDE_PORT),
    Disagreement::at("privileged_ports_mapped_in_container", "positive7.yaml", Some(11), CONTAINER_SIDE_PORT),
    Disagreement::at("privileged_ports_mapped_in_container", "positive8.yaml", Some(11), CONTAINER_SIDE_PORT),
    Disagreement::at("privileged_ports_mapped_in_container", "positive10.yaml", Some(11), CONTAINER_SIDE_PORT),
    Disagreement::at("privileged_ports_mapped_in_container", "positive11.yaml", Some(11), CONTAINER_SIDE_PORT),
    Disagreement::at("privileged_ports_mapped_in_container", "positive12.yaml", Some(11), CONTAINER_SIDE_PORT),
    Disagreement::at("restart_policy_on_failure_not_set_to_5", "positive1.yaml", Some(6), DEPLOY_RESTART_WINS),
    Disagreement::at(
        "restart_policy_on_failure_not_set_to_5",
        "positive2.yaml",
        Some(15),
        "CIS 5.15 asks for at most 5 retries; `on-failure:3` satisfies it, KICS wants exactly 5",
    ),
    Disagreement::at("restart_policy_on_failure_not_set_to_5", "positive3.yaml", Some(6), DEPLOY_RESTART_WINS),
    Disagreement::at(
        "security_opt_not_set",
        "negative1.yaml",
        None,
        "KICS only wants a `security_opt` key; `apparmor:unconfined` still lacks no-new-privileges, \
         which we report",
    ),
    Disagreement::at(
        "volume_has_sensitive_host_directory",
        "positive1.yaml",
        Some(11),
        "`- /var/lib/backup/data` is an anonymous volume (a container path), not a host path",
    ),
    Disagreement::at(
        "volume_has_sensitive_host_directory",
        "positive2.yaml",
        Some(18),
        "KICS flags anything below `/var` by string prefix; `/var/lib/backup/data` is not on the \
         sensitive list",
    ),
    Disagreement::at(
        "volume_has_sensitive_host_directory",
        "positive3.yaml",
        Some(14),
        "KICS flags `/var/data` by prefix (in a volume no service uses); it is not on the sensitive list",
    ),
];

/// Every positive and negative sample of every query folder.
fn samples(root: &Path) -> Vec<Sample> {
    let mut queries: Vec<_> = std::fs::read_dir(root)
        .expect("peer folder is readable")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_dir())
        .collect();
    queries.sort();
    let mut samples = Vec::new();
    for query in queries {
        let peer = query.file_name().unwrap().to_string_lossy().to_string();
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(query.join("positive_expected_result.json"))
                .expect("expected results"),
        )
        .expect("expected results are JSON");
        let mut files: Vec<String> = std::fs::read_dir(&query)
            .expect("query folder")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .to_string()
            })
            .filter(|name| name.ends_with(".yaml") || name.ends_with(".yml"))
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(query.join(&file)).expect("sample is UTF-8");
            let expectations = if file.starts_with("positive") {
                expected
                    .as_array()
                    .expect("an array")
                    .iter()
                    .filter(|e| e["filename"] == file.as_str())
                    .map(|e| Expectation {
                        positive: true,
                        line: Some(e["line"].as_u64().expect("a line") as u32),
                    })
                    .collect()
            } else {
                vec![Expectation {
                    positive: false,
                    line: None,
                }]
            };
            samples.push(Sample {
                peer: peer.clone(),
                file,
                text,
                expectations,
            });
        }
    }
    samples
}

#[test]
fn kics_compose_samples() {
    let Some(root) = peer_dir("kics-compose") else {
        return;
    };
    let samples = samples(&root);
    let failures = score(&samples, MAPPINGS, UNMAPPED, DISAGREEMENTS);
    assert!(
        failures.is_empty(),
        "KICS conformance:\n{}",
        failures.join("\n")
    );
}
