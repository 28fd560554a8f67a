//! Volumes, tmpfs mounts, `--mount` and devices.

use super::{go_bool, parse_bool, SpannedText, ValueError};
use crate::knowledge::engines::Engine;
use crate::knowledge::mount_options::{KNOWN_VOLUME_OPTIONS, PROPAGATION_MODES};
use crate::model::{Device, Mount, MountKind, MountSyntax, Relabel, Setting};
use std::ops::Range;

/// Whether a volume source is a host path rather than a volume name: absolute,
/// relative (`.`), home (`~`), Windows (`C:\`, `\\`), or an unknown expansion
/// (which becomes a host path once the shell or Compose expands it).
fn is_host_path(text: &SpannedText, range: Range<usize>) -> bool {
    let source = &text.as_str()[range.clone()];
    source.starts_with(['/', '.', '~', '\\'])
        || is_drive_letter_path(source)
        || (!source.is_empty() && !text.is_resolved(range.start..range.start + 1))
}

fn is_drive_letter_path(source: &str) -> bool {
    let bytes = source.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

/// Splits `SRC:DST:OPTS` on `:`, keeping a Windows drive letter (`c:\foo`) with its path.
fn volume_fields(text: &SpannedText) -> Vec<Range<usize>> {
    let mut fields: Vec<Range<usize>> = Vec::new();
    for part in text.split(':') {
        let previous_is_drive = fields.last().is_some_and(|last| {
            last.len() == 1
                && text.as_str()[last.clone()]
                    .chars()
                    .all(|c| c.is_ascii_alphabetic())
        });
        let continues_path = text.as_str()[part.clone()].starts_with(['\\', '/']);
        match fields.last_mut() {
            Some(last) if previous_is_drive && continues_path => last.end = part.end,
            _ => fields.push(part),
        }
    }
    fields
}

fn empty_mount(kind: MountKind, syntax: MountSyntax, span: crate::span::Span) -> Mount {
    Mount {
        kind,
        syntax,
        source: None,
        target: None,
        read_only: None,
        propagation: None,
        relabel: None,
        subpath: None,
        unknown_options: Vec::new(),
        span,
    }
}

/// `[SOURCE:]TARGET[:OPTIONS]`: Compose short syntax and `-v` / `--volume`.
pub fn short_volume(text: &SpannedText) -> Result<Mount, ValueError> {
    let fields = volume_fields(text);
    let (source, target, options) = match fields.as_slice() {
        [target] => (None, target.clone(), None),
        [source, target] => (Some(source.clone()), target.clone(), None),
        [source, target, options] => (Some(source.clone()), target.clone(), Some(options.clone())),
        _ => {
            return Err(ValueError::new(
                text.span(),
                format!(
                    "`{}` has too many `:`: expected [SOURCE:]TARGET[:OPTIONS]",
                    text.as_str()
                ),
            ))
        }
    };
    if target.is_empty() {
        return Err(ValueError::new(
            text.span(),
            format!("`{}` has no container path", text.as_str()),
        ));
    }
    let kind = match &source {
        None => MountKind::Anonymous,
        Some(range) if is_host_path(text, range.clone()) => MountKind::Bind,
        Some(_) => MountKind::Volume,
    };
    let mut mount = empty_mount(kind, MountSyntax::Short, text.span());
    mount.source = source.map(|range| text.setting_of(range));
    mount.target = Some(text.setting_of(target));
    if let Some(options) = options {
        for token in text.split_within(options, ',') {
            if token.is_empty() {
                continue;
            }
            let option = text.setting_of(token);
            match option.value.as_deref() {
                Some(mode @ ("z" | "Z")) => {
                    let relabel = if mode == "z" {
                        Relabel::Shared
                    } else {
                        Relabel::Private
                    };
                    set_relabel(&mut mount, Setting::known(relabel, mode, option.span))?
                }
                Some("ro") => mount.read_only = Some(Setting::known(true, "ro", option.span)),
                Some("rw") => mount.read_only = Some(Setting::known(false, "rw", option.span)),
                Some(mode) if PROPAGATION_MODES.contains(&mode) => mount.propagation = Some(option),
                Some(known) if KNOWN_VOLUME_OPTIONS.contains(&known) => {}
                _ => mount.unknown_options.push(option),
            }
        }
    }
    Ok(mount)
}

/// Records the mount's relabelling; the engines take one `z` or `Z` at most (moby's
/// `ValidMountMode`, podman's "only one of 'z' and 'Z' can be used").
fn set_relabel(mount: &mut Mount, relabel: Setting<Relabel>) -> Result<(), ValueError> {
    if let Some(first) = &mount.relabel {
        return Err(ValueError::new(
            relabel.span,
            format!(
                "`{}` after `{}`: the engine takes one relabelling option (`z` or `Z`) per mount; as written, the container is not created",
                relabel.raw, first.raw
            ),
        ));
    }
    mount.relabel = Some(relabel);
    Ok(())
}

/// `PATH[:OPTIONS]`: Compose `tmpfs` entries and `--tmpfs`.
pub fn tmpfs(text: &SpannedText) -> Result<Mount, ValueError> {
    let raw = text.as_str();
    let (path, options) = match raw.find(':') {
        Some(at) => (0..at, Some(at + 1..raw.len())),
        None => (0..raw.len(), None),
    };
    if path.is_empty() {
        return Err(ValueError::new(
            text.span(),
            format!("`{raw}` has no container path"),
        ));
    }
    let mut mount = empty_mount(MountKind::Tmpfs, MountSyntax::Tmpfs, text.span());
    mount.target = Some(text.setting_of(path));
    for token in options
        .map(|o| text.split_within(o, ','))
        .unwrap_or_default()
    {
        match &raw[token.clone()] {
            "ro" => mount.read_only = Some(Setting::known(true, "ro", text.span_of(token))),
            "rw" => mount.read_only = Some(Setting::known(false, "rw", text.span_of(token))),
            _ => {}
        }
    }
    Ok(mount)
}

/// The fields of a CSV value (`--mount`, `--gpus`) as the CLI's CSV reader returns
/// them: split on commas outside double quotes, a quoted field without its quotes
/// and with `""` read as `"` (`"source=/a,b",target=/c` has two fields).
pub fn csv_record(text: &str) -> Vec<String> {
    let spanned = SpannedText::exact(text, 0);
    csv_fields(&spanned)
        .into_iter()
        .map(|field| {
            let inner = without_quotes(text, field.clone());
            if inner == field {
                text[field].to_string()
            } else {
                text[inner].replace("\"\"", "\"")
            }
        })
        .collect()
}

/// A field in double quotes (`"volume-opt=o=bind,rw"`) without them.
fn without_quotes(raw: &str, field: Range<usize>) -> Range<usize> {
    let text = &raw[field.clone()];
    if text.len() >= 2 && text.starts_with('"') && text.ends_with('"') {
        field.start + 1..field.end - 1
    } else {
        field
    }
}

/// Splits a `--mount` value into fields on commas outside double quotes, like the
/// CLI's CSV reader.
fn csv_fields(text: &SpannedText) -> Vec<Range<usize>> {
    let mut fields = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, c) in text.as_str().char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted && text.is_resolved(i..i + 1) => {
                fields.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
    }
    fields.push(start..text.len());
    fields
}

