use super::*;
use crate::model::Mount;

fn project(files: &[(&str, &str)]) -> Project {
    Project {
        files: files
            .iter()
            .map(|(name, text)| ProjectFile::new(*name, *text))
            .collect(),
        ..Project::default()
    }
}

/// `file:line:column CODE` of every unsuppressed diagnostic, in file order.
fn located(analysis: &ProjectAnalysis) -> Vec<String> {
    analysis
        .files
        .iter()
        .flat_map(|file| {
            file.diagnostics.iter().map(move |d| {
                let at = d.range.start;
                format!("{}:{}:{} {}", file.name, at.line, at.column, d.code)
            })
        })
        .collect()
}

fn analyze(project: &Project) -> ProjectAnalysis {
    analyze_project(project, &AnalyzeOptions::default())
}

fn with_code(analysis: &ProjectAnalysis, code: &str) -> Vec<String> {
    located(analysis)
        .into_iter()
        .filter(|line| line.ends_with(&format!(" {code}")))
        .collect()
}

const BASE: &str = "services:\n  web:\n    image: nginx:1.27\n    read_only: true\n";

#[test]
fn a_privileged_flag_only_the_override_sets_is_reported_at_the_override() {
    let override_file = "services:\n  web:\n    privileged: true\n";
    let analysis = analyze(&project(&[
        ("compose.yaml", BASE),
        ("compose.override.yaml", override_file),
    ]));
    assert_eq!(
        with_code(&analysis, "PRIV-001"),
        ["compose.override.yaml:3:17 PRIV-001"]
    );
    // Alone, the base has no privileged finding.
    let base_only = analyze(&project(&[("compose.yaml", BASE)]));
    assert_eq!(with_code(&base_only, "PRIV-001"), Vec::<String>::new());
    assert_eq!(analysis.services[0].file, "compose.override.yaml");
}

#[test]
fn a_setting_of_the_base_is_located_in_the_base_and_names_the_overriding_service() {
    let base = "services:\n  web:\n    image: nginx:1.27\n    cap_add: [SYS_ADMIN]\n";
    let override_file = "\n\nservices:\n  web:\n    user: \"1000\"\n";
    let analysis = analyze(&project(&[("a.yml", base), ("b.yml", override_file)]));
    let file = &analysis.files[0];
    let finding = file
        .diagnostics
        .iter()
        .find(|d| d.code == "CAP-002")
        .expect("SYS_ADMIN is reported");
    assert_eq!(
        (finding.range.start.line, finding.range.start.column),
        (4, 15)
    );
    assert_eq!(finding.byte_range, [53, 62]);
    let related: Vec<_> = finding
        .related
        .iter()
        .map(|r| (r.file.as_deref(), r.range.start.line, r.range.start.column))
        .collect();
    assert!(related.contains(&(Some("b.yml"), 4, 3)), "{related:?}");
}

fn merged(files: &[(&str, &str)]) -> Container {
    let analysis = analyze(&project(files));
    assert_eq!(analysis.containers.len(), 1, "{:?}", located(&analysis));
    analysis.containers.into_iter().next().unwrap()
}

fn raws(settings: &[crate::model::Setting<String>]) -> Vec<&str> {
    settings.iter().map(|s| s.raw.as_str()).collect()
}

fn targets(mounts: &[Mount]) -> Vec<String> {
    mounts
        .iter()
        .map(|m| {
            let source = m.source.as_ref().map_or("", |s| s.raw.as_str());
            let target = m.target.as_ref().map_or("", |t| t.raw.as_str());
            format!("{source}:{target}")
        })
        .collect()
}

// The cases below are the examples of compose-spec `13-merge.md`.

#[test]
fn mappings_merge_and_later_values_win() {
    let c = merged(&[
        (
            "a.yml",
            "services:\n  foo:\n    image: one\n    user: root\n",
        ),
        (
            "b.yml",
            "services:\n  foo:\n    image: two\n    hostname: h\n",
        ),
    ]);
    assert_eq!(c.image.unwrap().raw, "two");
    assert_eq!(c.user.unwrap().raw, "root");
    assert_eq!(c.hostname.unwrap().raw, "h");
}

