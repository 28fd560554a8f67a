use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::knowledge::devices::DeviceClass;
use crate::knowledge::host_paths::HostPath;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags host devices mapped into a container (`devices:`, `--device`), and for information, GPU requests (`gpus:`, `--gpus`).
    ///
    /// - critical: `/dev` itself, `/dev/mem`, `/dev/kmem`, `/dev/port`, and disks
    ///   (`/dev/sd*`, `/dev/nvme*`, `/dev/vd*`, `/dev/xvd*`, `/dev/hd*`, `/dev/mmcblk*`,
    ///   `/dev/dm-*`, `/dev/disk/...`, `/dev/mapper/...`);
    /// - high: `/dev/fuse`, `/dev/kvm`, `/dev/net/tun`;
    /// - medium: any other device;
    /// - info: GPUs and CDI device names (`nvidia.com/gpu=all`).
    ///
    /// ## Why is this bad?
    /// Docker lets a container open only a handful of harmless devices (`null`, `zero`,
    /// `random`, terminals). Each mapped device adds a host device node and a hole in
    /// that allow-list, with read, write and `mknod` access unless you say otherwise.
    /// A disk gives raw access to every file on it, whatever its permissions;
    /// `/dev/mem` and friends give the running kernel; `/dev/fuse`, `/dev/kvm` and
    /// `/dev/net/tun` are classic helpers in escapes; and every device's driver is
    /// kernel code the container can now talk to directly.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   disk-tool:
    ///     image: alpine:3.20
    ///     devices:
    ///       - /dev/sda:/dev/sda
    /// ```
    ///
    /// ```sh
    /// docker run --device /dev/kvm dockurr/windows:4.00
    /// ```
    ///
    /// ## Use instead
    /// Work on a disk image instead of the host's disk, or map only the one device the
    /// service needs, with only the access it needs:
    /// ```yaml
    /// services:
    ///   disk-tool:
    ///     image: alpine:3.20
    ///     volumes:
    ///       - ./disk.img:/data/disk.img
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: which device and access mode the service needs is hardware
    /// knowledge only you have.
    ///
    /// ## When not to use it
    /// Hardware-facing services (media transcoding on `/dev/dri`, USB or serial
    /// gateways, virtual machines on `/dev/kvm`) need their device. Map exactly that
    /// node, with `r` or `rw` rather than the default `rwm`, and suppress the finding
    /// with a reason.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.18 (5.17 in v1.5.0): Ensure that host devices are not directly exposed to containers
    /// - Kubernetes Pod Security Standards, baseline: Privileged Containers and HostPath Volumes (the ways a pod gets host devices)
    /// - Falco: Privileged Container Device Access
    /// - Docker documentation: `docker container run --device`, `--gpus`; Compose `devices`, `gpus`
    pub static HOST_DEVICE = {
        code: "DEV-001",
        name: "host-device",
        family: Devices,
        severity: Medium,
        profiles: DBRC,
        fix: None,
        check: check,
    }
}

const HELP: &str =
    "map only the device the service needs, with `r` or `rw` access rather than the default `rwm`";

fn check(container: &Container, checker: &mut Checker) {
    for device in &container.devices {
        let host = &device.host_path;
        let (message, severity) = match host.value.as_deref() {
            // A path that depends on an unresolved variable is still a host device.
            None => (
                format!("maps a host device whose path is not resolved (`{}`): it is a hole in the device allow-list", host.raw),
                Severity::from(DeviceClass::Other.risk()),
            ),
            Some(name) if is_cdi_name(name) => (
                format!("requests the CDI device `{name}`: its driver becomes attack surface the container shares with the host"),
                Severity::Info,
            ),
            Some(path) => {
                let class = DeviceClass::of_path(&HostPath::parse(path).to_string());
                (
                    format!("maps the host's {path}: {}", class.reason()),
                    Severity::from(class.risk()),
                )
            }
        };
        checker
            .report(container, host.span, message)
            .severity(severity)
            .help(HELP);
    }
    for gpus in &container.gpus {
        let Some(request) = gpus.value.as_deref() else {
            continue;
        };
        let which = if request.trim().eq_ignore_ascii_case("all") {
            "every host GPU".to_string()
        } else {
            format!("host GPUs (`{request}`)")
        };
        checker
            .report(
                container,
                gpus.span,
                format!("gets {which}: the GPU driver becomes attack surface the container shares with the host"),
            )
            .severity(Severity::Info)
            .help("request only the GPUs the service uses, by ID, rather than all of them");
    }
}

/// Container Device Interface names (`vendor.com/class=name`) request devices by name.
fn is_cdi_name(name: &str) -> bool {
    !name.starts_with('/') && name.contains('=')
}

#[cfg(test)]
mod tests {
    use super::HOST_DEVICE as RULE;
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::rules::testing::{assert_cases, diagnostics_with};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  web:\n    image: app\n",
                "docker run -v /dev/null:/x app",
            ],
            &[
                ("services:\n  web:\n    image: app\n    devices:\n      - /dev/sda:/dev/xvdc:r\n", &[(5, 9)]),
                ("services:\n  web:\n    image: app\n    devices:\n      - \"/dev/dri:/dev/dri\"\n      - ${DEV}\n", &[(5, 10), (6, 9)]),
                ("services:\n  web:\n    image: app\n    gpus: all\n", &[(4, 11)]),
                ("docker run --device /dev/kvm --device=/dev/net/tun app", &[(1, 21), (1, 39)]),
                ("docker run --gpus all app", &[(1, 19)]),
            ],
        );
    }

    #[test]
    fn severity_follows_the_device() {
        let severity = |device: &str| {
            let text = format!("docker run --device {device} app");
            diagnostics_with(&RULE, &text, Config::default())[0].severity
        };
        assert_eq!(severity("/dev/sda"), Severity::Critical);
        assert_eq!(severity("/dev/../dev/mem"), Severity::Critical);
        assert_eq!(severity("/dev/"), Severity::Critical);
        assert_eq!(severity("/dev/fuse"), Severity::High);
        assert_eq!(severity("/dev/ttyUSB0:/dev/ttyUSB0:rw"), Severity::Medium);
        assert_eq!(severity("nvidia.com/gpu=all"), Severity::Info);
    }
}