/// The kind of mount a `--mount type=` names: docker's types and podman's own
/// (`glob` binds every host path a pattern matches, `ramfs` is a tmpfs without swap).
fn mount_type(name: &str) -> Option<MountKind> {
    match name {
        "bind" | "glob" => Some(MountKind::Bind),
        // A Windows named pipe of the host, such as the engine's own.
        "npipe" => Some(MountKind::Bind),
        "volume" => Some(MountKind::Volume),
        "tmpfs" | "ramfs" => Some(MountKind::Tmpfs),
        "image" | "devpts" | "cluster" | "artifact" => Some(MountKind::Other),
        _ => None,
    }
}

/// `--mount type=bind,source=/a,target=/b,readonly,bind-propagation=rshared`. A
/// volume of the local driver whose `volume-opt`s bind a host directory
/// (`volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/etc`) is that host
/// directory. podman also relabels the bind (`relabel=shared|private`, `z`, `Z`).
pub fn mount_flag(text: &SpannedText, engine: Engine) -> Result<Mount, ValueError> {
    match engine {
        Engine::Docker => docker_mount_fields(text)?,
        Engine::Nerdctl => nerdctl_mount_fields(text)?,
        Engine::Podman => podman_mount_fields(text)?,
    }
    let raw = text.as_str();
    let mut mount = empty_mount(MountKind::Volume, MountSyntax::MountFlag, text.span());
    let mut binds_host = false;
    let mut device = None;
    let mut local_driver = true;
    // nerdctl splits on every comma (`strings.Split`), the others read CSV.
    let fields = match engine {
        Engine::Nerdctl => text.split(','),
        Engine::Docker | Engine::Podman => csv_fields(text)
            .into_iter()
            .map(|field| without_quotes(raw, field))
            .collect(),
    };
    for field in fields {
        let field_text = &raw[field.clone()];
        let (key, value) = match field_text.find('=') {
            Some(eq) => (&field_text[..eq], Some(field.start + eq + 1..field.end)),
            None => (field_text, None),
        };
        match key.to_ascii_lowercase().as_str() {
            "type" => {
                let name = value.as_ref().map_or("", |v| &raw[v.clone()]);
                mount.kind = mount_type(name).ok_or_else(|| {
                    ValueError::new(
                        value.clone().map_or(text.span(), |v| text.span_of(v)),
                        format!("`{name}` is not a mount type the engine knows (bind, volume, tmpfs, npipe, cluster, image; podman also glob, devpts, ramfs)"),
                    )
                })?;
            }
            "source" | "src" => mount.source = value.map(|v| text.setting_of(v)),
            "target" | "dst" | "destination" => mount.target = value.map(|v| text.setting_of(v)),
            // podman (containers/podman `pkg/specgenutil/volumes.go`,
            // `parseMountOptions`) takes `readonly`, `ro` and `rw`, once, reads their
            // value as `true` or `false` in any case, and ignores any other value.
            "readonly" | "ro" | "rw" if engine == Engine::Podman => {
                if mount.read_only.is_some() {
                    return Err(ValueError::new(
                        text.span_of(field),
                        "podman takes one of `readonly`, `ro` and `rw` per mount; as written, the container is not created".to_string(),
                    ));
                }
                let on = match value.as_ref().map(|v| raw[v.clone()].to_ascii_lowercase()) {
                    None => Some(true),
                    Some(v) if v == "true" => Some(true),
                    Some(v) if v == "false" => Some(false),
                    Some(_) => None,
                };
                // `rw=false` is read-only and `rw` read-write; a fix rewrites the whole
                // `rw` field, or the value of `readonly`/`ro`.
                let rw = key.eq_ignore_ascii_case("rw");
                let (written, span) = match &value {
                    Some(v) if !rw => (&raw[v.clone()], text.span_of(v.clone())),
                    _ => ("rw", text.span_of(field.clone())),
                };
                mount.read_only = on.map(|on| Setting::known(on != rw, written, span));
            }
            // nerdctl's recursively read-only bind.
            "readonly" | "ro" | "rro" if engine == Engine::Nerdctl || key != "rro" => {
                mount.read_only = Some(match value {
                    Some(v) => text.parse_part(v, "true or false", parse_bool)?,
                    None => Setting::known(true, key, text.span_of(field)),
                })
            }
            "bind-propagation" => mount.propagation = value.map(|v| text.setting_of(v)),
            "relabel" | "z" | "Z" if engine == Engine::Podman => {
                let written = field.clone();
                let relabel = match (key, value.as_ref().map(|v| &raw[v.clone()])) {
                    ("relabel", Some("shared")) | ("z", None) => Relabel::Shared,
                    ("relabel", Some("private")) | ("Z", None) => Relabel::Private,
                    _ => {
                        return Err(ValueError::new(
                            text.span_of(written),
                            "podman takes `relabel=shared` or `relabel=private` (or `z`, `Z`); as written, the container is not created".to_string(),
                        ))
                    }
                };
                let setting = text.setting_of(written);
                set_relabel(
                    &mut mount,
                    Setting {
                        value: Some(relabel),
                        raw: setting.raw,
                        span: setting.span,
                    },
                )?
            }
            "subpath" | "volume-subpath" if engine == Engine::Podman || key != "subpath" => {
                mount.subpath = value.map(|v| subpath(text.setting_of(v))).transpose()?
            }
            "volume-driver" => {
                local_driver = value.is_none_or(|v| &raw[v] == "local");
            }
            "volume-opt" => {
                let Some(option) = value else { continue };
                let option_text = &raw[option.clone()];
                if let Some(flags) = option_text.strip_prefix("o=") {
                    binds_host |= flags
                        .split(',')
                        .any(|flag| matches!(flag, "bind" | "rbind"));
                } else if option_text.starts_with("device=") {
                    device = Some(text.setting_of(option.start + "device=".len()..option.end));
                }
            }
            _ => {}
        }
    }
    if mount.target.is_none() {
        return Err(ValueError::new(
            text.span(),
            format!("`{raw}` has no target"),
        ));
    }
    if let Some(device) =
        device.filter(|_| mount.kind == MountKind::Volume && binds_host && local_driver)
    {
        let volume = mount
            .source
            .as_ref()
            .and_then(|source| source.value.clone())
            .unwrap_or_default();
        mount.kind = MountKind::Bind;
        mount.syntax = MountSyntax::VolumeDriverBind { volume };
        mount.source = Some(device);
    }
    Ok(mount)
}

