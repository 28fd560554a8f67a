//! A value the engine rejects is one diagnostic and nothing else: the container
//! would not be created, so no finding may assume the value took effect. And no two
//! findings on one container say opposite things.
//!
//! Checked over a generated matrix (every security option and boolean setting, in
//! spellings the engine accepts and rejects, with privileged mode on and off, in
//! both inputs) and over the real corpus in `../shared/corpus/real`, with every rule
//! enabled.

use shipshape::config::Config;
use shipshape::diagnostic::Diagnostic;
use shipshape::rules::Family;
use shipshape::{analyze, AnalyzeOptions, InputKind};
use std::path::Path;

/// Diagnostics that say the engine refuses a value: SYN-004 (invalid value) and
/// SYS-001 (a sysctl the engine rejects).
const REJECTIONS: [&str; 2] = ["SYN-004", "SYS-001"];

/// Pairs of rules that contradict each other on one container.
const OPPOSITES: [(&str, &str); 4] = [
    // no-new-privileges set to false, and not set at all.
    ("SEC-006", "SEC-009"),
    // the host's network, and the default bridge.
    ("NET-001", "NET-002"),
    // a capability the engine grants by default, and one it does not.
    ("CAP-010", "CAP-007"),
    // the host's network, and another container's.
    ("NET-001", "NS-006"),
];

fn every_rule() -> AnalyzeOptions {
    AnalyzeOptions {
        config: Config {
            select: Family::ALL
                .iter()
                .map(|family| family.prefix().to_string())
                .collect(),
            ..Config::default()
        },
        ..AnalyzeOptions::default()
    }
}

fn overlaps(a: [u32; 2], b: [u32; 2]) -> bool {
    a[0] < b[1] && b[0] < a[1] || a == b
}

/// Every way `diagnostics` of one input contradict themselves, described.
fn contradictions(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut found = Vec::new();
    for rejected in diagnostics
        .iter()
        .filter(|d| REJECTIONS.contains(&d.code.as_str()))
    {
        let derived = diagnostics.iter().filter(|d| {
            !std::ptr::eq(*d, rejected)
                && !d.code.starts_with("SYN-")
                && d.container == rejected.container
                && (overlaps(d.byte_range, rejected.byte_range)
                    || d.related
                        .iter()
                        .any(|r| overlaps(r.byte_range, rejected.byte_range)))
        });
        for finding in derived {
            found.push(format!(
                "{} ({}) and {} ({}) on the same setting",
                rejected.code, rejected.message, finding.code, finding.message
            ));
        }
    }
    for (one, other) in OPPOSITES {
        for a in diagnostics.iter().filter(|d| d.code == one) {
            let clash = diagnostics
                .iter()
                .find(|b| b.code == other && b.container == a.container);
            if let Some(b) = clash {
                found.push(format!(
                    "{} ({}) and {} ({}) on `{}`",
                    a.code,
                    a.message,
                    b.code,
                    b.message,
                    a.container.as_deref().unwrap_or("")
                ));
            }
        }
    }
    found
}

/// The security options, each in spellings the engines accept and reject (docker's,
/// podman's own keys, and nerdctl's, which splits on `=` only and ignores keys it
/// does not know).
const SECURITY_OPTIONS: [&str; 34] = [
    "no-new-privileges",
    "no-new-privileges=true",
    "no-new-privileges:true",
    "no-new-privileges=false",
    "no-new-privileges=1",
    "no-new-privileges=F",
    "no-new-privileges=yes",
    "no-new-privileges=maybe",
    "seccomp=unconfined",
    "seccomp:unconfined",
    "seccomp=",
    "apparmor=unconfined",
    "apparmor",
    "label=disable",
    "label:disable",
    "label=type:spc_t",
    "label=bogus",
    "systempaths=unconfined",
    "systempaths=maybe",
    "writable-cgroups=true",
    "writable-cgroups=yes",
    "writable-cgroups",
    "unknown=value",
    "Seccomp=unconfined",
    "mask=/proc/kcore",
    "unmask=ALL",
    "unmask=/proc/*",
    "unmask=",
    "proc-opts=hidepid=2",
    "label=nested",
    "label=filetype:container_file_t",
    "privileged-without-host-devices",
    "privileged-without-host-devices=maybe",
    "credentialspec=file://spec.json",
];

/// The engines whose commands the matrix writes.
const TOOLS: [&str; 3] = ["docker", "podman", "nerdctl"];

/// Boolean settings in Compose and as run flags, with accepted and rejected values.
const BOOLEANS: [(&str, &str); 7] = [
    ("privileged", "privileged"),
    ("read_only", "read-only"),
    ("oom_kill_disable", "oom-kill-disable"),
    ("use_api_socket", "use-api-socket"),
    ("init", "init"),
    ("tty", "tty"),
    ("stdin_open", "interactive"),
];

