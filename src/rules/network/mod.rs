//! Network rules: host networking, the default bridge, published ports, name
//! resolution and settings the engine rejects or ignores.

use super::Rule;
use crate::model::{Container, NamespaceMode};

mod default_bridge;
mod host_network;
mod name_resolution_override;
mod network_config_conflict;
mod port_all_interfaces;
mod privileged_host_port;

pub use default_bridge::DEFAULT_BRIDGE;
pub use host_network::HOST_NETWORK;
pub use name_resolution_override::NAME_RESOLUTION_OVERRIDE;
pub use network_config_conflict::NETWORK_CONFIG_CONFLICT;
pub use port_all_interfaces::PORT_ALL_INTERFACES;
pub use privileged_host_port::PRIVILEGED_HOST_PORT;

pub static RULES: &[&Rule] = &[
    &HOST_NETWORK,
    &DEFAULT_BRIDGE,
    &PORT_ALL_INTERFACES,
    &PRIVILEGED_HOST_PORT,
    &NAME_RESOLUTION_OVERRIDE,
    &NETWORK_CONFIG_CONFLICT,
];

/// Whether Docker publishes the container's `ports`: not with host networking (it
/// ignores them), another container's network (it rejects them) or none, nor when
/// the mode is unknown.
fn publishes_ports(container: &Container) -> bool {
    match &container.namespaces.network {
        None => true,
        Some(setting) => matches!(
            setting.get(),
            Some(NamespaceMode::Bridge | NamespaceMode::Private | NamespaceMode::Other(_))
        ),
    }
}
