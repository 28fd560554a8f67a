//! Escape paths, technique by technique: the smallest Compose file and run command
//! that open each one, an input one precondition short (one step away, not open),
//! the hardened service (nothing open), the minimal fixes, and the preview: applying
//! a minimal fix's edits closes every path.

use shipshape::analyze::{analyze, AnalyzeOptions};
use shipshape::paths::view::{EscapePathsView, PathView};
use shipshape::paths::TECHNIQUES;
use shipshape::report::Report;

fn report(text: &str) -> Report {
    Report::new(text, analyze(text, &AnalyzeOptions::default()), None)
}

/// The escape paths of the only container of `text`.
fn paths(text: &str) -> EscapePathsView {
    let report = report(text);
    assert_eq!(report.containers.len(), 1, "{text}");
    report.containers[0].escape_paths.clone()
}

/// The change titles of each minimal fix.
fn fix_titles(paths: &EscapePathsView) -> Vec<Vec<&str>> {
    paths
        .minimal_fixes
        .iter()
        .map(|f| f.changes.iter().map(|c| c.title.as_str()).collect())
        .collect()
}

fn ids(paths: &[PathView]) -> Vec<&'static str> {
    paths.iter().map(|p| p.technique).collect()
}

/// A one-service Compose file with these extra lines.
fn compose(lines: &str) -> String {
    format!("services:\n  app:\n    image: alpine:3.20\n{lines}")
}

struct Case {
    technique: &'static str,
    /// Extra lines of the `app` service that open the technique.
    compose: &'static str,
    /// Flags of a `docker run` that open it.
    run: &'static str,
    /// Extra lines that leave it one precondition short; `None` for techniques of a
    /// single precondition, which are either open or not reached at all.
    short: Option<&'static str>,
}

const CASES: &[Case] = &[
    Case {
        technique: "engine-api-socket",
        compose: "    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n",
        run: "-v /var/run/docker.sock:/var/run/docker.sock",
        short: None,
    },
    Case {
        technique: "cgroup-release-agent",
        compose: "    cap_add: [SYS_ADMIN]\n    security_opt: [apparmor=unconfined]\n",
        run: "--cap-add SYS_ADMIN --security-opt apparmor=unconfined",
        short: Some("    cap_add: [SYS_ADMIN]\n"),
    },
    Case {
        technique: "kernel-module",
        compose: "    cap_add: [SYS_MODULE]\n",
        run: "--cap-add=sys_module",
        short: None,
    },
    Case {
        technique: "open-by-handle",
        compose: "    cap_add:\n      - CAP_DAC_READ_SEARCH\n",
        run: "--cap-add DAC_READ_SEARCH",
        short: None,
    },
    Case {
        technique: "ptrace-host-process",
        compose: "    pid: host\n    cap_add: [SYS_PTRACE]\n",
        run: "--pid=host --cap-add SYS_PTRACE",
        short: Some("    cap_add: [SYS_PTRACE]\n    security_opt: [label=disable]\n"),
    },
    Case {
        technique: "signal-host-processes",
        compose: "    pid: host\n",
        run: "--pid host",
        short: Some("    pid: host\n    cap_drop: [KILL]\n"),
    },
    Case {
        technique: "reboot-host",
        compose: "    pid: host\n    cap_add: [SYS_BOOT]\n",
        run: "--pid=host --cap-add=SYS_BOOT",
        short: Some("    cap_add: [SYS_BOOT]\n"),
    },
    Case {
        technique: "kernel-tunables",
        compose: "    security_opt:\n      - systempaths=unconfined\n      - apparmor=unconfined\n",
        run: "--security-opt systempaths=unconfined --security-opt apparmor=unconfined",
        short: Some("    security_opt: [systempaths=unconfined]\n"),
    },
    Case {
        technique: "host-kernel-filesystem",
        compose: "    volumes: [\"/proc:/host/proc\"]\n",
        run: "-v /proc:/host/proc",
        short: None,
    },
    Case {
        technique: "host-directory-write",
        compose: "    volumes:\n      - /etc:/host/etc\n",
        run: "--volume=/root/.ssh:/keys",
        short: None,
    },
    Case {
        technique: "host-secrets-read",
        compose: "    volumes:\n      - type: bind\n        source: /var/lib/kubelet\n        target: /kubelet\n        read_only: true\n",
        run: "-v /etc:/host/etc:ro",
        short: None,
    },
    Case {
        technique: "host-disk-device",
        compose: "    devices: [\"/dev/sda:/dev/sda\"]\n",
        run: "--device /dev/nvme0n1",
        short: None,
    },
    Case {
        technique: "device-rule-mknod",
        compose: "    device_cgroup_rules: ['b *:* rwm']\n",
        run: "--device-cgroup-rule='b 8:* rw'",
        short: Some("    device_cgroup_rules: ['b *:* rwm']\n    cap_drop: [MKNOD]\n"),
    },
    Case {
        technique: "host-network-traffic",
        compose: "    network_mode: host\n",
        run: "--network=host",
        short: Some("    network_mode: host\n    cap_drop: [ALL]\n"),
    },
    Case {
        technique: "host-ipc-memory",
        compose: "    ipc: host\n",
        run: "--ipc=host",
        short: None,
    },
    Case {
        technique: "host-user-namespace",
        compose: "    userns_mode: host\n",
        run: "--userns=host",
        short: None,
    },
    Case {
        technique: "raw-io-ports",
        compose: "    cap_add: [SYS_RAWIO]\n",
        run: "--cap-add SYS_RAWIO",
        short: None,
    },
];

