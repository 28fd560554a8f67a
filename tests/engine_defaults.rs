//! Each engine's own defaults, through a plain command: the effective capability set
//! of `docker run`, `podman run` and `nerdctl run` is the table read from that
//! engine's source (`knowledge::engines`), the capabilities view names the engine,
//! and a capability podman holds back is reported as an addition there.

use shipshape::knowledge::engines::Engine;
use shipshape::report::Report;
use shipshape::{analyze, AnalyzeOptions};

fn report(text: &str) -> Report {
    Report::new(text, analyze(text, &AnalyzeOptions::default()), None)
}

#[test]
fn a_plain_run_gets_its_engines_default_capabilities() {
    for engine in Engine::ALL {
        let text = format!("{} run img", engine.name());
        let report = report(&text);
        let view = &report.containers[0].capabilities;
        let mut effective: Vec<&str> = view.effective.iter().map(|cap| cap.name).collect();
        let mut table = engine.default_capabilities().to_vec();
        effective.sort_unstable();
        table.sort_unstable();
        assert_eq!(effective, table, "{text}");
        assert_eq!(view.default, engine.default_capabilities(), "{text}");
        assert_eq!(view.engine, engine.display_name(), "{text}");
        println!(
            "{}: {} default capabilities",
            engine.name(),
            engine.default_capabilities().len()
        );
    }
    assert_eq!(Engine::Podman.default_capabilities().len(), 11);
    assert_eq!(Engine::Docker.default_capabilities().len(), 14);
    assert_eq!(
        Engine::Nerdctl.default_capabilities(),
        Engine::Docker.default_capabilities()
    );
    // A Compose file is docker's.
    let compose = report("services:\n  app:\n    image: img\n");
    assert_eq!(compose.containers[0].capabilities.engine, "Docker");
    assert_eq!(compose.containers[0].capabilities.effective.len(), 14);
}

#[test]
fn podman_adding_net_raw_adds_what_podman_does_not_grant() {
    let analysis = analyze(
        "podman run --cap-add NET_RAW img",
        &AnalyzeOptions::default(),
    );
    let messages: Vec<(&str, &str)> = analysis
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        messages,
        [(
            "CAP-007",
            "adds NET_RAW, which Podman does not grant by default (Docker does), and which opens raw and packet sockets, for spoofing and sniffing"
        )]
    );
    let report = report("podman run --cap-add NET_RAW img");
    let view = &report.containers[0].capabilities;
    assert_eq!(view.effective.len(), 12);
    let net_raw = view
        .effective
        .iter()
        .find(|cap| cap.name == "NET_RAW")
        .unwrap();
    assert_eq!(
        serde_json::to_value(net_raw.grant).unwrap(),
        serde_json::json!("added")
    );
    // The same flag on docker changes nothing, and says so.
    let docker = analyze(
        "docker run --cap-add NET_RAW img",
        &AnalyzeOptions::default(),
    );
    assert_eq!(docker.diagnostics[0].code, "CAP-010");
    assert!(docker.diagnostics[0]
        .message
        .contains("which Docker grants by default"));
}
