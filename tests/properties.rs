//! Property tests: generated Compose documents and run commands (valid ones, built
//! from the settings the rules look at, not random bytes) keep the invariants of
//! `tests/invariants`, and the analysis behaves like a function of the text:
//! deterministic, indifferent to line endings and a final newline except for
//! positions, and never letting a suppression of one rule change another's findings.
#![cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]

mod invariants;

use proptest::prelude::*;
use shipshape::config::{Config, Profile};
use shipshape::diagnostic::Diagnostic;
use shipshape::{analyze, AnalyzeOptions, InputKind};

/// Plain and non-ASCII values, so UTF-16 columns differ from byte offsets.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9-]{0,8}",
        Just("café".to_string()),
        Just("😀x".to_string()),
        Just("漢字".to_string()),
    ]
}

fn capability() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "SYS_ADMIN",
        "NET_ADMIN",
        "NET_RAW",
        "CHOWN",
        "ALL",
        "cap_sys_ptrace",
        "SYS_MODULE",
        "DAC_READ_SEARCH",
        "BOGUS_CAP",
    ])
    .prop_map(str::to_string)
}

fn host_path() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "/var/run/docker.sock",
            "/",
            "/proc",
            "/sys",
            "/dev",
            "/etc",
            "/sys/fs/cgroup",
            "./data",
            "~/.ssh",
            "${DATA_DIR}",
        ])
        .prop_map(str::to_string),
        1 => word().prop_map(|w| format!("/srv/{w}")),
    ]
}

/// How a YAML list is written: block (`- a`) or flow (`[a, b]`), quoted or not.
fn yaml_list(items: Vec<String>, flow: bool, quoted: bool, indent: usize) -> String {
    // `{` opens a mapping inside a flow sequence, so `${VAR}` needs quotes there.
    let show = |item: &String| {
        if quoted || (flow && item.contains('{')) {
            format!("\"{item}\"")
        } else {
            item.clone()
        }
    };
    if flow {
        let joined: Vec<String> = items.iter().map(show).collect();
        format!(" [{}]\n", joined.join(", "))
    } else {
        let pad = " ".repeat(indent);
        items.iter().fold(String::from("\n"), |out, item| {
            out + &format!("{pad}- {}\n", show(item))
        })
    }
}

/// One service key with a value in one of its written forms.
fn service_key(indent: usize) -> impl Strategy<Value = String> {
    let list = |items: BoxedStrategy<Vec<String>>| {
        (items, any::<bool>(), any::<bool>())
            .prop_map(move |(items, flow, quoted)| yaml_list(items, flow, quoted, indent + 2))
    };
    let caps = prop::collection::vec(capability(), 1..4).boxed();
    let binds = prop::collection::vec(
        (host_path(), word(), any::<bool>()).prop_map(|(host, target, ro)| {
            format!("{host}:/{target}{}", if ro { ":ro" } else { "" })
        }),
        1..3,
    )
    .boxed();
    let ports = prop::collection::vec(
        (1u16..65535, prop::option::of(Just("127.0.0.1:")))
            .prop_map(|(port, ip)| format!("{}{port}:{port}", ip.unwrap_or_default())),
        1..3,
    )
    .boxed();
    let security_opts = prop::collection::vec(
        prop::sample::select(vec![
            "no-new-privileges:true",
            "no-new-privileges=false",
            "seccomp=unconfined",
            "apparmor:unconfined",
            "label=disable",
            "systempaths=unconfined",
        ])
        .prop_map(str::to_string),
        1..3,
    )
    .boxed();
    prop_oneof![
        word().prop_map(|image| format!("image: {image}:1.0\n")),
        any::<bool>().prop_map(|b| format!("privileged: {b}\n")),
        any::<bool>().prop_map(|b| format!("read_only: {b}\n")),
        list(caps.clone()).prop_map(|v| format!("cap_add:{v}")),
        list(caps).prop_map(|v| format!("cap_drop:{v}")),
        list(binds).prop_map(|v| format!("volumes:{v}")),
        list(ports).prop_map(|v| format!("ports:{v}")),
        list(security_opts).prop_map(|v| format!("security_opt:{v}")),
        prop::sample::select(vec!["host", "none", "bridge", "service:db"])
            .prop_map(|mode| format!("network_mode: {mode}\n")),
        prop::sample::select(vec!["pid", "ipc", "uts", "userns_mode", "cgroup"])
            .prop_map(|key| format!("{key}: host\n")),
        prop::sample::select(vec!["root", "0", "1000:1000", "\"${UID}\""])
            .prop_map(|user| format!("user: {user}\n")),
        Just("devices:\n".to_string() + &" ".repeat(indent + 2) + "- /dev/sda:/dev/sda\n"),
        Just("sysctls:\n".to_string() + &" ".repeat(indent + 2) + "net.ipv4.ip_forward: 1\n"),
        Just("mem_limit: 512m\n".to_string()),
        word().prop_map(|w| format!("# {w}\n")),
    ]
}