#[test]
fn sequences_append() {
    let c = merged(&[
        ("a.yml", "services:\n  foo:\n    image: x\n    dns:\n      - 1.1.1.1\n    cap_add: [NET_ADMIN]\n"),
        ("b.yml", "services:\n  foo:\n    dns:\n      - 8.8.8.8\n    cap_add: [NET_ADMIN, SYS_TIME]\n    group_add: [video]\n"),
    ]);
    assert_eq!(raws(&c.dns), ["1.1.1.1", "8.8.8.8"]);
    assert_eq!(raws(&c.cap_add), ["NET_ADMIN", "SYS_TIME"]);
    assert_eq!(raws(&c.group_add), ["video"]);
}

#[test]
fn volumes_are_unique_by_target_and_ports_by_address_ports_and_protocol() {
    let c = merged(&[
        ("a.yml", "services:\n  foo:\n    image: x\n    volumes:\n      - foo:/work\n      - /etc:/host-etc\n    ports:\n      - \"8080:80\"\n      - \"127.0.0.1:9000:9000\"\n"),
        ("b.yml", "services:\n  foo:\n    volumes:\n      - bar:/work\n    ports:\n      - \"8080:80\"\n      - \"9000:9000/udp\"\n"),
    ]);
    assert_eq!(targets(&c.mounts), ["/etc:/host-etc", "bar:/work"]);
    let ports: Vec<_> = c.ports.iter().map(|p| p.span).collect();
    assert_eq!(
        ports.len(),
        3,
        "8080:80 once, 9000 over tcp on 127.0.0.1 and udp"
    );
}

#[test]
fn reset_clears_and_override_replaces() {
    let base = "services:\n  app:\n    image: myapp\n    ports:\n      - \"8080:80\"\n    privileged: true\n    cap_add: [SYS_ADMIN]\n";
    let reset = merged(&[
        ("compose.yaml", base),
        ("compose.override.yaml", "services:\n  app:\n    image: myapp\n    ports: !reset []\n    privileged: !reset null\n"),
    ]);
    assert!(reset.ports.is_empty());
    assert_eq!(reset.privileged, None);
    assert_eq!(raws(&reset.cap_add), ["SYS_ADMIN"]);
    let replaced = merged(&[
        ("compose.yaml", base),
        ("compose.override.yaml", "services:\n  app:\n    ports: !override\n      - \"8443:443\"\n    cap_add: !override [CHOWN]\n"),
    ]);
    assert_eq!(replaced.ports.len(), 1);
    assert_eq!(
        replaced.ports[0].span.start as usize,
        base.len() + "services:\n  app:\n    ports: !override\n      - ".len()
    );
    assert_eq!(raws(&replaced.cap_add), ["CHOWN"]);
}

#[test]
fn dotenv_feeds_interpolation_and_the_caller_wins() {
    let compose = "services:\n  agent:\n    image: portainer/agent:2.21\n    volumes:\n      - ${DOCKER_SOCK}:/var/run/docker.sock\n";
    let mut with_dotenv = project(&[("compose.yaml", compose)]);
    with_dotenv.dotenv = Some(ProjectFile::new(
        ".env",
        "# where the engine listens\nexport DOCKER_SOCK=\"/var/run/docker.sock\" # default\n",
    ));
    let analysis = analyze(&with_dotenv);
    assert_eq!(
        with_code(&analysis, "MNT-001"),
        ["compose.yaml:5:9 MNT-001"]
    );
    assert_eq!(analysis.files[1].name, ".env");

    let caller = AnalyzeOptions {
        env: [("DOCKER_SOCK".to_string(), "/srv/data".to_string())].into(),
        ..AnalyzeOptions::default()
    };
    let analysis = analyze_project(&with_dotenv, &caller);
    assert_eq!(with_code(&analysis, "MNT-001"), Vec::<String>::new());
}

#[test]
fn a_dotenv_mistake_is_located_in_the_dotenv_file() {
    let mut broken = project(&[("compose.yaml", BASE)]);
    broken.dotenv = Some(ProjectFile::new(".env", "A=1\nNOT VALID\n"));
    let analysis = analyze(&broken);
    let dotenv = &analysis.files[1];
    let codes: Vec<_> = dotenv
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.range.start.line, d.range.start.column))
        .collect();
    assert_eq!(codes, [("SYN-004", 2, 1)]);
}