/// Boolean flags only some engines have (`--env-host`, `--rootfs`: podman; `--rootfs`:
/// nerdctl too), with the engines that read them.
const ENGINE_BOOLEANS: [(&str, &[&str]); 3] = [
    ("env-host", &["podman"]),
    ("rootfs", &["podman", "nerdctl"]),
    ("read-only-tmpfs", &["podman"]),
];

/// `--systemd` values podman and nerdctl take or refuse, with an init as the
/// entrypoint so that `true` turns systemd mode on.
const SYSTEMD: [&str; 5] = ["true", "false", "always", "yes", "Always"];

/// Mounts whose relabelling or subpath the engine takes or refuses.
const MOUNTS: [&str; 6] = [
    "-v /etc/ssl:/c:z",
    "-v /etc/ssl:/c:z,Z",
    "--mount type=bind,src=/etc,dst=/h,relabel=shared",
    "--mount type=bind,src=/etc,dst=/h,relabel=yes",
    "--mount type=volume,src=v,dst=/h,volume-subpath=etc,volume-opt=o=bind,volume-opt=device=/",
    "--mount type=volume,src=v,dst=/h,volume-subpath=../etc,volume-opt=o=bind,volume-opt=device=/",
];
const SPELLINGS: [&str; 8] = ["true", "false", "True", "0", "yes", "maybe", "2", "\"\""];

/// Namespace modes, as Compose keys and run flags, that the engines accept or refuse
/// (`hots`; docker has no private UTS namespace nor keep-id; nerdctl's `--userns`
/// takes `host` alone).
const NAMESPACE_MODES: [(&str, &str, &str); 20] = [
    ("pid", "pid", "host"),
    ("pid", "pid", "hots"),
    ("pid", "pid", "container:db"),
    ("uts", "uts", "private"),
    ("uts", "uts", "host"),
    ("ipc", "ipc", "host"),
    ("ipc", "ipc", "shareable"),
    ("ipc", "ipc", "none"),
    ("ipc", "ipc", "private"),
    ("userns_mode", "userns", "keep-id"),
    ("userns_mode", "userns", "auto"),
    ("userns_mode", "userns", "nomap"),
    ("userns_mode", "userns", "host"),
    ("cgroup", "cgroupns", "container:db"),
    ("cgroup", "cgroupns", "private"),
    ("cgroup", "cgroupns", "host"),
    ("network_mode", "network", "host"),
    ("network_mode", "network", "none"),
    ("network_mode", "network", "container:db"),
    ("network_mode", "network", "pasta"),
];

/// Sysctls the engine applies, and ones it refuses (SYS-001), with the host's
/// network namespace or not.
const SYSCTLS: [&str; 4] = [
    "net.ipv4.ip_forward=1",
    "net.ipv4.conf.all.accept_redirects=1",
    "kernel.hostname=box",
    "kernel.msgmax=65536",
];

/// Every input of the matrix, Compose and run, with privileged mode on and off.
fn matrix() -> Vec<(InputKind, String)> {
    let mut inputs = Vec::new();
    for privileged in [false, true] {
        let compose_privileged = if privileged {
            "    privileged: true\n"
        } else {
            ""
        };
        let run_privileged = if privileged { " --privileged" } else { "" };
        for option in SECURITY_OPTIONS {
            inputs.push((
                InputKind::Compose,
                format!(
                    "services:\n  app:\n    image: nginx:1.27\n{compose_privileged}    security_opt:\n      - \"{option}\"\n    network_mode: bridge\n    cap_add: [NET_RAW]\n"
                ),
            ));
            for tool in TOOLS {
                inputs.push((
                    InputKind::Run,
                    format!("{tool} run{run_privileged} --security-opt '{option}' --cap-add NET_RAW nginx:1.27"),
                ));
            }
        }
        for tool in ["podman", "nerdctl"] {
            for mode in SYSTEMD {
                inputs.push((
                    InputKind::Run,
                    format!("{tool} run{run_privileged} --systemd={mode} --entrypoint /sbin/init nginx:1.27"),
                ));
            }
            for (flag, tools) in ENGINE_BOOLEANS {
                for spelling in SPELLINGS {
                    let value = spelling.trim_matches('"');
                    let tool = if tools.contains(&tool) {
                        tool
                    } else {
                        tools[0]
                    };
                    inputs.push((
                        InputKind::Run,
                        format!("{tool} run{run_privileged} --{flag}={value} /srv/root sh"),
                    ));
                }
            }
        }
        for mount in MOUNTS {
            for tool in TOOLS {
                inputs.push((
                    InputKind::Run,
                    format!("{tool} run{run_privileged} {mount} nginx:1.27"),
                ));
            }
        }
        for (key, flag, mode) in NAMESPACE_MODES {
            inputs.push((
                InputKind::Compose,
                format!(
                    "services:\n  app:\n    image: nginx:1.27\n{compose_privileged}    {key}: {mode}\n"
                ),
            ));
            for tool in TOOLS {
                inputs.push((
                    InputKind::Run,
                    format!("{tool} run{run_privileged} --{flag}={mode} nginx:1.27"),
                ));
            }
        }
        for sysctl in SYSCTLS {
            for network in ["bridge", "host"] {
                inputs.push((
                    InputKind::Compose,
                    format!(
                        "services:\n  app:\n    image: nginx:1.27\n{compose_privileged}    network_mode: {network}\n    sysctls:\n      - {sysctl}\n"
                    ),
                ));
                inputs.push((
                    InputKind::Run,
                    format!("docker run{run_privileged} --network {network} --sysctl {sysctl} nginx:1.27"),
                ));
            }
        }
        for (key, flag) in BOOLEANS {
            for spelling in SPELLINGS {
                if privileged && key == "privileged" {
                    continue;
                }
                inputs.push((
                    InputKind::Compose,
                    format!(
                        "services:\n  app:\n    image: nginx:1.27\n{compose_privileged}    {key}: {spelling}\n"
                    ),
                ));
                let value = spelling.trim_matches('"');
                for tool in TOOLS {
                    inputs.push((
                        InputKind::Run,
                        format!("{tool} run{run_privileged} --{flag}={value} nginx:1.27"),
                    ));
                }
            }
        }
    }
    inputs
}