#[test]
fn every_technique_has_a_case() {
    let cased: Vec<&str> = CASES.iter().map(|c| c.technique).collect();
    let catalogued: Vec<&str> = TECHNIQUES.iter().map(|t| t.id).collect();
    assert_eq!(cased, catalogued);
    for technique in TECHNIQUES {
        let single = technique.steps.len() == 1;
        let case = CASES.iter().find(|c| c.technique == technique.id).unwrap();
        assert_eq!(case.short.is_none(), single, "{}", technique.id);
        assert!(!technique.references.is_empty(), "{}", technique.id);
        for reference in technique.references {
            assert!(reference.url.starts_with("https://"), "{}", reference.url);
        }
    }
}

#[test]
fn the_smallest_compose_file_opens_each_technique() {
    for case in CASES {
        let paths = paths(&compose(case.compose));
        assert!(
            ids(&paths.open).contains(&case.technique),
            "{}: open {:?}",
            case.technique,
            ids(&paths.open)
        );
        assert!(!paths.minimal_fixes.is_empty(), "{}", case.technique);
    }
}

#[test]
fn the_smallest_run_command_opens_each_technique() {
    for case in CASES {
        let text = format!("docker run {} alpine:3.20\n", case.run);
        let paths = paths(&text);
        assert!(
            ids(&paths.open).contains(&case.technique),
            "{}: open {:?}",
            case.technique,
            ids(&paths.open)
        );
    }
}

#[test]
fn one_precondition_short_is_one_step_away_not_open() {
    for case in CASES {
        let Some(short) = case.short else { continue };
        let paths = paths(&compose(short));
        assert!(
            !ids(&paths.open).contains(&case.technique),
            "{}",
            case.technique
        );
        let away = paths
            .one_step_away
            .iter()
            .find(|p| p.technique == case.technique)
            .unwrap_or_else(|| panic!("{} not one step away", case.technique));
        let unmet: Vec<&str> = away
            .steps
            .iter()
            .filter(|s| !s.met)
            .map(|s| s.text)
            .collect();
        assert_eq!(unmet.len(), 1, "{}", case.technique);
        assert!(away.steps.iter().all(|s| s.met != s.settings.is_empty()));
    }
}

/// The hardened service of the documentation.
const HARDENED: &str = "services:\n  api:\n    image: ghcr.io/example/api:1.4.2\n    user: \"10001:10001\"\n    read_only: true\n    cap_drop: [ALL]\n    security_opt:\n      - no-new-privileges:true\n    tmpfs:\n      - /tmp\n    volumes:\n      - api-data:/data\nvolumes:\n  api-data:\n";

#[test]
fn the_hardened_service_has_no_path_open_or_one_step_away() {
    let paths = paths(HARDENED);
    assert_eq!(ids(&paths.open), Vec::<&str>::new());
    assert_eq!(ids(&paths.one_step_away), Vec::<&str>::new());
    assert!(paths.minimal_fixes.is_empty());
    let run = paths_of_run("docker run --read-only --cap-drop=ALL --user 10001 --security-opt no-new-privileges ghcr.io/example/api:1.4.2");
    assert_eq!(ids(&run.open), Vec::<&str>::new());
    assert_eq!(ids(&run.one_step_away), Vec::<&str>::new());
}

fn paths_of_run(command: &str) -> EscapePathsView {
    paths(&format!("{command}\n"))
}

#[test]
fn a_default_container_is_one_step_from_the_paths_of_its_default_capabilities() {
    let paths = paths(&compose(""));
    assert_eq!(ids(&paths.open), Vec::<&str>::new());
    // MKNOD and NET_RAW are in Docker's default set: a device cgroup rule or the
    // host's network namespace is all these need. KILL is too, but signalling host
    // processes needs two more steps: the host PID namespace and no LSM.
    assert_eq!(
        ids(&paths.one_step_away),
        ["device-rule-mknod", "host-network-traffic"]
    );
}