#[test]
fn profiles_select_services_and_are_named() {
    let compose = "services:\n  web:\n    image: nginx:1.27\n    read_only: true\n  debug:\n    image: busybox:1.36\n    profiles: [debug, tools]\n    privileged: true\n";
    let quiet = analyze(&project(&[("compose.yaml", compose)]));
    assert_eq!(with_code(&quiet, "PRIV-001"), Vec::<String>::new());
    let names: Vec<_> = quiet
        .services
        .iter()
        .map(|s| (s.name.as_str(), s.profiles.join(","), s.active))
        .collect();
    assert_eq!(
        names,
        [
            ("web", String::new(), true),
            ("debug", "debug,tools".to_string(), false)
        ]
    );
    let mut debugging = project(&[("compose.yaml", compose)]);
    debugging.profiles = vec!["tools".to_string()];
    let active = analyze(&debugging);
    assert_eq!(
        with_code(&active, "PRIV-001"),
        ["compose.yaml:8:17 PRIV-001"]
    );
    let finding = active.files[0]
        .diagnostics
        .iter()
        .find(|d| d.code == "PRIV-001")
        .unwrap();
    let related: Vec<_> = finding
        .related
        .iter()
        .map(|r| (r.range.start.line, r.range.start.column, r.message.as_str()))
        .collect();
    assert_eq!(
        related,
        [(7, 16, "debug runs only under the profiles debug, tools")]
    );
    let mut from_env = project(&[("compose.yaml", compose)]);
    from_env.dotenv = Some(ProjectFile::new(".env", "COMPOSE_PROFILES=debug\n"));
    assert_eq!(
        with_code(&analyze(&from_env), "PRIV-001"),
        ["compose.yaml:8:17 PRIV-001"]
    );
}

#[test]
fn a_syntax_error_drops_only_its_own_file() {
    let analysis = analyze(&project(&[
        (
            "a.yml",
            "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n",
        ),
        ("b.yml", "services:\n  web: [unclosed\n"),
    ]));
    assert_eq!(with_code(&analysis, "PRIV-001"), ["a.yml:4:17 PRIV-001"]);
    assert_eq!(with_code(&analysis, "SYN-001").len(), 1);
    assert!(with_code(&analysis, "SYN-001")[0].starts_with("b.yml:"));
}

#[test]
fn extends_file_inherits_from_the_other_file_and_locates_there() {
    let mut files = project(&[(
        "app/compose.yaml",
        "services:\n  web:\n    extends:\n      file: ../common/base.yml\n      service: hardened\n    image: nginx:1.27\n  lost:\n    extends: { file: nowhere.yml, service: x }\n    image: busybox:1.36\n  typo:\n    extends: { file: ../common/base.yml, service: nope }\n    image: busybox:1.36\n",
    )]);
    files.others = vec![ProjectFile::new(
        "common/base.yml",
        "services:\n  root:\n    image: base\n    cap_add: [SYS_ADMIN]\n  hardened:\n    extends: root\n    read_only: true\n",
    )];
    let analysis = analyze(&files);
    let web = analysis
        .containers
        .iter()
        .find(|c| c.name == "web")
        .unwrap();
    assert_eq!(raws(&web.cap_add), ["SYS_ADMIN"]);
    assert_eq!(web.image.as_ref().unwrap().raw, "nginx:1.27");
    assert!(web.read_only.as_ref().unwrap().value.unwrap());
    // The capability is written in the base file, two extends away.
    let cap: Vec<_> = with_code(&analysis, "CAP-002")
        .into_iter()
        .filter(|line| line.starts_with("common/base.yml:"))
        .collect();
    assert_eq!(cap, ["common/base.yml:4:15 CAP-002"]);
    let problems: Vec<_> = analysis.files[0]
        .diagnostics
        .iter()
        .filter(|d| d.code == "SYN-004")
        .map(|d| (d.range.start.line, d.range.start.column, d.message.as_str()))
        .collect();
    assert_eq!(
        problems,
        [
            (8, 22, "extends: the project has no file app/nowhere.yml (give it with the project's files)"),
            (11, 22, "extends: common/base.yml has no service nope"),
        ]
    );
}

