//! Published ports and extra host entries.

use super::{SpannedText, ValueError};
use crate::model::{ExtraHost, Port, Setting};
use std::ops::Range;

/// The first port of `80` or `8000-8010`.
fn port_number(text: &str) -> Option<u16> {
    let first = text.split_once('-').map_or(text, |(start, _)| start);
    first.trim().parse().ok()
}

/// One short-syntax port (`[[IP:][HOST]:]CONTAINER[/PROTO]`, IPv6 in brackets or
/// not, ranges), or the CLI's CSV form `published=8080,target=80,protocol=udp`.
pub fn port(text: &SpannedText) -> Result<Port, ValueError> {
    let raw = text.as_str();
    if raw.contains('=') {
        return csv_port(text);
    }
    let (body, protocol) = match raw.rfind('/') {
        Some(at) => (0..at, Some(text.setting_of(at + 1..raw.len()))),
        None => (0..raw.len(), None),
    };
    let number = |range: Range<usize>| -> Result<Option<Setting<u16>>, ValueError> {
        if range.is_empty() {
            return Ok(None);
        }
        text.parse_part(range, "a port or port range", port_number)
            .map(Some)
    };
    // `[::1]:8080:80`: the bracketed part is the host IP.
    let (host_ip, rest) = if raw.starts_with('[') {
        let Some(close) = raw[body.clone()].find(']') else {
            return Err(ValueError::new(
                text.span(),
                format!("`{raw}`: unclosed `[` in the host IP"),
            ));
        };
        let after = (close + 2).min(body.end);
        (Some(text.setting_of(1..close)), after..body.end)
    } else {
        (None, body.clone())
    };
    let parts = text.split_within(rest.clone(), ':');
    let (ip_parts, host, container) = match parts.len() {
        1 => (None, None, parts[0].clone()),
        2 => (None, Some(parts[0].clone()), parts[1].clone()),
        // `IP:HOST:CTR`, or an unbracketed IPv6 address (`::1:6000:6000`).
        n => (
            Some(parts[0].start..parts[n - 3].end),
            Some(parts[n - 2].clone()),
            parts[n - 1].clone(),
        ),
    };
    let host_ip = match (host_ip, ip_parts) {
        (Some(ip), _) => Some(ip),
        (None, Some(range)) if !range.is_empty() => Some(text.setting_of(range)),
        _ => None,
    };
    let target = number(container)?;
    if target.is_none() {
        return Err(ValueError::new(
            text.span(),
            format!("`{raw}` has no container port"),
        ));
    }
    Ok(Port {
        host_ip,
        published: host.map(number).transpose()?.flatten(),
        target,
        protocol,
        span: text.span(),
    })
}

fn csv_port(text: &SpannedText) -> Result<Port, ValueError> {
    let mut port = Port {
        host_ip: None,
        published: None,
        target: None,
        protocol: None,
        span: text.span(),
    };
    for field in text.split(',') {
        let Some(eq) = text.as_str()[field.clone()].find('=') else {
            continue;
        };
        let value = field.start + eq + 1..field.end;
        match text.as_str()[field.start..field.start + eq].trim() {
            "published" => port.published = Some(text.parse_part(value, "a port", port_number)?),
            "target" => port.target = Some(text.parse_part(value, "a port", port_number)?),
            "protocol" => port.protocol = Some(text.setting_of(value)),
            _ => {}
        }
    }
    Ok(port)
}

/// `host:ip` or `host=ip` (`--add-host`, Compose `extra_hosts` list items).
pub fn extra_host(text: &SpannedText) -> Result<ExtraHost, ValueError> {
    let raw = text.as_str();
    let at = raw.find('=').or_else(|| raw.find(':'));
    match at {
        Some(at) if at > 0 && at + 1 < raw.len() => {
            let address = text.trimmed(at + 1..raw.len());
            // `[::1]` brackets are optional around IPv6 addresses.
            let unbracketed =
                if raw[address.clone()].starts_with('[') && raw[address.clone()].ends_with(']') {
                    address.start + 1..address.end - 1
                } else {
                    address
                };
            Ok(ExtraHost {
                host: raw[..at].trim().to_string(),
                address: text.setting_of(unbracketed),
                span: text.span(),
            })
        }
        _ => Err(ValueError::new(
            text.span(),
            format!("`{raw}` is not a host entry: expected HOST:IP or HOST=IP"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn parse(s: &str) -> Port {
        port(&SpannedText::exact(s, 0)).unwrap()
    }

    fn value<T: Clone>(setting: &Option<Setting<T>>) -> Option<T> {
        setting.as_ref().and_then(|s| s.value.clone())
    }

    #[test]
    fn short_ports() {
        let p = parse("8080:80");
        assert_eq!(
            (value(&p.host_ip), value(&p.published), value(&p.target)),
            (None, Some(8080), Some(80))
        );
        assert_eq!(p.published.unwrap().span, Span::new(0, 4));
        let p = parse("127.0.0.1:8080:80/udp");
        assert_eq!(value(&p.host_ip).as_deref(), Some("127.0.0.1"));
        assert_eq!(value(&p.protocol).as_deref(), Some("udp"));
        let p = parse("5432");
        assert_eq!((value(&p.published), value(&p.target)), (None, Some(5432)));
        let p = parse("127.0.0.1::80");
        assert_eq!((value(&p.published), value(&p.target)), (None, Some(80)));
        let p = parse("8000-8010:80-90");
        assert_eq!(
            (value(&p.published), value(&p.target)),
            (Some(8000), Some(80))
        );
    }

    #[test]
    fn ipv6_ports() {
        let p = parse("[::1]:6001:6001");
        assert_eq!(value(&p.host_ip).as_deref(), Some("::1"));
        assert_eq!(value(&p.published), Some(6001));
        let p = parse("::1:6000:6000");
        assert_eq!(value(&p.host_ip).as_deref(), Some("::1"));
        assert_eq!(value(&p.target), Some(6000));
    }

    #[test]
    fn csv_ports_and_errors() {
        let p = parse("published=8080,target=80,protocol=udp");
        assert_eq!(
            (value(&p.published), value(&p.target)),
            (Some(8080), Some(80))
        );
        assert!(port(&SpannedText::exact("http", 0)).is_err());
        assert!(port(&SpannedText::exact("80:", 0)).is_err());
    }

    #[test]
    fn extra_hosts() {
        let h = extra_host(&SpannedText::exact("host.docker.internal:host-gateway", 0)).unwrap();
        assert_eq!(h.host, "host.docker.internal");
        assert_eq!(h.address.value.as_deref(), Some("host-gateway"));
        let h = extra_host(&SpannedText::exact("db=[::1]", 0)).unwrap();
        assert_eq!(h.address.value.as_deref(), Some("::1"));
        assert!(extra_host(&SpannedText::exact("nohost", 0)).is_err());
    }
}
