//! Edits to values both front-ends write the same way: the short volume syntax
//! (`SRC:DST[:OPTS]`, Compose and `-v`) and the short port syntax (`[IP:]HOST:CONTAINER`,
//! Compose and `-p`), and the text helpers the two editors share.

use crate::model::edit::TextEdit;
use crate::model::{Mount, MountSyntax, Port};
use crate::span::Span;

/// Makes a mount in the short syntax read-only: `ro` added to its options, or
/// `:ro` after the target when it has none.
pub fn short_mount_read_only(text: &str, mount: &Mount) -> Option<TextEdit> {
    if mount.syntax != MountSyntax::Short {
        return None;
    }
    let end = mount.target.as_ref()?.span.end as usize;
    Some(if text.get(end..)?.starts_with(':') {
        (Span::at(end + 1), "ro,".to_string())
    } else {
        (Span::at(end), ":ro".to_string())
    })
}

/// Binds a published port to the loopback interface of its own address family:
/// the host IP replaced, or `127.0.0.1:` put before a short-syntax port that has none.
pub fn port_to_loopback(text: &str, port: &Port) -> Option<TextEdit> {
    if let Some(ip) = &port.host_ip {
        let loopback = if ip.get()?.contains(':') {
            "::1"
        } else {
            "127.0.0.1"
        };
        return Some((ip.span, loopback.to_string()));
    }
    // Only the plain `[HOST:]CONTAINER[/PROTO]` form: long syntax and `--publish`
    // CSV have their own keys.
    let written = text.get(port.span.range())?;
    let quotes = usize::from(
        written.len() >= 2
            && (written.starts_with('"') && written.ends_with('"')
                || written.starts_with('\'') && written.ends_with('\'')),
    );
    let written = &written[quotes..written.len() - quotes];
    let short = !written.is_empty()
        && written
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-:/".contains(c));
    let prefix = if port.published.is_some() {
        "127.0.0.1:"
    } else {
        "127.0.0.1::"
    };
    short.then(|| {
        (
            Span::at(port.span.start as usize + quotes),
            prefix.to_string(),
        )
    })
}

/// The span widened to the quotes around it when it does not include them (the
/// front-ends keep some values' spans inside their quotes).
pub fn quoted(text: &str, value: Span) -> Span {
    let (start, end) = (value.start as usize, value.end as usize);
    match (text[..start].chars().last(), text[end..].chars().next()) {
        (Some(open @ ('"' | '\'')), Some(close)) if open == close => Span::new(start - 1, end + 1),
        _ => value,
    }
}

/// The offset of the start of the line holding `at`.
pub fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::{port, short_volume, SpannedText};

    fn apply(text: &str, (span, content): TextEdit) -> String {
        let mut out = text.to_string();
        out.replace_range(span.range(), &content);
        out
    }

    #[test]
    fn short_mounts_become_read_only() {
        let read_only = |written: &str| {
            let mount = short_volume(&SpannedText::exact(written, 0)).unwrap();
            apply(written, short_mount_read_only(written, &mount).unwrap())
        };
        assert_eq!(read_only("/srv:/data"), "/srv:/data:ro");
        assert_eq!(read_only("/srv:/data:z"), "/srv:/data:ro,z");
    }

    #[test]
    fn ports_are_bound_to_loopback() {
        let bound = |written: &str| {
            let port = port(&SpannedText::exact(written, 0)).unwrap();
            port_to_loopback(written, &port).map(|edit| apply(written, edit))
        };
        assert_eq!(bound("8080:80").unwrap(), "127.0.0.1:8080:80");
        assert_eq!(bound("80").unwrap(), "127.0.0.1::80");
        assert_eq!(
            bound("0.0.0.0:8080:80/udp").unwrap(),
            "127.0.0.1:8080:80/udp"
        );
        assert_eq!(bound("[::]:8080:80").unwrap(), "[::1]:8080:80");
        assert_eq!(bound("published=8080,target=80"), None);
    }

    #[test]
    fn quotes_around_a_value_are_included() {
        let text = "- \"x\"";
        assert_eq!(quoted(text, Span::new(3, 4)), Span::new(2, 5));
        assert_eq!(quoted("- x", Span::new(2, 3)), Span::new(2, 3));
    }
}
