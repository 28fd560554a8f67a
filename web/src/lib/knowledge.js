// Short explanations for the capability, mount and namespace views. The findings
// themselves come from shipshape's rules; these texts only teach what each row
// of a view means.

/**
 * Every Linux capability Docker knows: how much it weakens isolation on its own
 * (`critical` … `low`) and what it lets a process do.
 */
export const CAPABILITIES = {
  CHOWN: ['medium', 'Give any file to any user or group, including files on mounted host paths.'],
  DAC_OVERRIDE: ['medium', 'Ignore read, write and execute permissions on files.'],
  DAC_READ_SEARCH: [
    'critical',
    'Ignore read permissions and open files by handle, the trick behind the "Shocker" escape that reads host files.',
  ],
  FOWNER: ['medium', 'Act as the owner of any file: change its mode, timestamps and ACLs.'],
  FSETID: ['low', 'Keep set-user-ID and set-group-ID bits when changing a file.'],
  KILL: ['low', 'Send signals to any process it can see; with the host PID namespace, host processes too.'],
  SETGID: ['medium', 'Switch to any group ID.'],
  SETUID: ['medium', 'Switch to any user ID, as su, sudo and gosu do.'],
  SETPCAP: ['low', 'Change its own capability sets within the bounding set.'],
  LINUX_IMMUTABLE: ['medium', 'Mark files append-only or immutable, including bind-mounted host files.'],
  NET_BIND_SERVICE: [
    'low',
    'Listen on ports below 1024. Unneeded in a private network namespace, where Docker opens those ports to everyone.',
  ],
  NET_BROADCAST: ['low', 'Broadcast and listen to multicast (unused by the kernel today).'],
  NET_ADMIN: [
    'high',
    'Reconfigure network interfaces, routes and firewall rules; with host networking, the host’s own network.',
  ],
  NET_RAW: [
    'medium',
    'Open raw and packet sockets: forge packets, spoof neighbours on a shared bridge, sniff traffic.',
  ],
  IPC_LOCK: ['low', 'Lock memory so it cannot be swapped, which can starve the host of memory.'],
  IPC_OWNER: ['low', 'Bypass permission checks on System V IPC objects; serious with the host IPC namespace.'],
  SYS_MODULE: ['critical', 'Load kernel modules, that is, run any code inside the host kernel.'],
  SYS_RAWIO: ['critical', 'Raw access to I/O ports, /dev/mem and disks below the filesystem.'],
  SYS_CHROOT: ['low', 'Change the root directory with chroot.'],
  SYS_PTRACE: [
    'high',
    'Trace and inspect other processes and their memory; with the host PID namespace, host processes.',
  ],
  SYS_PACCT: ['low', 'Switch process accounting on or off.'],
  SYS_ADMIN: [
    'critical',
    'The catch-all administrator capability: mount filesystems, create namespaces, load BPF and much more. The classic escape enabler.',
  ],
  SYS_BOOT: ['medium', 'Reboot; with the host PID namespace, the host itself.'],
  SYS_NICE: ['medium', 'Raise priorities and use real-time scheduling, starving other workloads of CPU.'],
  SYS_RESOURCE: ['medium', 'Exceed resource limits and quotas.'],
  SYS_TIME: ['high', 'Set the system clock. The clock is not namespaced, so the host’s time changes.'],
  SYS_TTY_CONFIG: ['low', 'Hang up terminals and use privileged terminal controls.'],
  MKNOD: ['low', 'Create device files (still limited by the device cgroup).'],
  LEASE: ['low', 'Take leases on files it does not own.'],
  AUDIT_WRITE: ['low', 'Write records to the kernel audit log.'],
  AUDIT_CONTROL: ['medium', 'Change the kernel’s audit rules, which are not namespaced.'],
  SETFCAP: ['low', 'Set capabilities on files.'],
  MAC_OVERRIDE: ['medium', 'Bypass mandatory access control (Smack).'],
  MAC_ADMIN: ['high', 'Change mandatory access control policy, such as loading AppArmor profiles.'],
  SYSLOG: ['medium', 'Read and clear the kernel log, which leaks kernel addresses.'],
  WAKE_ALARM: ['low', 'Set alarms that wake the system.'],
  BLOCK_SUSPEND: ['low', 'Keep the system from suspending.'],
  AUDIT_READ: ['medium', 'Read the kernel audit log.'],
  PERFMON: ['high', 'Use performance monitoring and tracing, which observe the kernel.'],
  BPF: ['high', 'Load BPF programs and maps into the kernel.'],
  CHECKPOINT_RESTORE: ['medium', 'Checkpoint and restore processes: choose PIDs, read other processes’ mapped files.'],
};

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
  other: 'A named network or an engine-specific mode.',
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