#[test]
fn the_matrix_never_contradicts_itself() {
    let inputs = matrix();
    let mut rejected = 0;
    let mut problems = Vec::new();
    for (input, text) in &inputs {
        let options = AnalyzeOptions {
            input: *input,
            ..every_rule()
        };
        let diagnostics = analyze(text, &options).diagnostics;
        if std::env::var_os("SHOW_MATRIX").is_some() {
            let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
            println!("{text:?}: {codes:?}");
        }
        rejected += diagnostics
            .iter()
            .filter(|d| REJECTIONS.contains(&d.code.as_str()))
            .count();
        problems.extend(
            contradictions(&diagnostics)
                .into_iter()
                .map(|problem| format!("{text}\n  → {problem}")),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The matrix does reach the engine's refusals (a matrix of accepted values alone
    // could not fail).
    assert!(rejected >= 400, "{rejected} rejections");
    println!(
        "no contradiction in {} generated inputs ({rejected} rejected values)",
        inputs.len()
    );
}

#[test]
fn the_checks_catch_a_contradiction() {
    let analysis = analyze(
        "services:\n  app:\n    image: nginx:1.27\n    network_mode: host\n    security_opt: [no-new-privileges=false]\n",
        &every_rule(),
    );
    let mut diagnostics = analysis.diagnostics;
    let mut opposite = diagnostics
        .iter()
        .find(|d| d.code == "SEC-006")
        .unwrap()
        .clone();
    opposite.code = "SEC-009".to_string();
    diagnostics.push(opposite);
    let mut rejected = diagnostics
        .iter()
        .find(|d| d.code == "NET-001")
        .unwrap()
        .clone();
    rejected.code = "SYN-004".to_string();
    diagnostics.push(rejected);
    let found = contradictions(&diagnostics);
    assert_eq!(found.len(), 2, "{found:?}");
    // Every rule runs: the restricted-only and cis-only ones too.
    let codes: Vec<String> = analyze("docker run nginx", &every_rule())
        .diagnostics
        .into_iter()
        .map(|d| d.code)
        .collect();
    assert!(
        codes.iter().any(|c| c == "MNT-008") && codes.iter().any(|c| c == "NET-002"),
        "{codes:?}"
    );
}

#[test]
fn the_corpus_never_contradicts_itself() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    if !dir.is_dir() {
        println!("skipped: ../shared not found, the corpus is not checked for contradictions");
        return;
    }
    let mut files = 0;
    let mut problems = Vec::new();
    for (folder, input) in [("compose", InputKind::Compose), ("run", InputKind::Run)] {
        let mut paths: Vec<_> = std::fs::read_dir(dir.join(folder))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            let options = AnalyzeOptions {
                input,
                ..every_rule()
            };
            let diagnostics = analyze(&text, &options).diagnostics;
            files += 1;
            problems.extend(
                contradictions(&diagnostics)
                    .into_iter()
                    .map(|problem| format!("{}: {problem}", path.display())),
            );
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    println!("no contradiction in {files} corpus files");
}