/// The host directory `--rootfs` makes the container's root filesystem, written in
/// the image's place: a bind of it at `/`, read-only with `--read-only`. podman reads
/// a last `:O` as an overlay over it, whose writes never reach the directory, and a
/// last `:idmap` or `:idmap=...` as an ID mapping of it (containers/podman
/// `pkg/specgen/specgen.go` `NewSpecGenerator` at
/// c6580b4a5219c9efb9ab79a540637d8a58b736f8).
pub fn rootfs(text: &SpannedText, engine: Engine, read_only: Option<Setting<bool>>) -> Mount {
    let raw = text.as_str();
    let suffix = raw
        .rfind(':')
        .filter(|_| engine == Engine::Podman)
        .map(|colon| (colon, &raw[colon + 1..]));
    let (path_end, overlay) = match suffix {
        Some((colon, "O")) => (colon, Some(colon)),
        Some((colon, mapping)) if mapping == "idmap" || mapping.starts_with("idmap=") => {
            (colon, None)
        }
        _ => (raw.len(), None),
    };
    let mut mount = empty_mount(MountKind::Bind, MountSyntax::Rootfs, text.span());
    mount.source = Some(text.setting_of(0..path_end));
    mount.target = Some(Setting::known("/".to_string(), raw, text.span()));
    mount.read_only = match overlay {
        Some(colon) => Some(Setting::known(
            true,
            "O",
            text.span_of(colon + 1..raw.len()),
        )),
        None => read_only,
    };
    mount
}

