//! Profiles build on each other: baseline is default plus the Pod
//! Security baseline extras, restricted is baseline plus the hardening
//! expectations, cis is every rule with a CIS Docker Benchmark anchor.

use shipshape::config::{Config, Profile};
use shipshape::rules::registry;
use shipshape::{analyze, AnalyzeOptions};

/// Two services with something for every profile: a host PID namespace (all but
/// none), a custom DNS server (default and up, no CIS anchor), the default bridge
/// (cis only), an untagged image (cis only), an absolute bind (restricted only), and
/// nothing set for capabilities, limits, user, read-only or health checks.
const COMPOSE: &str = "\
services:
  web:
    image: nginx:1.27
    network_mode: bridge
    dns: [192.0.2.53]
  agent:
    image: monitoring/agent
    pid: host
    volumes:
      - /opt/agent:/data:ro
";

/// The codes raised per service under `profile`, each list sorted.
fn findings(profile: Profile) -> [(String, Vec<String>); 2] {
    let options = AnalyzeOptions {
        config: Config {
            profile,
            ..Config::default()
        },
        ..AnalyzeOptions::default()
    };
    let diagnostics = analyze(COMPOSE, &options).diagnostics;
    ["web", "agent"].map(|service| {
        let mut codes: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.container.as_deref() == Some(service))
            .map(|d| d.code.clone())
            .collect();
        codes.sort();
        (service.to_string(), codes)
    })
}

fn expected(web: &[&str], agent: &[&str]) -> [(String, Vec<String>); 2] {
    let owned = |codes: &[&str]| codes.iter().map(|c| c.to_string()).collect();
    [
        ("web".to_string(), owned(web)),
        ("agent".to_string(), owned(agent)),
    ]
}

#[test]
fn default_reports_the_escape_and_exposure_paths() {
    assert_eq!(
        findings(Profile::Default),
        expected(&["NET-005"], &["NS-001"])
    );
}

#[test]
fn baseline_adds_net_raw() {
    assert_eq!(
        findings(Profile::Baseline),
        expected(&["CAP-009", "NET-005"], &["CAP-009", "NS-001"])
    );
}

#[test]
fn restricted_adds_the_hardening_expectations() {
    let hardening = [
        "CAP-008", "CAP-009", "MNT-008", "RES-001", "RES-002", "RES-003", "SEC-009", "USR-001",
    ];
    let mut web = hardening.to_vec();
    web.push("NET-005");
    web.sort();
    let mut agent = hardening.to_vec();
    agent.extend(["MNT-005", "NS-001"]);
    agent.sort();
    assert_eq!(findings(Profile::Restricted), expected(&web, &agent));
}

#[test]
fn cis_reports_every_rule_with_a_cis_anchor() {
    let anchored = [
        "CAP-008", "MNT-008", "OPS-001", "OPS-002", "RES-001", "RES-002", "RES-003", "SEC-009",
        "USR-001",
    ];
    let mut web = anchored.to_vec();
    web.push("NET-002");
    web.sort();
    let mut agent = anchored.to_vec();
    agent.push("NS-001");
    agent.sort();
    assert_eq!(findings(Profile::Cis), expected(&web, &agent));
}

#[test]
fn each_profile_builds_on_the_one_below() {
    for rule in registry::all() {
        for (lower, higher) in [
            (Profile::Default, Profile::Baseline),
            (Profile::Baseline, Profile::Restricted),
        ] {
            assert!(
                !registry::in_profile(rule, lower) || registry::in_profile(rule, higher),
                "{} runs in {lower:?} but not in {higher:?}",
                rule.code
            );
        }
    }
}

#[test]
fn markings_of_the_profile_specific_rules() {
    let names = |code: &str| -> Vec<&str> {
        let rule = registry::find(code).unwrap_or_else(|| panic!("{code} exists"));
        registry::profiles(rule)
            .into_iter()
            .map(Profile::as_str)
            .collect()
    };
    for code in ["CAP-009", "SEC-004", "SYS-003"] {
        assert_eq!(names(code), ["baseline", "restricted"], "{code}");
    }
    for code in [
        "CAP-008", "SEC-009", "USR-001", "MNT-006", "MNT-008", "RES-001", "RES-002", "RES-003",
    ] {
        assert_eq!(names(code), ["restricted", "cis"], "{code}");
    }
    assert_eq!(names("MNT-005"), ["restricted"]);
    for code in [
        "NET-002", "NET-004", "RES-005", "RES-006", "RES-007", "OPS-001", "OPS-002",
    ] {
        assert_eq!(names(code), ["cis"], "{code}");
    }
    assert_eq!(
        names("PRIV-001"),
        ["default", "baseline", "restricted", "cis"]
    );
}

#[test]
fn profiles_are_selected_by_name() {
    for profile in Profile::ALL {
        assert_eq!(profile.as_str().parse::<Profile>(), Ok(profile));
        let json = format!(r#"{{"profile": "{}"}}"#, profile.as_str());
        assert_eq!(registry::config_from_json(&json).unwrap().profile, profile);
    }
    assert_eq!(
        "Restricted".parse::<Profile>().unwrap_err().to_string(),
        "unknown profile `Restricted`; expected one of default, baseline, restricted, cis; \
         did you mean `restricted`?"
    );
}
