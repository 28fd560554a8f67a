//! What some official images need once hardened: the paths they write (which a
//! read-only root filesystem must give them as tmpfs) and the default capabilities
//! they use (which `cap_drop: [ALL]` must add back). Only images whose needs are
//! documented or follow from how the image starts are listed; for any other image
//! the fixes harden without guessing.

/// The needs of one official image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageNeeds {
    /// The Docker Hub official image (`library/NAME`).
    pub repository: &'static str,
    /// Paths the image writes outside its volumes, as tmpfs entries (`PATH[:OPTIONS]`).
    pub writes: &'static [&'static str],
    /// Default capabilities its processes use.
    pub capabilities: &'static [&'static str],
    pub source: &'static str,
}

pub const IMAGES: &[ImageNeeds] = &[
    ImageNeeds {
        repository: "nginx",
        writes: &["/var/cache/nginx", "/var/run"],
        // The master process runs as root, creates its cache directories owned by
        // the `nginx` user and switches its workers to that user. Port 80 needs no
        // capability: Docker opens every port to unprivileged processes in the
        // container (`net.ipv4.ip_unprivileged_port_start=0`).
        capabilities: &["CHOWN", "SETGID", "SETUID"],
        source: "docker-library/docs nginx: the read-only example (`--read-only -v …:/var/cache/nginx -v …:/var/run`); docker-library/nginx nginx.conf (`user nginx;`)",
    },
    ImageNeeds {
        repository: "jetty",
        writes: &["/tmp/jetty", "/run/jetty"],
        // Runs as the `jetty` user.
        capabilities: &[],
        source: "docker-library/docs jetty: the read-only example (`--read-only -v /tmp/jetty -v /run/jetty`)",
    },
    ImageNeeds {
        repository: "varnish",
        // varnishd compiles its VCL into this directory and loads it from there.
        writes: &["/var/lib/varnish/varnishd:exec"],
        capabilities: &[],
        source: "docker-library/docs varnish: the example's `--tmpfs /var/lib/varnish/varnishd:exec`",
    },
];

/// The needs of the image `reference` names, when it is one of [`IMAGES`].
pub fn needs(reference: &str) -> Option<&'static ImageNeeds> {
    let repository = official_repository(reference)?;
    IMAGES.iter().find(|image| image.repository == repository)
}

/// The name of the Docker Hub official image `reference` names (`nginx` for
/// `nginx:1.27`, `docker.io/library/nginx@sha256:…`), or `None` for any other image.
fn official_repository(reference: &str) -> Option<&str> {
    let name = reference.split('@').next()?;
    let name = match name.rsplit_once(':') {
        Some((name, tag)) if !tag.contains('/') => name,
        _ => name,
    };
    let name = ["docker.io/", "index.docker.io/", "registry-1.docker.io/"]
        .iter()
        .find_map(|registry| name.strip_prefix(registry))
        .unwrap_or(name);
    let name = name.strip_prefix("library/").unwrap_or(name);
    (!name.is_empty() && !name.contains('/')).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_images_are_found_however_they_are_named() {
        for reference in [
            "nginx",
            "nginx:1.27-alpine",
            "library/nginx:latest",
            "docker.io/library/nginx@sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d",
            "docker.io/nginx:1.27",
        ] {
            assert_eq!(needs(reference).map(|n| n.repository), Some("nginx"), "{reference}");
        }
        for reference in [
            "bitnami/nginx",
            "ghcr.io/nginx",
            "registry:5000/nginx",
            "nginxinc/nginx-unprivileged",
            "",
        ] {
            assert_eq!(needs(reference), None, "{reference}");
        }
    }
}