/// A Compose document: 1–3 services of 1–6 keys, at 1, 2 or 4 spaces of indentation.
fn compose_document() -> impl Strategy<Value = String> {
    prop::sample::select(vec![1usize, 2, 4]).prop_flat_map(|unit| {
        let service = (word(), prop::collection::vec(service_key(unit * 2), 1..6));
        prop::collection::vec(service, 1..4).prop_map(move |services| {
            let mut text = String::from("services:\n");
            for (index, (name, keys)) in services.iter().enumerate() {
                text += &format!("{}{name}{index}:\n", " ".repeat(unit));
                // A key written twice is a YAML error that hides the whole file.
                let mut written = std::collections::HashSet::new();
                for key in keys {
                    let name = key.split(':').next().unwrap_or_default();
                    if !name.starts_with('#') && !written.insert(name.to_string()) {
                        continue;
                    }
                    text += &" ".repeat(unit * 2);
                    text += key;
                }
            }
            text
        })
    })
}

/// One flag of a run command, as `--flag value` or `--flag=value`.
fn run_flag() -> impl Strategy<Value = String> {
    let valued = prop_oneof![
        capability().prop_map(|c| ("--cap-add", c)),
        capability().prop_map(|c| ("--cap-drop", c)),
        (host_path(), word()).prop_map(|(h, t)| ("-v", format!("{h}:/{t}"))),
        (1u16..65535).prop_map(|p| ("-p", format!("{p}:{p}"))),
        prop::sample::select(vec!["host", "none", "bridge"]).prop_map(|m| ("--network", m.into())),
        Just(("--pid", "host".to_string())),
        Just(("--security-opt", "seccomp=unconfined".to_string())),
        Just(("--security-opt", "\"no-new-privileges=true\"".to_string())),
        Just(("--device", "/dev/mem".to_string())),
        Just(("--user", "0".to_string())),
        word().prop_map(|w| ("-e", format!("'NAME={w} x'"))),
    ];
    prop_oneof![
        (valued, any::<bool>()).prop_map(|((flag, value), equals)| {
            if equals && flag.starts_with("--") {
                format!("{flag}={value}")
            } else {
                format!("{flag} {value}")
            }
        }),
        prop::sample::select(vec!["--privileged", "--read-only", "-d", "--rm", "-it"])
            .prop_map(str::to_string),
    ]
}

/// One to three run commands, with `sudo`, a prompt and `\` continuations at times.
fn run_commands() -> impl Strategy<Value = String> {
    let command = (
        prop::sample::select(vec![
            "docker run",
            "sudo docker run",
            "$ podman run",
            "nerdctl create",
        ]),
        prop::collection::vec((run_flag(), any::<bool>()), 0..6),
        word(),
    )
        .prop_map(|(head, flags, image)| {
            let mut text = head.to_string();
            for (flag, continued) in flags {
                text += if continued { " \\\n  " } else { " " };
                text += &flag;
            }
            text + &format!(" {image}:2 sh -c 'echo hi'\n")
        });
    prop::collection::vec(command, 1..4).prop_map(|commands| commands.concat())
}

fn options(input: InputKind, profile: Profile) -> AnalyzeOptions {
    AnalyzeOptions {
        input,
        config: Config {
            profile,
            ..Config::default()
        },
        ..AnalyzeOptions::default()
    }
}

fn profile() -> impl Strategy<Value = Profile> {
    prop::sample::select(Profile::ALL.to_vec())
}

