//! Devices: host device nodes mapped into a container, and device cgroup rules that
//! let it open more of them.
//!
//! Both rules judge the same thing, which host devices the container can reach, so
//! they share one classification, `knowledge::devices::DeviceClass`, with its risk and reason.

use super::Rule;

mod device_cgroup_rule;
mod host_device;

pub(crate) use device_cgroup_rule::reached_by;
pub use device_cgroup_rule::DEVICE_CGROUP_RULE;
pub use host_device::HOST_DEVICE;

pub static RULES: &[&Rule] = &[&HOST_DEVICE, &DEVICE_CGROUP_RULE];
