//! The option words of the short volume syntax (`SOURCE:TARGET:OPTIONS`) that the
//! engines understand.
//!
//! Sources: the Docker volume syntax reference (access modes, SELinux labels,
//! propagation, `nocopy`, the macOS consistency modes) and podman-run(1) `--volume`
//! (`U`, `O`, `idmap`, `copy`, the mount flags, `noatime`).

/// Mount option tokens the engines understand in short syntax (Docker and podman).
pub const KNOWN_VOLUME_OPTIONS: [&str; 27] = [
    "ro",
    "rw",
    "z",
    "Z",
    "private",
    "rprivate",
    "shared",
    "rshared",
    "slave",
    "rslave",
    "nocopy",
    "consistent",
    "cached",
    "delegated", // Docker
    "U",
    "O",
    "idmap",
    "copy",
    "exec",
    "noexec",
    "dev",
    "nodev",
    "suid",
    "nosuid",
    "bind",
    "rbind",
    "noatime", // podman
];

/// The mount propagation modes.
pub const PROPAGATION_MODES: [&str; 6] = [
    "private", "rprivate", "shared", "rshared", "slave", "rslave",
];
