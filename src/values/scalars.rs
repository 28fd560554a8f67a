//! Booleans, byte sizes, restart policies and namespace modes.

use super::{SpannedText, ValueError};
use crate::knowledge::engines::Engine;
use crate::model::{NamespaceMode, RestartPolicy, Setting};

/// Go's `strconv.ParseBool` set (`1 t T TRUE true True`, `0 f F FALSE false False`)
/// plus the `yes/no/on/off` that Compose still accepts, in any case.
pub fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "t" | "true" | "y" | "yes" | "on" => Some(true),
        "0" | "f" | "false" | "n" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// A byte size: a decimal number with an optional unit `b k m g t p`
/// (powers of 1024, case-insensitive, optional trailing `b` / `ib`), like Docker's
/// `RAMInBytes`. Returns `None` for anything else, and for sizes past the engine's
/// signed 64-bit byte count (never clamped: a saturated size would pass for a limit).
pub fn bytes(text: &str) -> Option<u64> {
    let text = text.trim().to_ascii_lowercase();
    let digits_end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits_end);
    let number = decimal(number)?;
    let unit = unit.trim();
    let unit = unit
        .strip_suffix("ib")
        .or_else(|| unit.strip_suffix('b').filter(|u| !u.is_empty()))
        .unwrap_or(unit);
    let power = match unit {
        "" | "b" => 0,
        "k" => 1,
        "m" => 2,
        "g" => 3,
        "t" => 4,
        "p" => 5,
        _ => return None,
    };
    let size = number * 1024f64.powi(power);
    (size < ENGINE_INTEGER_LIMIT).then_some(size as u64)
}

/// 2^63: the engine keeps sizes and nano-CPUs in signed 64-bit integers.
const ENGINE_INTEGER_LIMIT: f64 = 9_223_372_036_854_775_808.0;

/// A number of CPUs (`1.5`), which the engine stores as nano-CPUs; `None` when it is
/// negative, not a number, or too large for that count.
pub fn cpus(text: &str) -> Option<f64> {
    let cpus = decimal(text.trim())?;
    (cpus >= 0.0 && cpus * 1e9 < ENGINE_INTEGER_LIMIT).then_some(cpus)
}