#[test]
fn files_extending_one_another_stop() {
    let mut files = project(&[(
        "a.yml",
        "services:\n  one:\n    image: x\n    extends: { file: b.yml, service: two }\n",
    )]);
    files.others = vec![ProjectFile::new(
        "b.yml",
        "services:\n  two:\n    image: y\n    extends: { file: a.yml, service: one }\n",
    )];
    let analysis = analyze(&files);
    assert_eq!(analysis.containers.len(), 1);
    // Reported once, at the `extends` that closes the cycle.
    assert_eq!(with_code(&analysis, "SYN-004"), ["a.yml:4:22 SYN-004"]);
}

#[test]
fn paths_resolve_against_the_naming_file() {
    use super::locate::resolve_path;
    assert_eq!(resolve_path("compose.yaml", "common.yml"), "common.yml");
    assert_eq!(
        resolve_path("./app/compose.yaml", "./base.yml"),
        "app/base.yml"
    );
    assert_eq!(
        resolve_path("app/compose.yaml", "../lib/x.yml"),
        "lib/x.yml"
    );
    assert_eq!(resolve_path("compose.yaml", "../up.yml"), "../up.yml");
    assert_eq!(resolve_path("app/compose.yaml", "/srv/c.yml"), "/srv/c.yml");
}

#[test]
fn include_reads_files_relative_to_the_including_file_with_their_own_dotenv() {
    let mut files = project(&[(
        "app/compose.yaml",
        "include:\n  - ../shared/db.yaml\n  - path: [../monitor/agent.yaml]\n    env_file: ../monitor/agent.env\n  - path: ../tools/debug.yaml\n    project_directory: ../tools\n  - ./nowhere.yaml\nservices:\n  web:\n    image: nginx:1.27\n    read_only: true\n",
    )]);
    files.others = vec![
        ProjectFile::new(
            "shared/db.yaml",
            "services:\n  db:\n    image: postgres:17\n    cap_add: [SYS_ADMIN]\n",
        ),
        ProjectFile::new(
            "monitor/agent.yaml",
            "services:\n  agent:\n    image: agent:1\n    volumes:\n      - ${SOCK}:/var/run/docker.sock\n",
        ),
        ProjectFile::new("monitor/agent.env", "SOCK='/var/run/docker.sock'\n"),
        ProjectFile::new(
            "tools/debug.yaml",
            "services:\n  debug:\n    image: busybox:1.36\n    pid: ${PID_MODE}\n",
        ),
        ProjectFile::new("tools/.env", "PID_MODE=host\n"),
    ];
    let analysis = analyze(&files);
    let names: Vec<_> = analysis.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["db", "agent", "debug", "web"]);
    assert_eq!(
        with_code(&analysis, "CAP-002"),
        ["shared/db.yaml:4:15 CAP-002"]
    );
    assert_eq!(
        with_code(&analysis, "MNT-001"),
        ["monitor/agent.yaml:5:9 MNT-001"]
    );
    assert_eq!(
        with_code(&analysis, "NS-001"),
        ["tools/debug.yaml:4:10 NS-001"]
    );
    let missing: Vec<_> = analysis.files[0]
        .diagnostics
        .iter()
        .filter(|d| d.code == "SYN-004")
        .map(|d| (d.range.start.line, d.range.start.column, d.message.as_str()))
        .collect();
    assert_eq!(
        missing,
        [(
            7,
            5,
            "include: the project has no file app/nowhere.yaml (give it with the project's files)"
        )]
    );
}

#[test]
fn the_including_file_applies_over_what_it_includes_and_cycles_stop() {
    let mut files = project(&[(
        "compose.yaml",
        "include: [base.yaml]\nservices:\n  web:\n    privileged: true\n",
    )]);
    files.others = vec![ProjectFile::new(
        "base.yaml",
        "include: [compose.yaml]\nservices:\n  web:\n    image: nginx:1.27\n",
    )];
    let analysis = analyze(&files);
    assert_eq!(analysis.containers.len(), 1);
    assert_eq!(
        analysis.containers[0].image.as_ref().unwrap().raw,
        "nginx:1.27"
    );
    assert_eq!(
        with_code(&analysis, "PRIV-001"),
        ["compose.yaml:4:17 PRIV-001"]
    );
    // Compose refuses a service the including file defines differently from an
    // included one: reported, and merged as read.
    assert_eq!(
        with_code(&analysis, "SYN-004"),
        ["compose.yaml:3:3 SYN-004", "base.yaml:1:11 SYN-004"]
    );
}