/// A volume's subpath as the engine takes it: a relative path that stays within the
/// volume (moby refuses others: "subpath must be a relative path within the
/// volume").
pub fn subpath(written: Setting<String>) -> Result<Setting<String>, ValueError> {
    let Some(path) = written.get() else {
        return Ok(written);
    };
    let mut depth = 0i32;
    let within = !path.starts_with(['/', '\\'])
        && path.split('/').all(|part| {
            depth += match part {
                "" | "." => 0,
                ".." => -1,
                _ => 1,
            };
            depth >= 0
        });
    if within {
        Ok(written)
    } else {
        Err(ValueError::new(
            written.span,
            format!("the engine refuses the subpath `{path}`: a subpath must be a relative path within the volume; as written, the container is not created"),
        ))
    }
}

/// The keys docker's `--mount` takes (docker/cli `opts/mount.go`, `MountOpt.Set`, at
/// 28f756087eea5fa301f3fbf12b01ae62f91521c2), and those it takes without a value.
const DOCKER_MOUNT_KEYS: [&str; 21] = [
    "type",
    "source",
    "src",
    "target",
    "dst",
    "destination",
    "readonly",
    "ro",
    "consistency",
    "bind-propagation",
    "bind-nonrecursive",
    "bind-recursive",
    "bind-create-src",
    "volume-subpath",
    "volume-nocopy",
    "volume-label",
    "volume-driver",
    "volume-opt",
    "image-subpath",
    "tmpfs-size",
    "tmpfs-mode",
];
const DOCKER_MOUNT_SWITCHES: [&str; 5] = [
    "readonly",
    "ro",
    "volume-nocopy",
    "bind-nonrecursive",
    "bind-create-src",
];