/// A decimal number in the syntax of Rust's and Go's float parsers (`1.5`, `.5`,
/// `2.`, `-3e2`); `None` for anything else, `inf` and `nan` included (no engine setting
/// takes them). The nearest `f64` when the digits fit in 2^53 and the exponent in
/// ±22, otherwise within a few ulps: the standard parser's exact algorithm and its
/// tables would add about 9 KB to the WebAssembly module, and a CPU count or a byte
/// size never needs the last ulp.
pub fn decimal(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (number, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((number, exponent)) => (number, Some(exponent)),
        None => (unsigned, None),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    // Digits past the 19th that u64 holds change the value by less than 1e-18.
    let mut mantissa: u64 = 0;
    let mut scale: i64 = 0;
    for (digit, in_fraction) in whole
        .bytes()
        .map(|b| (b, false))
        .chain(fraction.bytes().map(|b| (b, true)))
    {
        if mantissa < 1_000_000_000_000_000_000 {
            mantissa = mantissa * 10 + u64::from(digit - b'0');
            scale -= i64::from(in_fraction);
        } else {
            scale += i64::from(!in_fraction);
        }
    }
    if let Some(exponent) = exponent {
        let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        if digits.is_empty() || !all_digits(digits) {
            return None;
        }
        // Past ±10^6 every mantissa gives 0 or infinity.
        let value = digits.bytes().fold(0i64, |value, b| {
            (value * 10 + i64::from(b - b'0')).min(1_000_000)
        });
        scale += if exponent.starts_with('-') {
            -value
        } else {
            value
        };
    }
    // Steps of at most 10^22, the largest power of ten an f64 holds exactly.
    let mut value = mantissa as f64;
    while scale != 0 && value != 0.0 && value.is_finite() {
        let step = scale.clamp(-22, 22);
        let power = 10f64.powi(step.abs() as i32);
        value = if step > 0 {
            value * power
        } else {
            value / power
        };
        scale -= step;
    }
    Some(if text.starts_with('-') { -value } else { value })
}

/// `no`, `always`, `unless-stopped`, `on-failure[:N]`.
pub fn restart(text: &SpannedText) -> Result<Setting<RestartPolicy>, ValueError> {
    text.parse(
        "a restart policy (no, always, unless-stopped, on-failure[:N])",
        |raw| {
            let (name, retries) = match raw.split_once(':') {
                Some((name, count)) => (name, Some(count.parse::<u32>().ok()?)),
                None => (raw, None),
            };
            let known = ["no", "always", "unless-stopped", "on-failure"];
            (known.contains(&name) && (retries.is_none() || name == "on-failure")).then(|| {
                RestartPolicy {
                    name: name.to_string(),
                    max_retries: retries,
                }
            })
        },
    )
}

/// Go's `strconv.ParseBool`, which pflag uses for `--flag=value` and docker's daemon
/// and podman for `no-new-privileges` and `writable-cgroups`. Stricter than
/// [`parse_bool`] (Compose's): no `yes`/`on`, and only the three spellings `true`,
/// `TRUE`, `True` of each word.
pub fn go_bool(text: &str) -> Option<bool> {
    match text {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

/// A namespace or network mode: `host`, `private`, `shareable`, `none`,
/// `container:NAME`, `service:NAME`, `bridge` / `default`, or anything else.
pub fn namespace_mode(text: &SpannedText) -> Result<Setting<NamespaceMode>, ValueError> {
    text.parse("a namespace mode", |raw| {
        Some(match raw {
            "host" => NamespaceMode::Host,
            "" | "private" => NamespaceMode::Private,
            "shareable" => NamespaceMode::Shareable,
            "none" => NamespaceMode::None,
            "bridge" | "default" => NamespaceMode::Bridge,
            _ => match raw.split_once(':') {
                Some(("container", name)) if !name.is_empty() => {
                    NamespaceMode::Container(name.to_string())
                }
                Some(("service", name)) if !name.is_empty() => {
                    NamespaceMode::Service(name.to_string())
                }
                _ => NamespaceMode::Other(raw.to_string()),
            },
        })
    })
}

/// The namespace a setting is for: each engine accepts its own modes for each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NamespaceKind {
    Pid,
    Ipc,
    Uts,
    User,
    Cgroup,
    Network,
}

/// Who reads the setting: a command's engine, or Compose (`service:NAME` for `pid`,
/// `ipc` and `network_mode`, and the modes of docker or podman, as a file may be
/// read by `docker compose` or `podman-compose`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NamespaceReader {
    Compose,
    Command(Engine),
}

/// A namespace setting read as its reader reads it: [`namespace_mode`], and an error
/// for a mode the engine refuses for that namespace (`pid: hots`, docker's
/// `--uts=private`), which then reaches no rule. The modes are those of docker's
/// `PidMode.Valid` and its siblings, podman's `specgen` namespace parsing (which adds
/// `private`, `ns:PATH`, `container:` everywhere and keep-id, auto and nomap for the
/// user namespace), and nerdctl's, which follows docker. A network mode is also a
/// network name, so any is accepted.
pub fn namespace_setting(
    text: &SpannedText,
    kind: NamespaceKind,
    reader: NamespaceReader,
) -> Result<Setting<NamespaceMode>, ValueError> {
    let setting = namespace_mode(text)?;
    let Some(raw) = setting.value.as_ref().map(|_| text.as_str().trim()) else {
        return Ok(setting);
    };
    let (mode, argument) = match raw.split_once(':') {
        Some((mode, argument)) => (mode, Some(argument)),
        None => (raw, None),
    };
    let podman = matches!(
        reader,
        NamespaceReader::Command(Engine::Podman) | NamespaceReader::Compose
    );
    let joins = |mode: &str| {
        mode == "container"
            || (podman && mode == "ns")
            || (reader == NamespaceReader::Compose && mode == "service")
    };
    let accepted = match (kind, mode, argument) {
        (NamespaceKind::Network, _, _) => true,
        (_, "", None) | (_, "host", None) => true,
        (_, join, Some(name)) if joins(join) && !name.is_empty() => match kind {
            NamespaceKind::Pid | NamespaceKind::Ipc => true,
            // Only podman joins another container's UTS, user or cgroup namespace.
            _ => podman && join != "service",
        },
        (NamespaceKind::Ipc, "none" | "private" | "shareable", None) => true,
        (NamespaceKind::Cgroup, "private", None) => true,
        (_, "private", None) => podman,
        (NamespaceKind::User, "keep-id" | "auto", _) => podman,
        (NamespaceKind::User, "nomap", None) => podman,
        _ => false,
    };
    if accepted {
        return Ok(setting);
    }
    let engine = match reader {
        NamespaceReader::Compose => "Compose",
        NamespaceReader::Command(engine) => engine.display_name(),
    };
    Err(ValueError::new(
        text.span(),
        format!("`{raw}` is not a mode {engine} accepts for this namespace; as written, the container is not created"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_follow_go_and_compose() {
        for yes in ["true", "TRUE", "True", "1", "t", "yes", "On"] {
            assert_eq!(parse_bool(yes), Some(true), "{yes}");
        }
        for no in ["false", "0", "F", "no", "off"] {
            assert_eq!(parse_bool(no), Some(false), "{no}");
        }
        assert_eq!(parse_bool("maybe"), None);
    }

    #[test]
    fn byte_sizes() {
        assert_eq!(bytes("1073741824"), Some(1 << 30));
        assert_eq!(bytes("1g"), Some(1 << 30));
        assert_eq!(bytes("512M"), Some(512 << 20));
        assert_eq!(bytes("1.5G"), Some(3 << 29));
        assert_eq!(bytes("2gb"), Some(2 << 30));
        assert_eq!(bytes("64kib"), Some(64 << 10));
        assert_eq!(bytes("lots"), None);
        assert_eq!(bytes("5x"), None);
        assert_eq!(bytes("99999999999999999999999"), None);
        assert_eq!(bytes("17179869184g"), None);
        assert_eq!(bytes("8191p"), Some(8191 << 50));
    }

    #[test]
    fn cpu_counts_fit_in_nano_cpus() {
        assert_eq!(cpus("1.5"), Some(1.5));
        assert_eq!(cpus("-1"), None);
        assert_eq!(cpus("1e400"), None);
        assert_eq!(cpus("1e10"), None);
        assert_eq!(cpus("nan"), None);
        assert_eq!(cpus("inf"), None);
    }

    #[test]
    fn decimals_read_as_the_standard_parser_reads_them() {
        for text in [
            "0",
            "-0",
            "+1",
            "1.5",
            ".5",
            "2.",
            "0.1",
            "0.3",
            "1e3",
            "1E-3",
            "-2.5e+2",
            "123456789012345",
            "0.000001",
            "1e22",
            "9223372036854775807",
            "12345678901234567890123",
            "1.7976931348623157e308",
            "1e-320",
            "1e-400",
            "1e400",
            "007.50",
        ] {
            let ours = decimal(text).unwrap_or_else(|| panic!("{text}"));
            let standard: f64 = text.parse().unwrap();
            let close = ours == standard || (ours - standard).abs() <= standard.abs() * 1e-15;
            assert!(close, "{text}: {ours} vs {standard}");
            if text.len() <= 16 && !text.contains(['e', 'E']) {
                assert_eq!(ours.to_bits(), standard.to_bits(), "{text}");
            }
        }
        for text in [
            "", ".", "-", "e3", "1e", "1e+", "1.2.3", "1_000", "0x10", " 1", "inf", "nan",
        ] {
            assert_eq!(decimal(text), None, "{text:?}");
        }
    }

    #[test]
    fn restart_policies() {
        let policy = restart(&SpannedText::exact("on-failure:5", 0)).unwrap();
        assert_eq!(
            policy.value,
            Some(RestartPolicy {
                name: "on-failure".into(),
                max_retries: Some(5)
            })
        );
        assert!(restart(&SpannedText::exact("sometimes", 0)).is_err());
        assert!(restart(&SpannedText::exact("always:3", 0)).is_err());
    }

    #[test]
    fn each_engine_accepts_its_own_namespace_modes() {
        use NamespaceKind::*;
        let docker = NamespaceReader::Command(Engine::Docker);
        let podman = NamespaceReader::Command(Engine::Podman);
        let accepts = |raw: &str, kind, reader| {
            namespace_setting(&SpannedText::exact(raw, 0), kind, reader).is_ok()
        };
        for (raw, kind) in [
            ("host", Pid),
            ("container:db", Pid),
            ("shareable", Ipc),
            ("none", Ipc),
            ("private", Cgroup),
            ("host", User),
            ("my-net", Network),
        ] {
            assert!(accepts(raw, kind, docker), "{raw}");
            assert!(accepts(raw, kind, podman), "{raw}");
        }
        for (raw, kind) in [
            ("hots", Pid),
            ("private", Uts),
            ("private", Pid),
            ("keep-id", User),
            ("container:db", User),
            ("ns:/proc/1/ns/pid", Pid),
            ("service:db", Pid),
            ("container:", Ipc),
        ] {
            assert!(!accepts(raw, kind, docker), "{raw}");
        }
        for (raw, kind) in [
            ("private", Uts),
            ("keep-id", User),
            ("keep-id:uid=1000", User),
            ("auto", User),
            ("nomap", User),
            ("ns:/proc/1/ns/pid", Pid),
            ("container:db", User),
        ] {
            assert!(accepts(raw, kind, podman), "{raw}");
        }
        assert!(accepts("service:db", Pid, NamespaceReader::Compose));
        assert!(accepts("keep-id", User, NamespaceReader::Compose));
        assert!(!accepts("service:db", Uts, NamespaceReader::Compose));
        assert!(!accepts("hots", Pid, NamespaceReader::Compose));
        let refused = namespace_setting(&SpannedText::exact("hots", 0), Pid, docker).unwrap_err();
        assert_eq!(
            refused.message,
            "`hots` is not a mode Docker accepts for this namespace; as written, the container is not created"
        );
    }

    #[test]
    fn namespace_modes() {
        let mode = |s: &str| {
            namespace_mode(&SpannedText::exact(s, 0))
                .unwrap()
                .value
                .unwrap()
        };
        assert_eq!(mode("host"), NamespaceMode::Host);
        assert_eq!(mode("service:db"), NamespaceMode::Service("db".into()));
        assert_eq!(
            mode("container:vpn"),
            NamespaceMode::Container("vpn".into())
        );
        assert_eq!(mode("default"), NamespaceMode::Bridge);
        assert_eq!(mode("backend"), NamespaceMode::Other("backend".into()));
    }
}
