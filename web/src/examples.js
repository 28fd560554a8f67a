// The examples menu: realistic setups, each showing a different way a container's
// isolation gets weakened, plus one hardened reference.

/** @type {Array<{ id: string, title: string, text: string }>} */
export const EXAMPLES = [
  {
    id: 'monitoring-agent',
    title: 'Monitoring agent: privileged, host mounts',
    text: `# A container-metrics agent, set up the way many guides show it.
services:
  cadvisor:
    image: gcr.io/cadvisor/cadvisor:v0.49.1
    privileged: true
    devices:
      - /dev/kmsg
    volumes:
      - /:/rootfs:ro
      - /var/run:/var/run:ro
      - /sys:/sys:ro
      - /var/lib/docker/:/var/lib/docker:ro
      - /dev/disk/:/dev/disk:ro
    ports:
      - "8080:8080"
    restart: unless-stopped
`,
  },
  {
    id: 'node-exporter',
    title: 'Exporter: host PID and network',
    text: `# Prometheus node exporter reading the host's /proc and /sys.
services:
  node-exporter:
    image: quay.io/prometheus/node-exporter:v1.8.2
    command:
      - --path.rootfs=/host
    network_mode: host
    pid: host
    restart: unless-stopped
    volumes:
      - /:/host:ro,rslave
`,
  },
  {
    id: 'reverse-proxy',
    title: 'Reverse proxy with the Docker socket',
    text: `# Traefik discovers services through the Docker API.
services:
  traefik:
    image: traefik:v3.1
    command:
      - --providers.docker=true
      - --providers.docker.exposedbydefault=false
      - --entrypoints.web.address=:80
      - --entrypoints.websecure.address=:443
    ports:
      - "80:80"
      - "443:443"
      - "8080:8080"
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock:ro
      - ./letsencrypt:/letsencrypt

  whoami:
    image: traefik/whoami:v1.10
    labels:
      - traefik.enable=true
      - traefik.http.routers.whoami.rule=Host(\`whoami.localhost\`)
`,
  },
  {
    id: 'debug-sidecar',
    title: 'Debug container with SYS_PTRACE',
    text: `# A troubleshooting container attached to a running service.
services:
  api:
    image: registry.example.com/shop/api:2.3.1
    ports:
      - "127.0.0.1:8080:8080"

  debug:
    image: nicolaka/netshoot:v0.13
    command: sleep infinity
    pid: service:api
    network_mode: service:api
    cap_add:
      - SYS_PTRACE
      - NET_ADMIN
    security_opt:
      - seccomp:unconfined
    stdin_open: true
    tty: true
`,
  },
  {
    id: 'vpn',
    title: 'VPN: NET_ADMIN, kernel modules, /dev/net/tun',
    text: `# A WireGuard server for a few peers.
services:
  wireguard:
    image: lscr.io/linuxserver/wireguard:1.0.20210914
    cap_add:
      - NET_ADMIN
      - SYS_MODULE
    environment:
      - PUID=1000
      - PGID=1000
      - TZ=Etc/UTC
      - SERVERURL=vpn.example.com
      - PEERS=3
    volumes:
      - ./config:/config
      - /lib/modules:/lib/modules:ro
    ports:
      - 51820:51820/udp
    sysctls:
      - net.ipv4.conf.all.src_valid_mark=1
    devices:
      - /dev/net/tun:/dev/net/tun
    restart: unless-stopped
`,
  },
  {
    id: 'hardened',
    title: 'Hardened reference service',
    text: `# A web API with the isolation Docker offers turned all the way up.
services:
  api:
    image: registry.example.com/shop/api:2.3.1@sha256:4c5d1e3b2a8f0c9d7e6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d
    user: "10001:10001"
    read_only: true
    cap_drop:
      - ALL
    security_opt:
      - no-new-privileges=true
    tmpfs:
      - /tmp:size=16m
    ports:
      - "127.0.0.1:8080:8080"
    mem_limit: 256m
    cpus: 0.5
    pids_limit: 200
    restart: on-failure:5
    healthcheck:
      test: ["CMD", "/app/healthcheck"]
      interval: 30s
      timeout: 3s
      retries: 3
    networks:
      - backend

networks:
  backend:
`,
  },
  {
    id: 'ci-runner',
    title: 'docker run: CI runner over continued lines',
    text: `# A self-hosted CI runner that builds images with the host's Docker.
docker run -d --name ci-runner \\
  --restart always \\
  -v /var/run/docker.sock:/var/run/docker.sock \\
  -v /srv/gitlab-runner/config:/etc/gitlab-runner \\
  --cap-add SYS_ADMIN \\
  --security-opt seccomp=unconfined \\
  -e RUNNER_NAME=build-01 \\
  -p 9252:9252 \\
  gitlab/gitlab-runner:latest
`,
  },
  {
    id: 'podman-rootless',
    title: 'podman run: rootless Podman in Podman',
    text: `# Build images inside a rootless Podman container.
podman run --rm -it \\
  --userns=keep-id \\
  --user podman \\
  --security-opt label=disable \\
  --device /dev/fuse \\
  -v "$HOME/projects/shop:/workspace:Z" \\
  quay.io/podman/stable:v5.2 \\
  podman build -t shop-api /workspace
`,
  },
  {
    id: 'gpu-notebook',
    title: 'docker run: GPU notebook with the host IPC',
    text: `# A GPU training container, as deep-learning guides often suggest.
docker run --gpus all --ipc=host \\
  --ulimit memlock=-1 --ulimit stack=67108864 \\
  -it --rm -p 8888:8888 \\
  -v "$PWD":/workspace \\
  nvcr.io/nvidia/pytorch:24.08-py3 \\
  jupyter lab --ip=0.0.0.0 --allow-root
`,
  },
];
