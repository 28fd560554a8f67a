//! What shipshape knows about container engines and the Linux kernel, as plain data
//! with the sources it comes from: capabilities, sensitive host paths and sockets,
//! the paths Docker masks or makes read-only, sysctls, device classes, the
//! volume options and the engines' command-line flags (one table per engine, read
//! from its source).
//!
//! This layer imports nothing else of the crate. It rates how dangerous things are
//! with its own [`Risk`] scale; the rules and the report turn a risk into a
//! diagnostic severity (`impl From<Risk> for Severity` in `src/diagnostic.rs`).

pub mod capabilities;
pub mod compose_keys;
pub mod devices;
pub mod engines;
pub mod flags;
pub mod host_paths;
pub mod images;
pub mod kernel_paths;
pub mod mount_options;
pub mod sysctls;

/// How much something weakens a container's isolation, from harmless to a host
/// takeover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Risk {
    /// Exposes nothing worth a finding (a read-only bind of a public file).
    Harmless,
    Low,
    Medium,
    High,
    Critical,
}
