//! Every real command line in `../shared/corpus/real/run/` through the run front-end:
//! each is read as commands, analysed without panic, yields its image, and uses no
//! flag the CLI does not know. The files with broken or placeholder input are listed
//! below with the exact diagnostics they must get.

use shipshape::{analyze, AnalyzeOptions, InputKind};
use std::fs;
use std::path::{Path, PathBuf};

/// An input diagnostic: code, line, UTF-16 column.
type At = (&'static str, u32, u32);

/// Files whose input is itself faulty, with the input diagnostics they get and why.
const EXPECTED_INPUT_PROBLEMS: &[(&str, &[At], &str)] = &[
    (
        "authelia__authelia__faq-hugo-shortcode.sh",
        &[("SYN-015", 1, 179)],
        "Hugo shortcodes and `<other proxy arguments>` stand where the image belongs",
    ),
    (
        "docker-library__docs__aerospike-quoted-device.sh",
        &[("SYN-015", 1, 128)],
        "the image tag is the placeholder `[version]`",
    ),
    (
        "google__cadvisor__running-perf.sh",
        &[("SYN-015", 12, 3)],
        "the image tag is the placeholder `<tag>`",
    ),
    (
        "jellyfin__jellyfin.org__docker-cli-comment-after-backslash.sh",
        &[("SYN-011", 6, 35), ("SYN-011", 7, 33)],
        "`\\ # Alternatively ...` comments cancel two line continuations",
    ),
    (
        "jellyfin__jellyfin.org__intel-group-add-comment.sh",
        &[("SYN-011", 7, 25)],
        "`\\ # Change this ...` cancels the line continuation after `--group-add`",
    ),
    (
        "netdata__netdata__rpm-parity.sh",
        &[("SYN-015", 3, 5)],
        "the image tag holds the placeholder `<distro>`",
    ),
    (
        "netdata__netdata__smartctl-placeholder.sh",
        &[("SYN-015", 1, 61)],
        "the image is `...`",
    ),
    (
        "nicolargo__glances__docker-gpus-missing-value.sh",
        &[("SYN-013", 1, 69)],
        "`--gpus --pid host`: `--gpus` has no value",
    ),
];

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real/run");
    dir.is_dir().then_some(dir)
}

fn expected_problems(file: &str) -> Vec<(String, u32, u32)> {
    EXPECTED_INPUT_PROBLEMS
        .iter()
        .find(|(name, _, _)| *name == file)
        .map(|(_, problems, _)| {
            problems
                .iter()
                .map(|&(code, line, column)| (code.to_string(), line, column))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_real_command_line() {
    let Some(dir) = corpus_dir() else {
        println!("skipped: ../shared not found");
        return;
    };
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "sh"))
        .collect();
    files.sort();
    assert!(files.len() >= 60, "the corpus holds {} files", files.len());
    for (listed, _, _) in EXPECTED_INPUT_PROBLEMS {
        assert!(dir.join(listed).is_file(), "{listed} is listed but missing");
    }

    let mut failures = Vec::new();
    for path in &files {
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let text = fs::read_to_string(path).unwrap();
        if shipshape::analyze::detect(&text) != InputKind::Run {
            failures.push(format!("{file}: not detected as commands"));
        }
        let analysis = analyze(&text, &AnalyzeOptions::default());
        let images: Vec<String> = analysis
            .containers
            .iter()
            .map(|c| c.image.as_ref().map_or("(none)".into(), |i| i.raw.clone()))
            .collect();
        let input: Vec<(String, u32, u32)> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with("SYN"))
            .map(|d| (d.code.clone(), d.range.start.line, d.range.start.column))
            .collect();
        let unknown_flags = input.iter().filter(|(code, ..)| code == "SYN-012").count();
        println!(
            "{file}: image {} unknown flags {unknown_flags}",
            images.join(", ")
        );
        if analysis.containers.len() != 1 {
            failures.push(format!("{file}: {} containers", analysis.containers.len()));
        }
        let expected = expected_problems(&file);
        if input != expected {
            failures.push(format!(
                "{file}: input diagnostics {input:?}, expected {expected:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn real_images_after_odd_shell_forms() {
    let Some(dir) = corpus_dir() else {
        println!("skipped: ../shared not found");
        return;
    };
    let cases = [
        // The container's own flags after the image are not docker's.
        (
            "prometheus__node_exporter__readme.sh",
            "quay.io/prometheus/node-exporter:latest",
        ),
        (
            "blakeblackshear__frigate__validate-config.sh",
            "ghcr.io/blakeblackshear/frigate:stable",
        ),
        // A backtick loop that prints `--device` flags.
        (
            "jellyfin__jellyfin.org__rockchip-backtick-loop.sh",
            "jellyfin/jellyfin",
        ),
        // `--gpus --pid host`: the CLI would take `host` as the image.
        (
            "nicolargo__glances__docker-gpus-missing-value.sh",
            "docker.io/nicolargo/glances:latest-full",
        ),
        // A full `user@host:path$` prompt.
        ("moby__moby__ssd-shell-prompt.sh", "sanimej/ssd"),
        // `#optional` substitutions at line ends.
        (
            "linuxserver__docker-wireguard__readme.sh",
            "lscr.io/linuxserver/wireguard:latest",
        ),
        // A pipe into `docker run -i`.
        (
            "kylemanna__docker-openvpn__restore-pipe.sh",
            "kylemanna/openvpn",
        ),
    ];
    for (file, image) in cases {
        let text = fs::read_to_string(dir.join(file)).unwrap();
        let analysis = analyze(&text, &AnalyzeOptions::default());
        let found = analysis.containers[0].image.as_ref().unwrap();
        assert_eq!(found.raw, image, "{file}");
    }
}

#[test]
fn broken_real_commands_keep_the_intended_settings() {
    let Some(dir) = corpus_dir() else {
        println!("skipped: ../shared not found");
        return;
    };
    let read = |file: &str| {
        let text = fs::read_to_string(dir.join(file)).unwrap();
        analyze(&text, &AnalyzeOptions::default())
            .containers
            .remove(0)
    };
    // The lines after the broken continuations are analysed as part of the command.
    let jellyfin = read("jellyfin__jellyfin.org__docker-cli-comment-after-backslash.sh");
    assert_eq!(jellyfin.mounts.len(), 3);
    assert!(jellyfin.restart.is_some());
    let intel = read("jellyfin__jellyfin.org__intel-group-add-comment.sh");
    assert!(intel.namespaces.network.is_some());
    assert_eq!(intel.devices.len(), 1);
    // `--pid host` after the valueless `--gpus` is applied as the author meant.
    let glances = read("nicolargo__glances__docker-gpus-missing-value.sh");
    assert!(glances
        .namespaces
        .pid
        .as_ref()
        .unwrap()
        .value
        .as_ref()
        .unwrap()
        .is_host());
    assert!(glances.namespaces.network.is_some());
}
