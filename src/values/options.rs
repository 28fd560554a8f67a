//! `key=value`-shaped options: security options, sysctls, ulimits.

use super::{parse_bool, SpannedText, ValueError};
use crate::model::{SecurityOpt, Setting, Sysctl, Ulimit};

/// Keys that may be written bare (no value).
const BARE_SECURITY_KEYS: [&str; 3] = ["no-new-privileges", "disable", "writable-cgroups"];

/// One `security_opt` / `--security-opt` entry. Like the CLI and the daemon: split on
/// the first `=`, else (deprecated) on the first `:`, except for the keys that may
/// stand alone. `label=type:spc_t` keeps `type:spc_t` as the value.
pub fn security_opt(text: &SpannedText) -> SecurityOpt {
    let raw = text.as_str();
    let trimmed = raw.trim();
    let split = if BARE_SECURITY_KEYS.contains(&trimmed.to_ascii_lowercase().as_str()) {
        None
    } else {
        raw.find('=')
            .map(|i| (i, '='))
            .or_else(|| raw.find(':').map(|i| (i, ':')))
    };
    let (key, value, separator) = match split {
        Some((at, separator)) => (
            raw[..at].trim(),
            Some(raw[at + 1..].trim().to_string()),
            Some(separator),
        ),
        None => (trimmed, None, None),
    };
    // The source spans of the separator and the value, when each byte was written
    // as it reads (no escape sequence or variable stands for it).
    let written_at = |range: std::ops::Range<usize>| {
        let span = text.span_of(range.clone());
        (span.len() == range.len()).then_some(span)
    };
    let (separator_at, value_at) = match split {
        Some((at, _)) => (
            written_at(at..at + 1),
            written_at(text.trimmed(at + 1..raw.len())),
        ),
        None => (None, None),
    };
    SecurityOpt {
        key: key.to_ascii_lowercase(),
        switch: value.as_deref().and_then(parse_bool),
        value,
        separator,
        entry: text.setting(),
        separator_at,
        value_at,
    }
}

/// A `key=value` sysctl (`--sysctl`, or a Compose list item).
pub fn sysctl(text: &SpannedText) -> Result<Sysctl, ValueError> {
    let raw = text.as_str();
    let Some(at) = raw.find('=') else {
        return Err(ValueError::new(
            text.span(),
            format!("`{raw}` is not a sysctl: expected KEY=VALUE"),
        ));
    };
    Ok(Sysctl {
        key: text.setting_of(text.trimmed(0..at)),
        value: text.setting_of(text.trimmed(at + 1..raw.len())),
        span: text.span(),
    })
}

/// A ulimit bound: an integer, `-1` or `unlimited` for no limit.
pub fn ulimit_limit(text: &str) -> Option<i64> {
    match text.trim() {
        "unlimited" => Some(-1),
        number => number.parse().ok(),
    }
}

/// `--ulimit NAME=SOFT[:HARD]`.
pub fn ulimit(text: &SpannedText) -> Result<Ulimit, ValueError> {
    let raw = text.as_str();
    let Some(at) = raw.find('=') else {
        return Err(ValueError::new(
            text.span(),
            format!("`{raw}` is not a ulimit: expected NAME=SOFT[:HARD]"),
        ));
    };
    let limits = text.split_within(at + 1..raw.len(), ':');
    if limits.len() > 2 {
        return Err(ValueError::new(
            text.span(),
            format!("`{raw}` is not a ulimit: expected NAME=SOFT[:HARD]"),
        ));
    }
    let limit = |range: &std::ops::Range<usize>| -> Result<Setting<i64>, ValueError> {
        text.parse_part(range.clone(), "a ulimit value", ulimit_limit)
    };
    let soft = limit(&limits[0])?;
    let hard = match limits.get(1) {
        Some(range) => limit(range)?,
        // A single value sets both bounds.
        None => soft.clone(),
    };
    Ok(Ulimit {
        name: text.setting_of(0..at),
        soft: Some(soft),
        hard: Some(hard),
        span: text.span(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn opt(s: &str) -> SecurityOpt {
        security_opt(&SpannedText::exact(s, 0))
    }

    #[test]
    fn security_option_separators() {
        let o = opt("seccomp=unconfined");
        assert_eq!(
            (o.key.as_str(), o.value.as_deref(), o.separator),
            ("seccomp", Some("unconfined"), Some('='))
        );
        let o = opt("seccomp:unconfined");
        assert_eq!(
            (o.key.as_str(), o.value.as_deref(), o.separator),
            ("seccomp", Some("unconfined"), Some(':'))
        );
        let o = opt("label=type:spc_t");
        assert_eq!(
            (o.key.as_str(), o.value.as_deref()),
            ("label", Some("type:spc_t"))
        );
        let o = opt("label:disable");
        assert_eq!(
            (o.key.as_str(), o.value.as_deref()),
            ("label", Some("disable"))
        );
        let o = opt("no-new-privileges");
        assert_eq!(
            (o.key.as_str(), o.value, o.separator),
            ("no-new-privileges", None, None)
        );
        let o = opt("No-New-Privileges:true");
        assert_eq!(
            (o.key.as_str(), o.value.as_deref()),
            ("no-new-privileges", Some("true"))
        );
    }

    #[test]
    fn sysctl_parts_have_spans() {
        let s = sysctl(&SpannedText::exact("net.ipv4.ip_forward=1", 2)).unwrap();
        assert_eq!(s.key.value.as_deref(), Some("net.ipv4.ip_forward"));
        assert_eq!(s.key.span, Span::new(2, 21));
        assert_eq!(s.value.value.as_deref(), Some("1"));
        assert!(sysctl(&SpannedText::exact("nonsense", 0)).is_err());
    }

    #[test]
    fn ulimits() {
        let u = ulimit(&SpannedText::exact("nofile=1024:2048", 0)).unwrap();
        assert_eq!(u.name.value.as_deref(), Some("nofile"));
        assert_eq!(u.soft.unwrap().value, Some(1024));
        assert_eq!(u.hard.unwrap().value, Some(2048));
        let u = ulimit(&SpannedText::exact("memlock=-1", 0)).unwrap();
        assert_eq!(u.hard.unwrap().value, Some(-1));
        assert!(ulimit(&SpannedText::exact("nofile=lots", 0)).is_err());
    }
}
