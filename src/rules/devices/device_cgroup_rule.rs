use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::knowledge::devices::DeviceClass;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags device cgroup rules (`device_cgroup_rules:`, `--device-cgroup-rule`), which widen the list of host devices the container may open or create.
    ///
    /// A rule is high, and critical when it opens every device (`a *:* rwm`,
    /// `c *:* rwm`), every block device (`b ...`, since block devices are disks), or the
    /// memory devices (`c 1:1`, `c 1:2`, `c 1:4`, `c 1:*`).
    ///
    /// ## Why is this bad?
    /// The device cgroup is what keeps a container away from the host's devices: Docker
    /// allows only `null`, `zero`, `full`, `random`, `urandom` and terminals. A rule
    /// `TYPE MAJOR:MINOR ACCESS` adds to that list, and with the `m` access and the
    /// `MKNOD` capability (in Docker's default set) the container can create the device
    /// node itself, without any `devices:` entry. `b 8:* rwm` is raw access to the
    /// host's SCSI and SATA disks; `a *:* rwm` is every device the host has.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   usb:
    ///     image: homeassistant/home-assistant:2024.10
    ///     device_cgroup_rules:
    ///       - "c *:* rmw"
    /// ```
    ///
    /// ```sh
    /// docker run --device-cgroup-rule "b 8:* rmw" alpine:3.20
    /// ```
    ///
    /// ## Use instead
    /// Map the one device node the service uses:
    /// ```yaml
    /// services:
    ///   usb:
    ///     image: homeassistant/home-assistant:2024.10
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: which major and minor numbers the service needs is hardware
    /// knowledge only you have.
    ///
    /// ## When not to use it
    /// Hot-plugged hardware (USB serial adapters, cameras) whose device nodes appear
    /// after the container starts needs a rule. Narrow it to the device's major number
    /// and the access it needs (`c 188:* rw` for USB serial), and suppress the finding
    /// with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.18 (5.17 in v1.5.0): Ensure that host devices are not directly exposed to containers
    /// - Linux kernel documentation: Device Whitelist Controller (cgroup v1 `devices`)
    /// - Docker documentation: `docker container run --device-cgroup-rule`; Compose `device_cgroup_rules`
    pub static DEVICE_CGROUP_RULE = {
        code: "DEV-002",
        name: "device-cgroup-rule",
        family: Devices,
        severity: High,
        profiles: DBRC,
        fix: None,
        check: check,
    }
}

fn check(container: &Container, checker: &mut Checker) {
    for rule in &container.device_cgroup_rules {
        let Some(text) = rule.value.as_deref() else {
            continue;
        };
        let class = reached_by(text);
        let severity = Severity::from(class.risk()).max(DEVICE_CGROUP_RULE.severity);
        let reach = match class {
            // A rule for an unremarkable device is still a hole in the allow-list.
            DeviceClass::Other => "host devices beyond Docker's allow-list".to_string(),
            class => class.reason().to_string(),
        };
        checker
            .report(
                container,
                rule.span,
                format!("lets the container open, and with `m` create, `{}`: {reach}", text.trim()),
            )
            .severity(severity)
            .help("map the one device the service uses instead, or narrow the rule to its major and minor numbers and the access it needs");
    }
}

/// What a rule `TYPE MAJOR:MINOR ACCESS` reaches (malformed rules reach the unknown).
pub(crate) fn reached_by(rule: &str) -> DeviceClass {
    let mut fields = rule.split_whitespace();
    let (Some(kind), Some(numbers)) = (fields.next(), fields.next()) else {
        return DeviceClass::Other;
    };
    let (major, minor) = numbers.split_once(':').unwrap_or((numbers, "*"));
    match (kind, major, minor) {
        ("a", _, _) | ("c", "*", _) => DeviceClass::Everything,
        ("b", "*", _) => DeviceClass::AllDisks,
        ("b", _, _) => DeviceClass::Disk,
        // Major 1: mem (1), kmem (2), port (4); the rest of it (null, zero...) is allowed anyway.
        ("c", "1", "*" | "1" | "2" | "4") => DeviceClass::Memory,
        ("c", "10", "229") => DeviceClass::Fuse,
        ("c", "10", "232") => DeviceClass::Kvm,
        ("c", "10", "200") => DeviceClass::Tun,
        _ => DeviceClass::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::{reached_by, DEVICE_CGROUP_RULE as RULE};
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::knowledge::devices::DeviceClass;
    use crate::rules::testing::{assert_cases, diagnostics_with};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  web:\n    image: app\n",
                "services:\n  web:\n    image: app\n    device_cgroup_rules:\n      - ${RULE}\n",
            ],
            &[
                (
                    "services:\n  web:\n    image: app\n    device_cgroup_rules:\n      - 'c 188:* rw'\n      - \"a *:* rwm\"\n",
                    &[(5, 9), (6, 9)],
                ),
                ("docker run --device-cgroup-rule 'b 8:* rmw' app", &[(1, 34)]),
                ("docker run --device-cgroup-rule=\"c 10:229 rwm\" app", &[(1, 34)]),
            ],
        );
    }

    #[test]
    fn severity_follows_what_the_rule_reaches() {
        assert_eq!(reached_by("a *:* rwm"), DeviceClass::Everything);
        assert_eq!(reached_by("c *:* rwm"), DeviceClass::Everything);
        assert_eq!(reached_by("b *:* r"), DeviceClass::AllDisks);
        assert_eq!(reached_by("b 8:0 rw"), DeviceClass::Disk);
        assert_eq!(reached_by("c 1:1 r"), DeviceClass::Memory);
        assert_eq!(reached_by("c 1:3 rw"), DeviceClass::Other);
        assert_eq!(reached_by("c 10:200 rwm"), DeviceClass::Tun);
        let severity = |rule: &str| {
            let text = format!("docker run --device-cgroup-rule '{rule}' app");
            diagnostics_with(&RULE, &text, Config::default())[0].severity
        };
        assert_eq!(severity("c 188:* rw"), Severity::High);
        assert_eq!(severity("b 8:* rmw"), Severity::Critical);
        assert_eq!(severity("c 1:1 r"), Severity::Critical);
    }
}
