//! Bad input loses nothing: a value shipshape cannot read is reported where it was
//! written, and the findings before and after it are still reported.

use shipshape::{analyze, analyze_decoded, AnalyzeOptions, Decoded, InputKind};

/// `(code, line, column)` of every diagnostic of `text`.
fn found(text: &str, input: InputKind) -> Vec<(String, u32, u32)> {
    let options = AnalyzeOptions {
        input,
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

/// A privileged service sharing the host's process namespace, with `middle` (line 5)
/// between the two findings.
fn around(middle: &str) -> String {
    format!("services:\n  a:\n    image: x\n    privileged: true\n{middle}    pid: host\n")
}

/// The findings of [`around`]: before, at (line 5) and after the bad value.
fn around_found(code: &str, column: u32) -> Vec<(String, u32, u32)> {
    vec![
        at("PRIV-001", 4, 17),
        at(code, 5, column),
        at(PID_HOST, 6, 10),
    ]
}

const PID_HOST: &str = "NS-001";

#[test]
fn memory_past_64_bits_is_invalid_not_clamped() {
    for size in ["99999999999999999999999", "17179869184g"] {
        let text = around(&format!("    mem_limit: {size}\n"));
        assert_eq!(
            found(&text, InputKind::Compose),
            around_found("SYN-004", 16),
            "{size}"
        );
    }
}

#[test]
fn cpus_past_the_engine_range_are_invalid_not_clamped() {
    let text = around("    cpus: 1e400\n");
    assert_eq!(
        found(&text, InputKind::Compose),
        around_found("SYN-004", 11)
    );
}

#[test]
fn run_memory_past_64_bits_is_invalid() {
    let text = "docker run --privileged -m 99999999999999999999999 --pid host x\n";
    assert_eq!(
        found(text, InputKind::Run),
        [
            at("PRIV-001", 1, 12),
            at("SYN-004", 1, 28),
            at(PID_HOST, 1, 58)
        ]
    );
}

/// The mark is one UTF-16 unit: columns on its line count it, as editors do.
#[test]
fn byte_order_mark_is_skipped_before_run_commands() {
    let text = "\u{FEFF}docker run --privileged --pid host x\n";
    assert_eq!(
        found(text, InputKind::Auto),
        [at("PRIV-001", 1, 13), at(PID_HOST, 1, 32)]
    );
    assert_eq!(
        found(text, InputKind::Run),
        [at("PRIV-001", 1, 13), at(PID_HOST, 1, 32)]
    );
}

#[test]
fn byte_order_mark_is_skipped_before_compose() {
    let text = format!("\u{FEFF}{}", around(""));
    let expected = [at("PRIV-001", 4, 17), at(PID_HOST, 5, 10)];
    assert_eq!(found(&text, InputKind::Auto), expected);
    assert_eq!(found(&text, InputKind::Compose), expected);
}

#[test]
fn unterminated_here_document_is_reported_and_the_lines_after_it_analysed() {
    let text = "docker run --privileged x sh <<EOF\ndocker run --pid host y\n";
    assert_eq!(
        found(text, InputKind::Run),
        [
            at("PRIV-001", 1, 12),
            at("SYN-010", 1, 30),
            at(PID_HOST, 2, 18)
        ]
    );
}

/// A flow value nested past the depth limit is skipped where the limit is reached;
/// the settings around it are still read.
#[test]
fn deeply_nested_flow_value_is_skipped_and_the_rest_analysed() {
    let depth = 200;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let text = around(&format!("    labels: {nested}\n"));
    // The root, `services` and the service are three levels: the limit of 64 is
    // reached at the 62nd bracket, which starts at column 13 + 61.
    assert_eq!(
        found(&text, InputKind::Compose),
        around_found("SYN-005", 74)
    );
    // Past 255 levels the YAML parser itself gives up; the value is left out from its
    // first bracket on, and the rest is read all the same, balanced or not.
    for tail in ["]".repeat(100_000), String::new()] {
        let text = around(&format!("    labels: {}{tail}\n", "[".repeat(100_000)));
        assert_eq!(
            found(&text, InputKind::Compose),
            around_found("SYN-005", 13),
            "closed: {}",
            !tail.is_empty()
        );
    }
}

/// Tags whose meaning is not applied are reported at the value; Compose's own tags
/// and the core tags of values read as written are not.
#[test]
fn explicit_tags_that_are_not_applied_are_reported() {
    for (setting, column) in [
        ("user: !!binary YXBw", 20),
        ("user: !!python/object:os.system app", 37),
        ("user: !custom app", 19),
    ] {
        let text = around(&format!("    {setting}\n"));
        assert_eq!(
            found(&text, InputKind::Compose),
            around_found("SYN-004", column),
            "{setting}"
        );
    }
    for setting in [
        "user: !!str app",
        "cpu_shares: !!int 512",
        "read_only: !!bool false",
    ] {
        let text = around(&format!("    {setting}\n"));
        assert_eq!(
            found(&text, InputKind::Compose),
            [at("PRIV-001", 4, 17), at(PID_HOST, 6, 10)],
            "{setting}"
        );
    }
}

/// Interpolation problems are reported in settings no rule reads as in those it does.
#[test]
fn interpolation_errors_are_reported_in_every_field() {
    for (setting, column) in [
        ("user: \"${A\"", 12),
        ("command: \"echo ${A\"", 20),
        ("entrypoint: [\"sh\", \"${A\"]", 25),
        ("labels: {a: \"${A\"}", 18),
        ("environment: [\"B=${C:?set C}\"]", 22),
    ] {
        let text = around(&format!("    {setting}\n"));
        assert_eq!(
            found(&text, InputKind::Compose),
            around_found("SYN-003", column),
            "{setting}"
        );
    }
}

/// `(code, line, column)` of every diagnostic of bytes that may not be UTF-8.
fn found_in_bytes(bytes: &[u8], input: InputKind) -> Vec<(String, u32, u32)> {
    let options = AnalyzeOptions {
        input,
        ..AnalyzeOptions::default()
    };
    analyze_decoded(&Decoded::new(bytes.to_vec()), &options)
        .diagnostics
        .iter()
        .map(|d| (d.code.clone(), d.range.start.line, d.range.start.column))
        .collect()
}

/// Undecodable bytes are read as U+FFFD, reported at the first one, and the rest of
/// the text is analysed.
#[test]
fn undecodable_bytes_are_read_lossily_and_reported_where_they_start() {
    let compose = b"services:\n  a:\n    image: x\n    privileged: true\n    user: \"a\xff\xfeb\"\n    pid: host\n";
    assert_eq!(
        found_in_bytes(compose, InputKind::Auto),
        around_found("SYN-016", 13)
    );
    let run = b"docker run --privileged -e NAME=caf\xe9 --pid host x\n";
    assert_eq!(
        found_in_bytes(run, InputKind::Auto),
        [
            at("PRIV-001", 1, 12),
            at("SYN-016", 1, 36),
            at(PID_HOST, 1, 44)
        ]
    );
    let decoded = Decoded::new(b"ab\xffc".to_vec());
    assert_eq!(
        (decoded.text.as_str(), decoded.invalid_at),
        ("ab\u{FFFD}c", Some(2))
    );
    assert_eq!(Decoded::new(b"abc".to_vec()).invalid_at, None);
}

/// An alternative of an unset variable is empty, and an empty boolean is refused
/// whether it is written empty or comes out empty.
#[test]
fn an_empty_interpolation_result_is_reported_like_an_empty_value() {
    for value in ["\"\"", "\"${A:+true}\"", "${A+true}"] {
        let text = around(&format!("    read_only: {value}\n"));
        assert_eq!(
            found(&text, InputKind::Compose),
            around_found("SYN-004", 16),
            "{value}"
        );
    }
}
