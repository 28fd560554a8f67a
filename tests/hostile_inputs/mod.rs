//! Hostile inputs, each with the input-problem code its analysis must report:
//! shared by the robustness test (which checks the codes and invariants) and the
//! hostile-input benchmark (`benches/hostile.rs`, which prints time and peak memory).

/// One hostile input: bytes, as the CLI reads a file, decoded as it does.
pub struct HostileInput {
    pub label: &'static str,
    pub bytes: Vec<u8>,
    /// A code the auto-detected analysis must report, if any.
    pub expected: Option<&'static str>,
}

fn case(
    label: &'static str,
    text: impl Into<Vec<u8>>,
    expected: Option<&'static str>,
) -> HostileInput {
    HostileInput {
        label,
        bytes: text.into(),
        expected,
    }
}

/// "Billion laughs": nine levels of nine aliases each, 9^10 nodes once expanded.
fn billion_laughs() -> String {
    let mut text = String::from("x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..10 {
        let aliases = vec![format!("*a{}", level - 1); 9].join(", ");
        text += &format!("x-a{level}: &a{level} [{aliases}]\n");
    }
    text + "services:\n  web:\n    image: nginx\n    privileged: true\n"
}

/// A block mapping nested `depth` levels deep, one key per line.
fn deep_block_mapping(depth: usize) -> String {
    (0..depth)
        .map(|level| format!("{}k{level}:\n", " ".repeat(level)))
        .collect()
}

pub fn all() -> Vec<HostileInput> {
    const DEEP: usize = 100_000;
    vec![
        case("empty", String::new(), None),
        case("only newlines", "\n".repeat(10_000), None),
        case("billion laughs", billion_laughs(), Some("SYN-005")),
        // 600 KB of text that would copy 30 GB: a 300 KB value aliased 100,000 times.
        case(
            "long value aliased 100k times",
            format!(
                "x-big: &a \"{}\"\nx-list: [{}]\n",
                "x".repeat(300_000),
                vec!["*a"; 100_000].join(",")
            ),
            Some("SYN-005"),
        ),
        case("100k-deep flow sequence", "[".repeat(DEEP), Some("SYN-005")),
        case(
            "100k-deep flow mapping",
            "{a: ".repeat(DEEP),
            Some("SYN-005"),
        ),
        case(
            "100k-deep block sequence",
            "- ".repeat(DEEP),
            Some("SYN-005"),
        ),
        // A key on a line of its own indents each level one more space, so 100k
        // levels would be 5 GB of text: 1,400 levels (1 MiB) are as deep as the size
        // limit lets a file be. Explicit keys (`? `) nest on one line.
        case(
            "deep block mapping",
            deep_block_mapping(1_400),
            Some("SYN-005"),
        ),
        case(
            "100k-deep block mapping",
            "? ".repeat(DEEP),
            Some("SYN-005"),
        ),
        case(
            "10 MB file",
            "services:\n  a:\n    image: x\n".repeat(375_000),
            Some("SYN-005"),
        ),
        case(
            "1 MB single line",
            format!("services: {{a: {{image: {}}}}}", "x".repeat(1 << 20)),
            Some("SYN-005"),
        ),
        case(
            "10,000 commands joined by &&",
            vec!["docker run --privileged nginx"; 10_000].join(" && "),
            Some("PRIV-001"),
        ),
        case(
            "NUL bytes",
            "services:\n  a\0:\n    image: \0\n    privileged: true\n".to_string(),
            Some("SYN-001"),
        ),
        case(
            "invalid UTF-8",
            b"services:\n  a:\n    image: \xff\xfe\n    privileged: \xc3\n".to_vec(),
            Some("SYN-016"),
        ),
        case(
            "unbalanced quote",
            "docker run --name 'web nginx".to_string(),
            Some("SYN-010"),
        ),
        case(
            "dangling continuation",
            "docker run -d \\".to_string(),
            Some("SYN-010"),
        ),
        case(
            "nested substitutions",
            format!("docker run -v {}x:/x nginx", "$(".repeat(2_000)),
            Some("SYN-010"),
        ),
        case(
            "long command line",
            format!("docker run {} nginx", "-e A=B ".repeat(20_000)),
            None,
        ),
        case("over the size limit", "#".repeat(2 << 20), Some("SYN-005")),
    ]
}
