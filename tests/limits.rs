//! Every input limit is configurable and, when reached, reported as SYN-005 where it
//! was reached, while what comes before it is still analysed.

use shipshape::config::Config;
use shipshape::model::Limits;
use shipshape::project::{analyze_project, Project, ProjectFile};
use shipshape::report::Report;
use shipshape::{analyze, refuse_too_large, AnalyzeOptions, InputKind, DETECT_OVERSIZED_BYTES};

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
fn alias_bytes() {
    let text = "x-a: &a [abcdefghij]\nservices:\n  a:\n    image: x\n    privileged: true\n    \
                labels: [*a, *a, *a]\n";
    let little = limits(|l| l.alias_bytes = 25);
    assert_eq!(
        found(text, InputKind::Compose, little),
        [at("PRIV-001", 5, 17), at("SYN-005", 6, 22)]
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
fn files_of_a_project() {
    let project = Project {
        files: vec![
            ProjectFile::new("compose.yaml", PRIVILEGED),
            ProjectFile::new("compose.override.yaml", "services:\n  a:\n    pid: host\n"),
            ProjectFile::new("late.yaml", "services:\n  a:\n    network_mode: host\n"),
        ],
        dotenv: Some(ProjectFile::new(".env", "A=1\n")),
        ..Project::default()
    };
    let options = AnalyzeOptions {
        config: Config {
            limits: limits(|l| l.files = 2),
            ..Config::default()
        },
        ..AnalyzeOptions::default()
    };
    let analysis = analyze_project(&project, &options);
    let located: Vec<(String, String, u32, u32)> = analysis
        .files
        .iter()
        .flat_map(|file| {
            file.diagnostics.iter().map(|d| {
                let at = d.range.start;
                (file.name.clone(), d.code.clone(), at.line, at.column)
            })
        })
        .collect();
    let at =
        |file: &str, code: &str, line, column| (file.to_string(), code.to_string(), line, column);
    // The files past the limit are still listed, each with the limit at its start;
    // the first two are read as one project.
    assert_eq!(
        located,
        [
            at("compose.yaml", "PRIV-001", 4, 17),
            at("compose.override.yaml", "NS-001", 3, 10),
            at("late.yaml", "SYN-005", 1, 1),
            at(".env", "SYN-005", 1, 1),
        ]
    );
    assert_eq!(
        analysis.files[2].diagnostics[0].message,
        "the project has 4 files, more than the limit of 2: those past it are not read"
    );
    // Under the default limit the last file is read too.
    let unlimited = analyze_project(&project, &AnalyzeOptions::default());
    let codes: Vec<&str> = unlimited
        .files
        .iter()
        .flat_map(|f| f.diagnostics.iter().map(|d| d.code.as_str()))
        .collect();
    assert_eq!(codes, ["PRIV-001", "NS-001", "NET-001"]);
}

#[test]
fn a_text_too_large_is_refused_without_its_size() {
    // Standard input and JS strings are refused before all of them is read: the
    // message says what every surface knows.
    let text = "#".repeat((1 << 20) + 1);
    let analysis = analyze(&text, &AnalyzeOptions::default());
    assert_eq!(
        analysis.diagnostics[0].message,
        "the input is larger than 1 MiB; only inputs up to 1 MiB are analysed"
    );
}

/// The JSON report of `text` analysed whole, and from its first bytes by
/// `refuse_too_large`, as the CLI and the npm package refuse a text known to be too large.
fn whole_and_refused(text: &str, input: InputKind) -> (serde_json::Value, serde_json::Value) {
    let options = AnalyzeOptions {
        input,
        file_name: Some("big".to_string()),
        ..AnalyzeOptions::default()
    };
    let name = options.file_name.clone();
    let whole = Report::new(text, analyze(text, &options), name.clone());
    let mut end = DETECT_OVERSIZED_BYTES + 3;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let refused = Report::new(head, refuse_too_large(head, &options), name);
    let json = |report: &Report| -> serde_json::Value {
        serde_json::from_str(&shipshape::json::to_json(report)).unwrap()
    };
    (json(&whole), json(&refused))
}

#[test]
fn a_text_known_to_be_too_large_is_refused_from_its_first_bytes_as_from_all_of_it() {
    let over = Limits::default().input_bytes + 1;
    let fill = |line: &str| line.repeat(over / line.len() + 1);
    let run = fill("docker run --privileged nginx # é\n");
    let compose = format!("services:\n  web:\n    image: nginx\n{}", fill("# ü\n"));
    let blank_then_run = format!("{}{run}", "\n".repeat(DETECT_OVERSIZED_BYTES));
    let comments = fill("# ∑\n");
    let cases = [
        (&run, InputKind::Auto, "run"),
        (&run, InputKind::Compose, "compose"),
        (&run, InputKind::Run, "run"),
        (&compose, InputKind::Auto, "compose"),
        (&blank_then_run, InputKind::Auto, "compose"),
        (&comments, InputKind::Auto, "compose"),
    ];
    for (text, input, read_as) in cases {
        let (whole, refused) = whole_and_refused(text, input);
        assert_eq!(whole, refused, "{input:?}");
        assert_eq!(whole["input"], read_as, "{input:?}");
        // Not read, so not known to be blank.
        assert_eq!(whole["status"], "unrecognized", "{input:?}");
        assert_eq!(whole["containers"], serde_json::json!([]));
        let diagnostics = whole["diagnostics"].as_array().unwrap();
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0]["code"], "SYN-005");
        assert_eq!(diagnostics[0]["byteRange"], serde_json::json!([0, 0]));
        assert_eq!(
            diagnostics[0]["message"],
            "the input is larger than 1 MiB; only inputs up to 1 MiB are analysed"
        );
    }
}
