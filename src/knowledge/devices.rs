//! Classes of host devices, by what access to them gives a container.
//!
//! Sources: devices.txt of the Linux kernel (device names and numbers) and the
//! block device names of its drivers (`sd`, `nvme`, `vd`, `xvd`, `hd`, `dm-`,
//! `mmcblk`).

use super::Risk;

/// What kind of host device a mapping or a cgroup rule reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceClass {
    /// Every device at once (`/dev`, `a *:* rwm`, `c *:* rwm`).
    Everything,
    /// Every block device (`b *:* rwm`).
    AllDisks,
    /// `/dev/mem`, `/dev/kmem`, `/dev/port`.
    Memory,
    /// A disk or partition (`/dev/sda`, `/dev/nvme0n1`, `/dev/mapper/root`).
    Disk,
    Fuse,
    Kvm,
    Tun,
    /// Any other device: a serial port, a GPU, a sound card ...
    Other,
}

impl DeviceClass {
    /// How much access to the device weakens isolation.
    pub fn risk(self) -> Risk {
        match self {
            DeviceClass::Everything
            | DeviceClass::AllDisks
            | DeviceClass::Memory
            | DeviceClass::Disk => Risk::Critical,
            DeviceClass::Fuse | DeviceClass::Kvm | DeviceClass::Tun => Risk::High,
            DeviceClass::Other => Risk::Medium,
        }
    }

    /// What access to the device means for the host, as a noun phrase.
    pub fn reason(self) -> &'static str {
        match self {
            DeviceClass::Everything => {
                "every host device, the disks and the kernel's memory included"
            }
            DeviceClass::AllDisks => {
                "every block device, so raw access to the host's disks and every file on them, whatever their permissions"
            }
            DeviceClass::Memory => {
                "the host's physical memory or I/O ports, which is reading and rewriting the running kernel"
            }
            DeviceClass::Disk => {
                "a host disk, whose raw blocks give every file on it, whatever its permissions"
            }
            DeviceClass::Fuse => {
                "FUSE, which lets the container mount filesystems of its own making, a common step in escapes"
            }
            DeviceClass::Kvm => "KVM, direct access to the host's hypervisor",
            DeviceClass::Tun => {
                "TUN/TAP, which creates network interfaces that can route around the container's network"
            }
            DeviceClass::Other => "a host device, whose driver becomes attack surface the container shares with the host",
        }
    }

    /// The class of a host device path (normalised, e.g. `/dev/sda1`).
    pub fn of_path(path: &str) -> DeviceClass {
        const DISK_PREFIXES: [&str; 7] = ["sd", "nvme", "vd", "xvd", "hd", "dm-", "mmcblk"];
        let Some(name) = path.strip_prefix("/dev/") else {
            return if path == "/dev" {
                DeviceClass::Everything
            } else {
                DeviceClass::Other
            };
        };
        match name {
            "mem" | "kmem" | "port" => DeviceClass::Memory,
            "fuse" => DeviceClass::Fuse,
            "kvm" => DeviceClass::Kvm,
            "net/tun" => DeviceClass::Tun,
            _ if name.starts_with("disk/") || name.starts_with("mapper/") => DeviceClass::Disk,
            _ if !name.contains('/') && DISK_PREFIXES.iter().any(|p| name.starts_with(p)) => {
                DeviceClass::Disk
            }
            _ => DeviceClass::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DeviceClass;

    #[test]
    fn device_paths_are_classified() {
        let class = DeviceClass::of_path;
        assert_eq!(class("/dev"), DeviceClass::Everything);
        assert_eq!(class("/dev/mem"), DeviceClass::Memory);
        assert_eq!(class("/dev/sda"), DeviceClass::Disk);
        assert_eq!(class("/dev/nvme0n1p2"), DeviceClass::Disk);
        assert_eq!(class("/dev/disk/by-id/usb-stick"), DeviceClass::Disk);
        assert_eq!(class("/dev/dm-0"), DeviceClass::Disk);
        assert_eq!(class("/dev/net/tun"), DeviceClass::Tun);
        assert_eq!(class("/dev/dri/renderD128"), DeviceClass::Other);
        assert_eq!(class("/dev/snd"), DeviceClass::Other);
        assert_eq!(class("/dev/ttyUSB0"), DeviceClass::Other);
    }
}
