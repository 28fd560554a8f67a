//! Real Compose files of `../shared/corpus/real/compose` that belong together, read
//! as projects: prints the findings that only appear, or disappear, when the files
//! are merged, and checks what merging must do to them.

use shipshape::project::{analyze_project, Project, ProjectFile};
use shipshape::{analyze, AnalyzeOptions, InputKind};
use std::collections::BTreeSet;
use std::path::Path;

/// `file:line:col CODE service` of a finding.
type Located = BTreeSet<String>;

fn corpus() -> Option<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real/compose");
    dir.is_dir().then_some(dir)
}

fn read(dir: &Path, names: &[&str]) -> Vec<ProjectFile> {
    names
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            ProjectFile::new(*name, text)
        })
        .collect()
}

fn key(file: &str, d: &shipshape::diagnostic::Diagnostic) -> String {
    let at = d.range.start;
    let service = d.container.as_deref().unwrap_or("-");
    format!("{file}:{}:{} {} {service}", at.line, at.column, d.code)
}

/// The findings of each file read alone, and of the files read as one project.
fn alone_and_merged(files: &[ProjectFile], profiles: &[&str]) -> (Located, Located) {
    let options = AnalyzeOptions {
        input: InputKind::Compose,
        ..AnalyzeOptions::default()
    };
    let alone = files
        .iter()
        .flat_map(|file| {
            analyze(&file.text, &options)
                .diagnostics
                .iter()
                .map(|d| key(&file.name, d))
                .collect::<Vec<_>>()
        })
        .collect();
    let project = Project {
        files: files.to_vec(),
        profiles: profiles.iter().map(|p| p.to_string()).collect(),
        ..Project::default()
    };
    let merged = analyze_project(&project, &options)
        .files
        .iter()
        .flat_map(|file| file.diagnostics.iter().map(|d| key(&file.name, d)))
        .collect();
    (alone, merged)
}

/// Prints and returns what merging changed: (appears, disappears).
fn changes(title: &str, files: &[ProjectFile], profiles: &[&str]) -> (Vec<String>, Vec<String>) {
    let (alone, merged) = alone_and_merged(files, profiles);
    let appears: Vec<String> = merged.difference(&alone).cloned().collect();
    let disappears: Vec<String> = alone.difference(&merged).cloned().collect();
    println!(
        "== {title}: {} only merged, {} only alone",
        appears.len(),
        disappears.len()
    );
    for line in &appears {
        println!("  + {line}");
    }
    for line in &disappears {
        println!("  - {line}");
    }
    (appears, disappears)
}

#[test]
fn mailcow_with_its_external_dns_override() {
    let Some(dir) = corpus() else {
        println!("skipped: ../shared not found");
        return;
    };
    let files = read(
        &dir,
        &[
            "mailcow__mailcow-dockerized__main.yaml",
            "mailcow__mailcow-dockerized__override-external-dns.yaml",
        ],
    );
    let (appears, disappears) = changes("mailcow + override-external-dns", &files, &[]);
    // The override only adds resolvers to services whose base sets some already: the
    // merged list is reported once, where it starts in the base.
    assert_eq!(appears, Vec::<String>::new());
    assert_eq!(disappears.len(), 10, "{disappears:#?}");
    for line in &disappears {
        assert!(
            line.starts_with("mailcow__mailcow-dockerized__override-external-dns.yaml:")
                && line.contains(" NET-005 "),
            "{line}"
        );
    }
}

#[test]
fn docker_elk_with_its_beats_extensions() {
    let Some(dir) = corpus() else {
        println!("skipped: ../shared not found");
        return;
    };
    let files = read(
        &dir,
        &[
            "deviantony__docker-elk__main.yaml",
            "deviantony__docker-elk__filebeat.yaml",
            "deviantony__docker-elk__metricbeat.yaml",
        ],
    );
    let (appears, disappears) = changes("docker-elk + filebeat + metricbeat", &files, &[]);
    // The extensions add services of their own, so merging moves nothing; but `setup`
    // is in the `setup` profile, which Compose does not start unless asked.
    assert_eq!(appears, Vec::<String>::new());
    assert_eq!(
        disappears,
        ["deviantony__docker-elk__main.yaml:38:19 NS-006 setup"]
    );
    let (appears, disappears) = changes("docker-elk, profile setup", &files, &["setup"]);
    assert_eq!((appears, disappears), (vec![], vec![]));
}

#[test]
fn zabbix_services_extend_the_components_file() {
    let Some(dir) = corpus() else {
        println!("skipped: ../shared not found");
        return;
    };
    let main = read(&dir, &["zabbix__zabbix-docker__ubuntu-pgsql-latest.yaml"]);
    // The file names its bases by the name the repository gives the other file.
    let components =
        std::fs::read_to_string(dir.join("zabbix__zabbix-docker__components.yaml")).unwrap();
    let project = Project {
        files: main.clone(),
        others: vec![ProjectFile::new(
            "compose_zabbix_components.yaml",
            components,
        )],
        ..Project::default()
    };
    let options = AnalyzeOptions::default();
    let analysis = analyze_project(&project, &options);
    let merged: Located = analysis
        .files
        .iter()
        .flat_map(|file| file.diagnostics.iter().map(|d| key(&file.name, d)))
        .collect();
    let alone: Located = analyze(&main[0].text, &options)
        .diagnostics
        .iter()
        .map(|d| key(&main[0].name, d))
        .collect();
    let appears: Vec<_> = merged.difference(&alone).collect();
    println!(
        "== zabbix ubuntu-pgsql-latest extends components: {} only merged",
        appears.len()
    );
    for line in &appears {
        println!("  + {line}");
    }
    // The services whose base is in `compose_databases.yaml` or
    // `compose_additional_components.yaml`, which the corpus does not hold, say so
    // where they name it; what the others inherit is reported in
    // the file it is written in.
    let missing: Vec<_> = merged
        .iter()
        .filter(|line| line.contains(" SYN-004 "))
        .collect();
    assert_eq!(missing.len(), 8, "{missing:#?}");
    let databases = analysis.files[0]
        .diagnostics
        .iter()
        .filter(|d| d.code == "SYN-004")
        .all(|d| {
            d.message.contains("no file compose_databases.yaml")
                || d.message
                    .contains("no file compose_additional_components.yaml")
        });
    assert!(databases);
    let inherited = appears
        .iter()
        .filter(|line| line.starts_with("compose_zabbix_components.yaml:"))
        .count();
    assert_eq!(inherited, 4, "{appears:#?}");
}