/// What docker's CLI refuses in a `--mount` value before anything is created: an
/// unknown key, a key that needs a value written bare, an empty value, a boolean
/// other than `true`, `1`, `false`, `0`, the removed `bind-nonrecursive`, a
/// `bind-recursive` it does not know, and options of another mount type (`volume-*` on
/// a bind: `validateExclusiveOptions`).
fn docker_mount_fields(text: &SpannedText) -> Result<(), ValueError> {
    let raw = text.as_str();
    let refuse = |range: Range<usize>, reason: String| {
        Err(ValueError::new(
            text.span_of(range),
            format!("{reason}; docker refuses the mount, so the container is not created"),
        ))
    };
    let mut kind = "volume".to_string();
    let mut families = Vec::new();
    let (mut read_only, mut recursive, mut propagation) = (false, None, None);
    for field in csv_fields(text) {
        let field = without_quotes(raw, field);
        let written = &raw[field.clone()];
        let (key, value) = match written.split_once('=') {
            Some((key, value)) => (key.to_ascii_lowercase(), Some(value)),
            None => (written.to_ascii_lowercase(), None),
        };
        if !DOCKER_MOUNT_KEYS.contains(&key.as_str()) {
            return refuse(
                field,
                format!("`{key}` is not an option of docker's `--mount`"),
            );
        }
        match value {
            None if !DOCKER_MOUNT_SWITCHES.contains(&key.as_str()) => {
                return refuse(field, format!("`{key}` needs a value (`{key}=...`)"));
            }
            Some("") => return refuse(field, format!("`{key}` has an empty value")),
            _ => {}
        }
        let value = value.unwrap_or("true");
        match key.as_str() {
            "type" => kind = value.to_ascii_lowercase(),
            "bind-propagation" => propagation = Some(value.to_ascii_lowercase()),
            "bind-nonrecursive" => {
                return refuse(
                    field,
                    "`bind-nonrecursive` was removed: docker takes `bind-recursive=disabled`"
                        .to_string(),
                )
            }
            "readonly" | "ro" | "volume-nocopy" | "bind-create-src"
                if !matches!(value, "true" | "1" | "false" | "0") =>
            {
                return refuse(
                    field,
                    format!("`{key}` takes true, 1, false or 0, not `{value}`"),
                );
            }
            "bind-recursive"
                if !matches!(value, "enabled" | "disabled" | "writable" | "readonly") =>
            {
                return refuse(field, format!("`bind-recursive` takes enabled, disabled, writable or readonly, not `{value}`"));
            }
            "bind-recursive" => recursive = Some((value, field.clone())),
            "readonly" | "ro" => read_only = matches!(value, "true" | "1"),
            _ => {}
        }
        if let Some((family, _)) = key.split_once('-') {
            families.push((family.to_string(), field));
        }
    }
    for (family, field) in families {
        if family != kind {
            return refuse(
                field,
                format!("docker does not mix `{family}-*` options with a mount of type `{kind}`"),
            );
        }
    }
    match recursive {
        Some((mode @ ("writable" | "readonly"), field)) if !read_only => refuse(
            field,
            format!("`bind-recursive={mode}` needs `readonly` with it"),
        ),
        Some(("readonly", field)) if propagation.as_deref() != Some("rprivate") => refuse(
            field,
            "`bind-recursive=readonly` needs `bind-propagation=rprivate` with it".to_string(),
        ),
        _ => Ok(()),
    }
}

/// What nerdctl refuses in a `--mount` value (containerd/nerdctl
/// `pkg/mountutil/mountutil_linux.go`, `ProcessFlagMount`, at
/// 8da504083f1543446a003f5870dec1bc12a75b85): a key other than its own (it has no
/// `volume-*` options), a type other than volume, bind, tmpfs and image, a bare key
/// other than `readonly`, `ro`, `rro` and `bind-nonrecursive`, a boolean Go does not
/// read, `image-subpath`, and an unknown `bind-recursive`.
fn nerdctl_mount_fields(text: &SpannedText) -> Result<(), ValueError> {
    let raw = text.as_str();
    let refuse = |range: Range<usize>, reason: String| {
        Err(ValueError::new(
            text.span_of(range),
            format!("{reason}; nerdctl refuses the mount, so the container is not created"),
        ))
    };
    for field in text.split(',') {
        let written = &raw[field.clone()];
        let (key, value) = match written.split_once('=') {
            Some((key, value)) => (key.to_ascii_lowercase(), Some(value)),
            None => (written.to_ascii_lowercase(), None),
        };
        let Some(value) = value else {
            if matches!(
                key.as_str(),
                "readonly" | "ro" | "rro" | "bind-nonrecursive"
            ) {
                continue;
            }
            return refuse(field, format!("`{key}` needs a value (`{key}=...`)"));
        };
        let refused = match key.as_str() {
            "type" => (!matches!(value, "volume" | "bind" | "tmpfs" | "image"))
                .then(|| format!("nerdctl mounts volume, bind, tmpfs and image, not `{value}`")),
            "source" | "src" | "target" | "dst" | "destination" | "bind-propagation"
            | "tmpfs-size" | "tmpfs-mode" => None,
            "readonly" | "ro" | "rro" | "bind-nonrecursive" => go_bool(value)
                .is_none()
                .then(|| format!("`{key}` takes true or false, not `{value}`")),
            "bind-recursive" => {
                (!matches!(value, "enabled" | "disabled" | "writable" | "readonly")).then(|| {
                    format!(
                    "`bind-recursive` takes enabled, disabled, writable or readonly, not `{value}`"
                )
                })
            }
            "image-subpath" => Some("nerdctl does not support `image-subpath` yet".to_string()),
            _ => Some(format!("`{key}` is not an option of nerdctl's `--mount`")),
        };
        if let Some(reason) = refused {
            return refuse(field, reason);
        }
    }
    Ok(())
}