#[test]
fn a_finding_an_override_causes_names_the_value_it_replaced() {
    let analysis = analyze(&project(&[
        (
            "compose.yaml",
            "services:\n  web:\n    image: nginx:1.27\n    privileged: false\n",
        ),
        ("prod.yaml", "services:\n  web:\n    privileged: true\n"),
    ]));
    let finding = analysis.files[1]
        .diagnostics
        .iter()
        .find(|d| d.code == "PRIV-001")
        .expect("the override makes the service privileged");
    let related: Vec<_> = finding
        .related
        .iter()
        .map(|r| {
            let at = r.range.start;
            (r.file.as_deref(), at.line, at.column, r.message.as_str())
        })
        .collect();
    assert_eq!(
        related,
        [(
            Some("compose.yaml"),
            4,
            17,
            "this replaces the value written here"
        )]
    );
}

#[test]
fn a_service_reset_by_a_later_file_is_removed() {
    let analysis = analyze(&project(&[
        (
            "compose.yaml",
            "services:\n  web:\n    image: nginx:1.27\n  debug:\n    image: busybox:1.36\n    privileged: true\n",
        ),
        ("compose.override.yaml", "services:\n  debug: !reset {}\n"),
    ]));
    let names: Vec<_> = analysis.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["web"]);
    assert_eq!(with_code(&analysis, "PRIV-001"), Vec::<String>::new());
}

#[test]
fn a_file_resolves_its_own_extends_before_later_files_apply() {
    let analysis = analyze(&project(&[
        (
            "compose.yaml",
            "services:\n  common:\n    image: nginx:1.27\n  web:\n    extends: common\n",
        ),
        (
            "compose.override.yaml",
            "services:\n  common:\n    cap_add: [SYS_ADMIN]\n",
        ),
    ]));
    let caps = |name: &str| {
        let container = analysis.containers.iter().find(|c| c.name == name).unwrap();
        raws(&container.cap_add).join(",")
    };
    // As Compose merges: `web` took `common` as its file wrote it.
    assert_eq!(caps("common"), "SYS_ADMIN");
    assert_eq!(caps("web"), "");
}

#[test]
fn env_files_are_read_for_syntax_but_never_interpolated() {
    let mut files = project(&[(
        "app/compose.yaml",
        "services:\n  web:\n    image: nginx:1.27\n    env_file:\n      - web.env\n      - path: ./optional.env\n        required: false\n      - missing.env\n    volumes:\n      - ${SOCK}:/var/run/docker.sock\n",
    )]);
    files.others = vec![ProjectFile::new(
        "app/web.env",
        "SOCK=/var/run/docker.sock\nBROKEN LINE\n",
    )];
    let analysis = analyze(&files);
    // `SOCK` is the container's variable, not the file's: the mount stays unknown.
    assert_eq!(with_code(&analysis, "MNT-001"), Vec::<String>::new());
    assert_eq!(
        with_code(&analysis, "SYN-004"),
        ["app/compose.yaml:8:9 SYN-004", "app/web.env:2:1 SYN-004"]
    );
}

#[test]
fn a_set_of_files_is_sorted_into_compose_files_dotenv_and_named_files() {
    let files = [
        ("app/.env", "TAG=1\n"),
        ("app/compose.yaml", "include: [db/db.yaml]\nservices:\n  web:\n    extends: {file: ../lib/common.yml, service: base}\n"),
        ("lib/common.yml", "services:\n  base:\n    image: nginx:1.27\n    env_file: base.env\n"),
        ("lib/base.env", "A=1\n"),
        ("app/db/db.yaml", "services:\n  db:\n    image: postgres:17\n"),
        ("app/compose.prod.yaml", "services:\n  web:\n    read_only: true\n"),
        ("other/.env", "B=2\n"),
    ]
    .map(|(name, text)| ProjectFile::new(name, text));
    let project = Project::from_files(files.to_vec(), Vec::new(), &Limits::default());
    let names = |files: &[ProjectFile]| files.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&project.files),
        ["app/compose.yaml", "app/compose.prod.yaml"]
    );
    assert_eq!(project.dotenv.map(|f| f.name), Some("app/.env".to_string()));
    assert_eq!(
        names(&project.others),
        [
            "lib/common.yml",
            "lib/base.env",
            "app/db/db.yaml",
            "other/.env"
        ]
    );
    // Files that all name one another start at the first.
    let cycle = [
        ("a.yml", "include: [b.yml]\n"),
        ("b.yml", "include: [a.yml]\n"),
    ]
    .map(|(name, text)| ProjectFile::new(name, text));
    let project = Project::from_files(cycle.to_vec(), Vec::new(), &Limits::default());
    assert_eq!(names(&project.files), ["a.yml"]);
}

