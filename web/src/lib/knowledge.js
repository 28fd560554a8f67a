// Short explanations for the capability, mount and namespace views. The findings,
// capability risks and sensitive paths come from the module; these texts only
// teach what each kind of row means.

/** How a capability got into (or out of) the container. */
export const CAPABILITY_STATUS = {
  default: 'default',
  added: 'added',
  addedByAll: 'added by ALL',
  privileged: 'privileged',
  dropped: 'dropped',
};

/** The namespaces in display order, with what sharing the host's would mean. */
export const NAMESPACES = [
  {
    key: 'pid',
    title: 'PID',
    isolates: 'which processes it can see and signal',
    host: 'It sees every process of the host and, with the right capabilities, can signal, trace or inspect them.',
  },
  {
    key: 'ipc',
    title: 'IPC',
    isolates: 'shared memory and message queues',
    host: 'It reads and writes the host’s shared memory segments and message queues.',
  },
  {
    key: 'uts',
    title: 'UTS',
    isolates: 'host name and domain name',
    host: 'It shares the host’s name; with SYS_ADMIN it can rename the host.',
  },
  {
    key: 'network',
    title: 'Network',
    isolates: 'interfaces, ports, routes and firewall rules',
    host: 'It uses the host’s interfaces: it reaches services bound to the host’s localhost and can sniff with NET_RAW.',
  },
  {
    key: 'userns',
    title: 'User',
    isolates: 'user and group IDs',
    host: 'It opts out of user-ID remapping, so root in the container is root on the host.',
  },
  {
    key: 'cgroup',
    title: 'Cgroup',
    isolates: 'its view of the control-group tree',
    host: 'It sees the host’s whole control-group tree.',
  },
];

/** How the namespace view names each mode. */
export const NAMESPACE_MODE_LABELS = {
  default: 'engine default',
  private: 'private',
  host: 'host',
  joined: 'joined',
  none: 'none',
  other: 'other',
  unknown: 'unknown',
};

/** What the modes that need no per-namespace text mean. */
export const NAMESPACE_MODE_NOTES = {
  private: 'Its own namespace: isolated.',
  none: 'Nothing to share: no network but loopback.',
  other: 'A named network, or a mode of its own that the engine sets up.',
  unknown: 'Written with a variable that is not set; set it under Environment.',
};

/** Engine defaults that are not simply "private". */
export const NAMESPACE_DEFAULTS = {
  userns: 'The host’s user namespace, unless the daemon remaps users (userns-remap) or runs rootless.',
  cgroup: 'Private on cgroup v2 hosts, the host’s on cgroup v1.',
  network: 'Compose: the project’s network. docker run: the default bridge.',
};

/** What each kind of mount is. */
export const MOUNT_KINDS = {
  bind: 'A host path, visible inside the container.',
  volume: 'A named volume managed by the engine.',
  anonymous: 'An anonymous volume: only a container path was given.',
  tmpfs: 'Memory-backed scratch space, gone when the container stops.',
  other: 'Another mount type (npipe, image, cluster…).',
};