/// What podman refuses in a `--mount` value (containers/podman
/// `pkg/specgenutil/volumes.go` at 013aa5cc72fe23c2f88a683eb158d1857df39251): a type it
/// does not mount, a key that is not among the type's own (case-sensitive: `Type=bind`
/// is no type, a second `type=` no option), and a key that needs a value written bare.
/// The first `type=` chooses the type, volume when there is none (`FindMountType`).
fn podman_mount_fields(text: &SpannedText) -> Result<(), ValueError> {
    let raw = text.as_str();
    let refuse = |range: Range<usize>, reason: String| {
        Err(ValueError::new(
            text.span_of(range),
            format!("{reason}; podman refuses the mount, so the container is not created"),
        ))
    };
    let fields: Vec<Range<usize>> = csv_fields(text)
        .into_iter()
        .map(|field| without_quotes(raw, field))
        .collect();
    let chosen_type = fields.iter().position(|field| {
        let written = &raw[field.clone()];
        written.starts_with("type=") && written.matches('=').count() == 1
    });
    let kind = chosen_type.map_or("volume", |at| {
        &raw[fields[at].start + "type=".len()..fields[at].end]
    });
    if !matches!(
        kind,
        "bind" | "glob" | "volume" | "tmpfs" | "ramfs" | "devpts" | "image" | "artifact"
    ) {
        let at = fields[chosen_type.unwrap_or_default()].clone();
        return refuse(
            at.start + "type=".len()..at.end,
            format!("podman mounts bind, glob, volume, tmpfs, ramfs, devpts, image and artifact, not `{kind}`"),
        );
    }
    for (at, field) in fields.iter().enumerate() {
        if Some(at) == chosen_type {
            continue;
        }
        let written = &raw[field.clone()];
        let (key, value) = match written.split_once('=') {
            Some((key, value)) => (key, Some(value)),
            None => (written, None),
        };
        if key == "volume-label" {
            return refuse(
                field.clone(),
                "podman does not implement `volume-label`".to_string(),
            );
        }
        if !podman_mount_option(kind, key) {
            return refuse(
                field.clone(),
                format!("`{key}` is not an option of podman's `--mount type={kind}`"),
            );
        }
        let needs_value = matches!(
            key,
            "src"
                | "source"
                | "target"
                | "dst"
                | "destination"
                | "bind-propagation"
                | "subpath"
                | "volume-subpath"
                | "tmpfs-mode"
                | "tmpfs-size"
                | "title"
                | "digest"
        ) || (kind == "image" && matches!(key, "rw" | "readwrite"));
        if needs_value && value.is_none() {
            return refuse(
                field.clone(),
                format!("`{key}` needs a value (`{key}=...`)"),
            );
        }
    }
    Ok(())
}

/// Whether podman's `--mount type=KIND` takes the option `key`.
fn podman_mount_option(kind: &str, key: &str) -> bool {
    const DESTINATION: [&str; 3] = ["target", "dst", "destination"];
    match kind {
        "devpts" => {
            DESTINATION.contains(&key)
                || matches!(
                    key,
                    "uid" | "gid" | "mode" | "ptmxmode" | "newinstance" | "max"
                )
        }
        "image" => {
            DESTINATION.contains(&key)
                || matches!(
                    key,
                    "src" | "source" | "rw" | "readwrite" | "idmap" | "subpath" | "consistency"
                )
        }
        "artifact" => {
            DESTINATION.contains(&key) || matches!(key, "src" | "source" | "title" | "digest")
        }
        // bind, glob, volume, tmpfs and ramfs: `parseMountOptions`.
        _ => match key {
            "bind-nonrecursive" | "bind-propagation" => kind == "bind",
            "src" | "source" => kind != "tmpfs",
            "subpath" | "volume-subpath" | "volume-opt" => kind == "volume",
            "tmpcopyup" | "notmpcopyup" | "tmpfs-mode" | "tmpfs-size" => kind == "tmpfs",
            _ => {
                DESTINATION.contains(&key)
                    || matches!(
                        key,
                        "consistency"
                            | "idmap"
                            | "readonly"
                            | "ro"
                            | "rw"
                            | "nodev"
                            | "dev"
                            | "noexec"
                            | "exec"
                            | "nosuid"
                            | "suid"
                            | "noswap"
                            | "relabel"
                            | "shared"
                            | "rshared"
                            | "private"
                            | "rprivate"
                            | "slave"
                            | "rslave"
                            | "unbindable"
                            | "runbindable"
                            | "Z"
                            | "z"
                            | "no-dereference"
                            | "U"
                            | "chown"
                    )
            }
        },
    }
}