#[test]
fn steps_point_at_the_exact_settings_with_their_findings() {
    let text = compose("    cap_add: [SYS_ADMIN]\n    security_opt: [apparmor=unconfined]\n");
    let paths = paths(&text);
    let path = paths
        .open
        .iter()
        .find(|p| p.technique == "cgroup-release-agent")
        .unwrap();
    let located: Vec<(u32, u32, u32, &[String])> = path
        .steps
        .iter()
        .flat_map(|s| &s.settings)
        .map(|s| {
            let range = s.range.unwrap();
            assert_eq!(range.start.line, range.end.line);
            (
                range.start.line,
                range.start.column,
                range.end.column,
                s.findings.as_slice(),
            )
        })
        .collect();
    assert_eq!(
        located,
        [
            (
                4,
                15,
                24,
                &["CAP-002".to_string(), "SEC-007".to_string()][..]
            ),
            (5, 20, 39, &["SEC-002".to_string()][..]),
        ]
    );
    assert_eq!(path.impacts, [shipshape::paths::Impact::HostRoot]);
}

#[test]
fn several_minimal_fixes_are_all_listed() {
    let paths = paths(&compose(
        "    cap_add: [SYS_ADMIN]\n    security_opt: [apparmor=unconfined]\n",
    ));
    let fixes = fix_titles(&paths);
    assert_eq!(
        fixes,
        [
            vec!["remove `cap_add: SYS_ADMIN`"],
            vec!["remove `apparmor=unconfined`"]
        ]
    );
    assert!(!paths.more_minimal_fixes);
}

#[test]
fn one_change_that_breaks_every_path_is_the_minimal_fix() {
    // Privileged opens seven paths; with the socket mount, two changes close them all.
    let paths = paths(&compose(
        "    privileged: true\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n",
    ));
    assert_eq!(
        ids(&paths.open),
        [
            "engine-api-socket",
            "cgroup-release-agent",
            "kernel-module",
            "open-by-handle",
            "kernel-tunables",
            "host-disk-device",
            "raw-io-ports"
        ]
    );
    assert_eq!(paths.minimal_fixes.len(), 1);
    let titles: Vec<&str> = paths.minimal_fixes[0]
        .changes
        .iter()
        .map(|c| c.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "remove `privileged: true`",
            "remove the mount of `/var/run/docker.sock`"
        ]
    );
}

#[test]
fn a_default_capability_is_closed_by_dropping_it() {
    let text = compose("    network_mode: host\n    cap_drop: [NET_ADMIN]\n");
    let paths = paths(&text);
    let fixes = fix_titles(&paths);
    assert_eq!(
        fixes,
        [
            vec!["remove `network_mode: host`"],
            vec!["drop NET_RAW (`cap_drop`)"]
        ]
    );
    let drop = &paths.minimal_fixes[1];
    assert!(drop.complete);
    assert_eq!(
        apply(&text, drop),
        compose("    network_mode: host\n    cap_drop: [NET_RAW, NET_ADMIN]\n")
    );
}

/// Applies a minimal fix's edits (non-overlapping, in text order) to `text`.
fn apply(text: &str, fix: &shipshape::paths::view::MinimalFixView) -> String {
    let mut out = text.to_string();
    for edit in fix.edits.iter().rev() {
        let [start, end] = edit.byte_range;
        out.replace_range(start as usize..end as usize, &edit.content);
    }
    out
}

#[test]
fn applying_each_minimal_fix_closes_every_path() {
    let mut inputs: Vec<String> = CASES.iter().map(|c| compose(c.compose)).collect();
    inputs.extend(
        CASES
            .iter()
            .map(|c| format!("docker run {} alpine:3.20\n", c.run)),
    );
    inputs.push(compose(
        "    privileged: true\n    pid: host\n    network_mode: host\n    cap_add: [SYS_ADMIN, SYS_PTRACE]\n    volumes:\n      - /:/host\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
    ));
    for text in &inputs {
        let paths = paths(text);
        for fix in &paths.minimal_fixes {
            assert!(fix.complete, "{text}");
            let fixed = apply(text, fix);
            let after = self::paths(&fixed);
            assert_eq!(ids(&after.open), Vec::<&str>::new(), "{text}\n→\n{fixed}");
        }
    }
}

#[test]
fn credentials_mounted_read_only_open_the_secrets_path() {
    for text in [
        compose("    volumes:\n      - /root/.ssh:/keys:ro\n"),
        "docker run -v ~/.aws:/root/.aws:ro amazon/aws-cli s3 ls\n".to_string(),
    ] {
        let view = paths(&text);
        assert_eq!(ids(&view.open), ["host-secrets-read"], "{text}");
    }
}
