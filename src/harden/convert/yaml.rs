//! A small YAML writer for the converted file: block mappings and sequences,
//! 2-space indentation, and scalars quoted only when YAML would read them as
//! something other than the string they are.

/// A YAML value to write.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A string, quoted when it needs to be.
    Text(String),
    /// A number or boolean written as is (`100`, `true`).
    Plain(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    pub fn text(text: impl Into<String>) -> Node {
        Node::Text(text.into())
    }

    /// The entry under `key`, created (as an empty map) when missing.
    pub fn entry(&mut self, key: &str) -> &mut Node {
        let Node::Map(entries) = self else {
            unreachable!("entries are only taken from maps");
        };
        let at = match entries.iter().position(|(name, _)| name == key) {
            Some(at) => at,
            None => {
                entries.push((key.to_string(), Node::Map(Vec::new())));
                entries.len() - 1
            }
        };
        &mut entries[at].1
    }

    /// Sets `key` to `value`, replacing an earlier value (the last flag wins).
    pub fn set(&mut self, key: &str, value: Node) {
        *self.entry(key) = value;
    }

    /// Appends `value` to the sequence under `key`.
    pub fn push(&mut self, key: &str, value: Node) {
        let entry = self.entry(key);
        if !matches!(entry, Node::Seq(_)) {
            *entry = Node::Seq(Vec::new());
        }
        if let Node::Seq(items) = entry {
            items.push(value);
        }
    }
}

/// The YAML text of a top-level mapping.
pub fn write(root: &Node) -> String {
    let mut out = String::new();
    if let Node::Map(entries) = root {
        write_map(entries, 0, &mut out);
    }
    out
}

fn write_map(entries: &[(String, Node)], indent: usize, out: &mut String) {
    for (key, value) in entries {
        out.push_str(&" ".repeat(indent));
        out.push_str(&quote(key));
        out.push(':');
        write_value(value, indent + 2, out);
    }
}

/// A value after `key:` or `-`: inline for scalars and empty collections, else on
/// the next lines.
fn write_value(value: &Node, indent: usize, out: &mut String) {
    match value {
        Node::Text(text) => out.push_str(&format!(" {}\n", quote(text))),
        Node::Plain(text) => out.push_str(&format!(" {text}\n")),
        Node::Map(entries) if entries.is_empty() => out.push_str(" {}\n"),
        Node::Seq(items) if items.is_empty() => out.push_str(" []\n"),
        Node::Map(entries) => {
            out.push('\n');
            write_map(entries, indent, out);
        }
        Node::Seq(items) => {
            out.push('\n');
            for item in items {
                out.push_str(&" ".repeat(indent));
                out.push('-');
                match item {
                    // `- key: value` continues the mapping two columns in.
                    Node::Map(entries) if !entries.is_empty() => {
                        let mut nested = String::new();
                        write_map(entries, indent + 2, &mut nested);
                        out.push(' ');
                        out.push_str(&nested[indent + 2..]);
                    }
                    other => write_value(other, indent + 4, out),
                }
            }
        }
    }
}

/// `text` as a YAML scalar: plain when YAML reads it back as this same string,
/// double-quoted otherwise.
pub fn quote(text: &str) -> String {
    if !needs_quotes(text) {
        return text.to_string();
    }
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04x}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Whether a plain scalar would be read as something else: empty, a boolean or
/// null of YAML 1.1 or 1.2, a number (including 1.1's `80:80` base 60 and `0x1F`),
/// an indicator at the start, `: ` or ` #` inside, or surrounding spaces.
fn needs_quotes(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    ];
    let Some(first) = text.chars().next() else {
        return true;
    };
    WORDS.contains(&text.to_ascii_lowercase().as_str())
        || looks_numeric(text)
        || ",[]{}#&*!|>'\"%@`".contains(first)
        // `-`, `?` and `:` are indicators only before a space or at the end.
        || (("-?:").contains(first) && matches!(text[1..].chars().next(), None | Some(' ')))
        || text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.starts_with(' ')
        || text.ends_with(' ')
        || text.chars().any(char::is_control)
}

/// Numbers as YAML 1.1 or 1.2 might read them: digits with `.`, `_`, `:`, signs and
/// exponents, hexadecimal and octal forms, `.inf` and `.nan`.
fn looks_numeric(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    if [".inf", ".nan"].contains(&unsigned) {
        return true;
    }
    let starts_like_number = unsigned.starts_with(|c: char| c.is_ascii_digit())
        || (unsigned.starts_with('.') && unsigned[1..].starts_with(|c: char| c.is_ascii_digit()));
    starts_like_number
        && (unsigned.starts_with("0x")
            || unsigned.starts_with("0o")
            || unsigned.starts_with("0b")
            || unsigned
                .chars()
                .all(|c| c.is_ascii_digit() || "._:e+-".contains(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_yaml_would_misread() {
        let plain = [
            "nginx",
            "--port",
            "say \"hi\"",
            "/var/run/docker.sock:/var/run/docker.sock",
            "a b",
            "SYS_ADMIN",
            "c 42:* rmw",
            "nginx:1.25",
        ];
        for text in plain {
            assert_eq!(quote(text), text);
        }
        let quoted = [
            ("", "\"\""),
            ("yes", "\"yes\""),
            ("Off", "\"Off\""),
            ("null", "\"null\""),
            ("~", "\"~\""),
            ("80:80", "\"80:80\""),
            ("8080", "\"8080\""),
            ("1.5", "\"1.5\""),
            ("0x1F", "\"0x1F\""),
            ("1e3", "\"1e3\""),
            ("-1", "\"-1\""),
            (".inf", "\".inf\""),
            ("*.example.com", "\"*.example.com\""),
            ("key: value", "\"key: value\""),
            ("a #b", "\"a #b\""),
            ("ends:", "\"ends:\""),
            ("\"hi\"\\", "\"\\\"hi\\\"\\\\\""),
            ("-", "\"-\""),
            ("- item", "\"- item\""),
            ("two\nlines", "\"two\\nlines\""),
            (" padded", "\" padded\""),
        ];
        for (text, expected) in quoted {
            assert_eq!(quote(text), expected, "{text}");
        }
    }

    #[test]
    fn writes_block_collections() {
        let mut root = Node::Map(Vec::new());
        root.entry("services")
            .entry("web")
            .set("image", Node::text("nginx"));
        root.entry("services")
            .entry("web")
            .push("ports", Node::text("80:80"));
        let mut mount = Node::Map(Vec::new());
        mount.set("type", Node::text("bind"));
        mount
            .entry("bind")
            .set("create_host_path", Node::Plain("false".into()));
        root.entry("services").entry("web").push("volumes", mount);
        root.entry("volumes").entry("data");
        assert_eq!(
            write(&root),
            "services:\n  web:\n    image: nginx\n    ports:\n      - \"80:80\"\n    volumes:\n      - type: bind\n        bind:\n          create_host_path: false\nvolumes:\n  data: {}\n"
        );
    }
}
