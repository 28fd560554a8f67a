//! Every input limit is configurable and, when reached, reported as SYN-005 where it
//! was reached, while what comes before it is still analysed.

use shipshape::config::Config;
use shipshape::model::Limits;
use shipshape::{analyze, AnalyzeOptions, InputKind};

/// `(code, line, column)` of every diagnostic of `text` analysed with `limits`.
fn found(text: &str, input: InputKind, limits: Limits) -> Vec<(String, u32, u32)> {
    let options = AnalyzeOptions {
        input,
        config: Config {
            limits,
            ..Config::default()
        },
        ..AnalyzeOptions::default()
    };
    analyze(text, &options)
        .diagnostics
        .iter()
        .map(|d| (d.code.clone(), d.range.start.line, d.range.start.column))
        .collect()
}

fn at(code: &str, line: u32, column: u32) -> (String, u32, u32) {
    (code.to_string(), line, column)
}

fn limits(change: impl FnOnce(&mut Limits)) -> Limits {
    let mut limits = Limits::default();
    change(&mut limits);
    limits
}

const PRIVILEGED: &str = "services:\n  a:\n    image: x\n    privileged: true\n";

#[test]
fn input_size() {
    let small = limits(|l| l.input_bytes = 40);
    assert_eq!(
        found(PRIVILEGED, InputKind::Auto, small),
        [at("SYN-005", 1, 1)]
    );
    let fits = limits(|l| l.input_bytes = PRIVILEGED.len());
    assert_eq!(
        found(PRIVILEGED, InputKind::Auto, fits),
        [at("PRIV-001", 4, 17)]
    );
}

#[test]
fn line_length() {
    let text = format!("{PRIVILEGED}    command: {}\n", "x".repeat(100));
    let short = limits(|l| l.line_bytes = 64);
    assert_eq!(found(&text, InputKind::Auto, short), [at("SYN-005", 5, 1)]);
}

#[test]
fn nesting_depth() {
    let text = format!("{PRIVILEGED}    labels: {{a: {{b: {{c: d}}}}}}\n");
    let shallow = limits(|l| l.depth = 5);
    assert_eq!(
        found(&text, InputKind::Compose, shallow),
        [at("PRIV-001", 4, 17), at("SYN-005", 5, 21)]
    );
}

#[test]
fn alias_expansion() {
    let text = "x-base: &base\n  image: x\n  privileged: true\nservices:\n  a: *base\n  b: *base\n";
    let few = limits(|l| l.alias_nodes = 6);
    assert_eq!(
        found(text, InputKind::Compose, few),
        // `b` is left without settings, which is said too.
        [
            at("PRIV-001", 3, 15),
            at("SYN-004", 6, 3),
            at("SYN-005", 6, 6)
        ]
    );
}

#[test]
fn inherited_bytes() {
    let text = "services:\n  base:\n    image: nginx\n    privileged: true\n  \
                one:\n    extends: base\n  two:\n    extends: base\n";
    let little = limits(|l| l.inherited_bytes = 60);
    let codes = found(text, InputKind::Compose, little);
    assert!(codes.contains(&at("SYN-005", 8, 14)), "{codes:?}");
    // The base and the first service that inherits it are still reported.
    assert_eq!(
        codes.iter().filter(|(code, ..)| code == "PRIV-001").count(),
        2,
        "{codes:?}"
    );
}

#[test]
fn services() {
    let text = format!("{PRIVILEGED}  b:\n    image: y\n    privileged: true\n");
    let one = limits(|l| l.services = 1);
    assert_eq!(
        found(&text, InputKind::Compose, one),
        [at("PRIV-001", 4, 17), at("SYN-005", 5, 3)]
    );
}

#[test]
fn commands() {
    let text = "docker run --privileged a\ndocker run --privileged b\n";
    let one = limits(|l| l.commands = 1);
    assert_eq!(
        found(text, InputKind::Run, one),
        [at("PRIV-001", 1, 12), at("SYN-005", 2, 1)]
    );
}

#[test]
fn words_per_command() {
    let text = "docker run --privileged a\ndocker run -e A=1 -e B=2 --privileged b\n";
    let few = limits(|l| l.words_per_command = 5);
    assert_eq!(
        found(text, InputKind::Run, few),
        [at("PRIV-001", 1, 12), at("SYN-005", 2, 1)]
    );
}

#[test]
fn sizes_are_shown_exactly() {
    let text = "#".repeat((1 << 20) + 1);
    let analysis = analyze(&text, &AnalyzeOptions::default());
    assert_eq!(
        analysis.diagnostics[0].message,
        "the input is 1048577 bytes; only inputs up to 1 MiB are analysed"
    );
}
