// Inputs shared by the package tests: one of each kind, between them touching every
// part of a report (capabilities, mounts, namespaces, non-ASCII names).
export const compose = `services:
  web:
    image: nginx:1.27
    privileged: true
    pid: host
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
  "缓存😀":
    image: redis:7
    cap_drop: [ALL]
    cap_add: [NET_ADMIN]
    network_mode: service:web
    read_only: true
`;

export const run = "docker run --rm --cap-add SYS_ADMIN -v /:/host:ro --network host alpine sh\n";

// The codes each input must raise, in order.
export const expectedCodes = {
  compose: ["PRIV-001", "NS-001", "MNT-001", "CAP-004", "NS-006"],
  run: ["CAP-002", "MNT-004", "NET-001"],
};

/** The codes of a report's diagnostics, or an Error describing the difference. */
export function checkCodes(kind, report) {
  const codes = report.diagnostics.map((diagnostic) => diagnostic.code);
  if (JSON.stringify(codes) !== JSON.stringify(expectedCodes[kind])) {
    throw new Error(`${kind}: expected ${expectedCodes[kind].join(" ")}, got ${codes.join(" ")}`);
  }
  return codes;
}