/// What a diagnostic says, without where its bytes are (line endings move them).
fn meaning(d: &Diagnostic) -> (String, String, Option<String>, u32, u32) {
    (
        d.code.clone(),
        d.message.clone(),
        d.container.clone(),
        d.range.start.line,
        d.range.start.column,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn compose_documents_keep_the_invariants(text in compose_document(), profile in profile()) {
        let result = invariants::check_with_fixes(&text, &options(InputKind::Compose, profile));
        prop_assert!(result.is_ok(), "{}\n--- input ---\n{text}", result.unwrap_err());
    }

    #[test]
    fn run_commands_keep_the_invariants(text in run_commands(), profile in profile()) {
        let result = invariants::check_with_fixes(&text, &options(InputKind::Run, profile));
        prop_assert!(result.is_ok(), "{}\n--- input ---\n{text}", result.unwrap_err());
    }

    #[test]
    fn analysis_is_deterministic(text in prop_oneof![compose_document(), run_commands()]) {
        let options = options(InputKind::Auto, Profile::Restricted);
        prop_assert_eq!(analyze(&text, &options).diagnostics, analyze(&text, &options).diagnostics);
    }

    #[test]
    fn line_endings_and_final_newline_change_only_positions(
        text in prop_oneof![compose_document(), run_commands()],
    ) {
        let options = options(InputKind::Auto, Profile::Default);
        let said = |text: &str| -> Vec<_> {
            analyze(text, &options).diagnostics.iter().map(meaning).collect()
        };
        let lf = said(&text);
        prop_assert_eq!(&lf, &said(&text.replace('\n', "\r\n")), "CRLF:\n{}", text);
        let without_final_newline = text.strip_suffix('\n').unwrap_or(&text);
        prop_assert_eq!(&lf, &said(without_final_newline), "no final newline:\n{}", text);
    }

    #[test]
    fn suppressing_one_rule_leaves_the_others_alone(text in compose_document(), pick in any::<prop::sample::Index>()) {
        let options = options(InputKind::Compose, Profile::Restricted);
        let before = analyze(&text, &options).diagnostics;
        let codes: Vec<&str> = before.iter().map(|d| d.code.as_str()).filter(|c| !c.starts_with("SYN")).collect();
        prop_assume!(!codes.is_empty());
        let code = codes[pick.index(codes.len())].to_string();
        let suppressed = format!("# shipshape: ignore-file[{code}] generated\n{text}");
        let after = analyze(&suppressed, &options).diagnostics;
        // The comment adds one line above everything: compare the rest line for line.
        let others = |diagnostics: &[Diagnostic], shift: u32| -> Vec<_> {
            diagnostics
                .iter()
                .filter(|d| d.code != code)
                .map(|d| (d.code.clone(), d.message.clone(), d.range.start.line - shift, d.suppressed.is_some()))
                .collect()
        };
        prop_assert_eq!(others(&before, 0), others(&after, 1), "suppressing {}:\n{}", code, text);
        prop_assert!(after.iter().filter(|d| d.code == code).all(|d| d.suppressed.is_some()));
    }
}

/// The properties above only mean something if the generated inputs reach the rules:
/// a sample of each generator must produce the main findings, and fixes to check.
#[test]
fn generated_inputs_reach_the_rules() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut codes = std::collections::BTreeSet::new();
    let mut fixes = 0;
    for _ in 0..200 {
        let compose = compose_document().new_tree(&mut runner).unwrap().current();
        let run = run_commands().new_tree(&mut runner).unwrap().current();
        for (text, input) in [(compose, InputKind::Compose), (run, InputKind::Run)] {
            for d in analyze(&text, &options(input, Profile::Restricted)).diagnostics {
                fixes += usize::from(d.fix.is_some());
                codes.insert(format!("{input:?} {}", d.code));
            }
        }
    }
    for expected in [
        "Compose PRIV-001",
        "Compose CAP-002",
        "Compose MNT-001",
        "Compose NS-001",
        "Compose NET-003",
        "Compose SEC-001",
        "Run PRIV-001",
        "Run CAP-002",
        "Run MNT-001",
        "Run NET-001",
        "Run DEV-001",
    ] {
        assert!(codes.contains(expected), "no {expected} in {codes:?}");
    }
    assert!(
        codes.iter().all(|c| !c.ends_with("SYN-001")),
        "generated YAML is invalid: {codes:?}"
    );
    assert!(fixes > 100, "only {fixes} fixes generated");
}
