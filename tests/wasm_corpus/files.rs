//! The real-world corpus: Compose files and run commands from public projects, kept
//! next to the project in `../shared/corpus/real` (see its SOURCES.tsv).

use shipshape::InputKind;
use std::path::PathBuf;

pub struct CorpusFile {
    /// `compose/<file>` or `run/<file>`.
    pub name: String,
    pub input: InputKind,
    pub text: String,
}

pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real")
}

/// Every corpus file, Compose files first, each folder sorted by name. The error
/// says where the corpus was expected.
pub fn load() -> Result<Vec<CorpusFile>, String> {
    let mut files = Vec::new();
    for (folder, input) in [("compose", InputKind::Compose), ("run", InputKind::Run)] {
        let path = dir().join(folder);
        let entries = std::fs::read_dir(&path)
            .map_err(|err| format!("no corpus at {}: {err}", path.display()))?;
        let mut names: Vec<String> = entries
            .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<Result<_, _>>()
            .map_err(|err| format!("cannot list {}: {err}", path.display()))?;
        names.sort();
        for name in names {
            let text = std::fs::read_to_string(path.join(&name))
                .map_err(|err| format!("cannot read {folder}/{name}: {err}"))?;
            files.push(CorpusFile {
                name: format!("{folder}/{name}"),
                input,
                text,
            });
        }
    }
    Ok(files)
}
