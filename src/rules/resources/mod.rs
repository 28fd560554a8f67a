//! Resource rules: memory, CPU and process limits, the OOM killer, ulimits, cgroup
//! placement and restart policies.

use super::Rule;
use crate::model::{Container, Setting};
use crate::span::Span;

mod cpu_limit_missing;
mod custom_cgroup_parent;
mod memory_limit_missing;
mod oom_kill_disabled_without_limit;
mod pids_limit_missing;
mod restart_policy;
mod ulimit_raised;

pub use cpu_limit_missing::CPU_LIMIT_MISSING;
pub use custom_cgroup_parent::CUSTOM_CGROUP_PARENT;
pub use memory_limit_missing::MEMORY_LIMIT_MISSING;
pub use oom_kill_disabled_without_limit::OOM_KILL_DISABLED_WITHOUT_LIMIT;
pub use pids_limit_missing::PIDS_LIMIT_MISSING;
pub use restart_policy::RESTART_POLICY;
pub use ulimit_raised::ULIMIT_RAISED;

pub static RULES: &[&Rule] = &[
    &MEMORY_LIMIT_MISSING,
    &CPU_LIMIT_MISSING,
    &PIDS_LIMIT_MISSING,
    &OOM_KILL_DISABLED_WITHOUT_LIMIT,
    &ULIMIT_RAISED,
    &CUSTOM_CGROUP_PARENT,
    &RESTART_POLICY,
];

/// What one limit setting amounts to.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Limit {
    /// Not written at all.
    Missing,
    /// Written with a value that means "no limit" (`0`, `-1`); where.
    Unlimited(Span),
    Limited,
    /// Depends on an unresolved variable.
    Unknown,
}

impl Limit {
    /// Reads a setting; `unlimited` says which values mean no limit.
    fn of<T>(setting: &Option<Setting<T>>, unlimited: impl Fn(&T) -> bool) -> Limit {
        match setting {
            None => Limit::Missing,
            Some(setting) => match setting.get() {
                None => Limit::Unknown,
                Some(value) if unlimited(value) => Limit::Unlimited(setting.span),
                Some(_) => Limit::Limited,
            },
        }
    }
}

/// The memory limit (`mem_limit`, `deploy.resources.limits.memory`, `--memory`);
/// `0` means none.
fn memory_limit(container: &Container) -> Limit {
    Limit::of(&container.resources.memory, |bytes| *bytes == 0)
}
