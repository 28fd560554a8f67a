//! The npm package's manifest (pkg/package.json) agrees with the crate.
#![cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]

use serde_json::Value;
use std::path::Path;

fn manifest_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("pkg/package.json");
    std::fs::read_to_string(path).unwrap()
}

fn manifest() -> Value {
    serde_json::from_str(&manifest_text()).unwrap()
}

#[test]
fn versions_agree() {
    assert_eq!(manifest()["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn name_and_license_agree() {
    let manifest = manifest();
    assert_eq!(manifest["name"], env!("CARGO_PKG_NAME"));
    assert_eq!(manifest["license"], env!("CARGO_PKG_LICENSE"));
}

/// Every runtime gets an entry that exists, and the files list ships it.
#[test]
fn every_export_condition_names_a_committed_entry() {
    let manifest = manifest();
    let root = &manifest["exports"]["."];
    // Resolvers take the first matching condition, so the order is part of the contract
    // (serde_json sorts keys: read it from the text).
    let text = manifest_text();
    let block = &text[text.find(r#"".": {"#).unwrap()..];
    let order = ["types", "workerd", "browser", "node", "default"]
        .map(|condition| block.find(&format!("\"{condition}\":")).unwrap());
    assert!(order.is_sorted(), "{order:?}");
    assert_eq!(root.as_object().unwrap().len(), order.len());
    for (condition, target) in root.as_object().unwrap() {
        let target = target.as_str().unwrap().trim_start_matches("./");
        assert!(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("pkg")
                .join(target)
                .is_file(),
            "{condition}: {target}"
        );
        assert!(target.starts_with("entries/"), "{condition}: {target}");
    }
    assert_eq!(manifest["files"][0], "entries/");
}