#[test]
fn an_includes_project_directory_is_where_its_files_paths_start() {
    let include = |entry: &str| {
        let mut files = project(&[("app/compose.yaml", &format!("include:\n  - {entry}\n"))]);
        files.others = vec![
            ProjectFile::new(
                "lib/svc.yaml",
                "services:\n  svc:\n    extends: {file: base.yml, service: base}\n    env_file: svc.env\n",
            ),
            ProjectFile::new("deploy/base.yml", "services:\n  base:\n    image: nginx:1.27\n    privileged: true\n"),
            ProjectFile::new("deploy/svc.env", "A='unclosed\n"),
        ];
        analyze(&files)
    };
    let rooted = include("{path: ../lib/svc.yaml, project_directory: ../deploy}");
    assert_eq!(
        located(&rooted)
            .into_iter()
            .filter(|l| l.ends_with("PRIV-001") || l.ends_with("SYN-004"))
            .collect::<Vec<_>>(),
        [
            "deploy/base.yml:4:17 PRIV-001",
            "deploy/svc.env:1:3 SYN-004"
        ]
    );
    // Without it, the paths start beside the included file, where nothing is.
    let beside = include("../lib/svc.yaml");
    let missing: Vec<_> = beside.files[1]
        .diagnostics
        .iter()
        .map(|d| (d.range.start.line, d.range.start.column, d.message.as_str()))
        .collect();
    assert_eq!(
        missing,
        [
            (3, 21, "extends: the project has no file lib/base.yml (give it with the project's files)"),
            (4, 15, "env_file: the project has no file lib/svc.env (give it with the project's files, or set required: false)"),
        ]
    );
}

#[test]
fn a_service_two_includes_define_differently_is_reported_as_compose_refuses_it() {
    let mut files = project(&[(
        "compose.yaml",
        "include:\n  - a.yaml\n  - b.yaml\n  - same.yaml\nservices:\n  proxy:\n    image: caddy:2\n",
    )]);
    files.others = vec![
        ProjectFile::new("a.yaml", "services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:17\n"),
        ProjectFile::new("b.yaml", "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n  proxy:\n    image: caddy:2\n"),
        // Written alike: Compose takes it.
        ProjectFile::new("same.yaml", "services:\n  db:\n    image: postgres:17\n"),
    ];
    let analysis = analyze(&files);
    let problems: Vec<_> = analysis
        .files
        .iter()
        .flat_map(|file| {
            file.diagnostics
                .iter()
                .filter(|d| d.code == "SYN-004")
                .map(|d| {
                    format!(
                        "{}:{}:{} {}",
                        file.name, d.range.start.line, d.range.start.column, d.message
                    )
                })
        })
        .collect();
    assert_eq!(
        problems,
        [
            "b.yaml:2:3 include: service web is also defined by a.yaml, which another include brings in; Compose refuses services that conflict across includes",
        ]
    );
    // The service the including file defines as the included one does is no conflict;
    // one it defines differently is.
    files.files[0].text = files.files[0].text.replace("caddy:2", "caddy:2.8");
    let analysis = analyze(&files);
    assert_eq!(
        with_code(&analysis, "SYN-004"),
        ["compose.yaml:6:3 SYN-004", "b.yaml:2:3 SYN-004"]
    );
    // Still merged as read, so that the findings stay visible.
    assert_eq!(with_code(&analysis, "PRIV-001"), ["b.yaml:4:17 PRIV-001"]);
}