/// Whether a string is a device permission set such as `rw` or `rwm`.
fn is_permissions(text: &str) -> bool {
    !text.is_empty() && text.len() <= 3 && text.chars().all(|c| matches!(c, 'r' | 'w' | 'm'))
}

/// `HOST[:CONTAINER][:PERMISSIONS]` (`--device`, Compose `devices`). With two fields
/// the second is read as permissions when it looks like them, as the CLI does.
pub fn device(text: &SpannedText) -> Result<Device, ValueError> {
    let raw = text.as_str();
    let fields = text.split(':');
    let (host, container, permissions) = match fields.as_slice() {
        [host] => (host.clone(), None, None),
        [host, second] if is_permissions(&raw[second.clone()]) => {
            (host.clone(), None, Some(second.clone()))
        }
        [host, container] => (host.clone(), Some(container.clone()), None),
        [host, container, permissions] => (
            host.clone(),
            Some(container.clone()),
            Some(permissions.clone()),
        ),
        _ => {
            return Err(ValueError::new(
                text.span(),
                format!("`{raw}` is not a device: expected HOST[:CONTAINER][:PERMISSIONS]"),
            ))
        }
    };
    if host.is_empty() {
        return Err(ValueError::new(
            text.span(),
            format!("`{raw}` has no host device"),
        ));
    }
    Ok(Device {
        host_path: text.setting_of(host),
        container_path: container.map(|range| text.setting_of(range)),
        permissions: permissions.map(|range| text.setting_of(range)),
        span: text.span(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn volume(s: &str) -> Mount {
        short_volume(&SpannedText::exact(s, 0)).unwrap()
    }

    fn raw(setting: &Option<Setting<String>>) -> Option<&str> {
        setting.as_ref().and_then(|s| s.value.as_deref())
    }

    #[test]
    fn csv_records_keep_quoted_commas_and_quotes() {
        assert_eq!(
            csv_record("\"source=/a,b\",target=/c"),
            ["source=/a,b", "target=/c"]
        );
        assert_eq!(
            csv_record("type=bind,\"src=/say \"\"hi\"\"\""),
            ["type=bind", "src=/say \"hi\""]
        );
        assert_eq!(csv_record("a,,b"), ["a", "", "b"]);
    }

    #[test]
    fn short_volume_kinds() {
        let m = volume("/var/run/docker.sock:/var/run/docker.sock:ro");
        assert_eq!(m.kind, MountKind::Bind);
        assert!(m.is_read_only());
        assert_eq!(m.source.as_ref().unwrap().span, Span::new(0, 20));
        assert_eq!(volume("data:/data").kind, MountKind::Volume);
        assert_eq!(volume("/data").kind, MountKind::Anonymous);
        assert_eq!(volume("./conf:/etc/app:ro,z").kind, MountKind::Bind);
        assert_eq!(volume("~/.ssh:/root/.ssh").kind, MountKind::Bind);
        let m = volume(r"c:\data:c:\app");
        assert_eq!(
            (m.kind, raw(&m.source), raw(&m.target)),
            (MountKind::Bind, Some(r"c:\data"), Some(r"c:\app"))
        );
    }

    #[test]
    fn volume_options() {
        let m = volume("/:/host:ro,rslave");
        assert!(m.is_read_only());
        assert_eq!(raw(&m.propagation), Some("rslave"));
        let m = volume("snmptraps:/var/lib/zabbix/snmptraps:roz");
        assert!(!m.is_read_only());
        assert_eq!(m.unknown_options[0].value.as_deref(), Some("roz"));
        assert!(short_volume(&SpannedText::exact("a:b:c:d", 0)).is_err());
    }

    #[test]
    fn unknown_sources_are_binds() {
        let text = SpannedText::builder(Span::new(0, 12))
            .unresolved("$PWD", Span::new(0, 4))
            .literal(":/app", 4)
            .build();
        let m = short_volume(&text).unwrap();
        assert_eq!(m.kind, MountKind::Bind);
        assert_eq!(m.source.unwrap().value, None);
    }

    #[test]
    fn mount_flags() {
        let m = mount_flag(
            &SpannedText::exact(
                "type=bind,src=/etc,dst=/host/etc,readonly,bind-propagation=rshared",
                0,
            ),
            Engine::Docker,
        )
        .unwrap();
        assert_eq!(
            (m.kind, raw(&m.source), raw(&m.target)),
            (MountKind::Bind, Some("/etc"), Some("/host/etc"))
        );
        assert!(m.is_read_only());
        assert_eq!(raw(&m.propagation), Some("rshared"));
        let m = mount_flag(
            &SpannedText::exact("type=bind,source=/x,target=/y,ro=false", 0),
            Engine::Docker,
        )
        .unwrap();
        assert!(!m.is_read_only());
        let m = mount_flag(
            &SpannedText::exact(r#"type=volume,"volume-opt=o=addr=1.2.3.4,rw",target=/d"#, 0),
            Engine::Docker,
        )
        .unwrap();
        assert_eq!(raw(&m.target), Some("/d"));
        assert_eq!(m.kind, MountKind::Volume);
        assert!(mount_flag(&SpannedText::exact("type=bind,src=/x", 0), Engine::Docker).is_err());
        assert!(mount_flag(
            &SpannedText::exact("type=bnid,src=/x,dst=/y", 0),
            Engine::Docker
        )
        .is_err());
        let m = mount_flag(
            &SpannedText::exact(
                r"type=npipe,src=\\.\pipe\docker_engine,dst=\\.\pipe\docker_engine",
                0,
            ),
            Engine::Docker,
        )
        .unwrap();
        assert_eq!(m.kind, MountKind::Bind);
        let m = mount_flag(
            &SpannedText::exact("type=glob,src=/dev/video*,dst=/dev", 0),
            Engine::Docker,
        )
        .unwrap();
        assert_eq!(m.kind, MountKind::Bind);
        assert_eq!(
            mount_flag(&SpannedText::exact("type=ramfs,dst=/r", 0), Engine::Docker)
                .unwrap()
                .kind,
            MountKind::Tmpfs
        );
    }

    #[test]
    fn mount_flag_volume_options_that_bind_a_host_directory() {
        let text = r#"type=volume,src=etc,dst=/host,volume-opt=type=none,"volume-opt=o=bind,ro",volume-opt=device=/etc"#;
        let m = mount_flag(&SpannedText::exact(text, 0), Engine::Docker).unwrap();
        assert_eq!(m.kind, MountKind::Bind);
        assert_eq!(
            m.syntax,
            MountSyntax::VolumeDriverBind {
                volume: "etc".into()
            }
        );
        let source = m.source.unwrap();
        assert_eq!(source.value.as_deref(), Some("/etc"));
        assert_eq!(
            &text[source.span.start as usize..source.span.end as usize],
            "/etc"
        );
        // Another driver reads its options its own way.
        let other = format!("{text},volume-driver=nfs");
        assert_eq!(
            mount_flag(&SpannedText::exact(&other, 0), Engine::Docker)
                .unwrap()
                .kind,
            MountKind::Volume
        );
    }

    #[test]
    fn tmpfs_mounts() {
        let m = tmpfs(&SpannedText::exact("/run:rw,noexec,nosuid,size=65536k", 0)).unwrap();
        assert_eq!(raw(&m.target), Some("/run"));
        assert_eq!(m.read_only.unwrap().value, Some(false));
    }

    #[test]
    fn devices() {
        let d = device(&SpannedText::exact("/dev/sda:/dev/xvdc:r", 0)).unwrap();
        assert_eq!(raw(&Some(d.host_path)), Some("/dev/sda"));
        assert_eq!(raw(&d.permissions), Some("r"));
        let d = device(&SpannedText::exact("/dev/fuse:rw", 0)).unwrap();
        assert_eq!(
            (raw(&d.container_path), raw(&d.permissions)),
            (None, Some("rw"))
        );
        let d = device(&SpannedText::exact("/dev/kvm", 0)).unwrap();
        assert_eq!(d.permissions, None);
    }
}
