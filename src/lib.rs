//! shipshape: explains what weakens a container's isolation in Compose files and
//! `docker run` / `podman run` commands.
//!
//! text → front-end ([`compose`], [`run`]) → one [`model::Container`] per service or
//! command → [`rules`] → [`diagnostic::Diagnostic`]s with positions and fixes.
//! The core knows nothing of WebAssembly; `wasm.rs` is the only binding layer.

pub mod analyze;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub mod cli;
pub mod compose;
pub mod config;
pub mod diagnostic;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub mod docs;
pub mod fixes;
pub mod harden;
pub mod json;
pub mod knowledge;
pub mod model;
pub mod paths;
pub mod project;
pub mod report;
pub mod rules;
pub mod run;
pub mod sort;
pub mod span;
pub mod suggest;
pub mod suppress;
pub mod values;
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub mod wasm;
pub mod work;

pub use analyze::{
    analyze, analyze_decoded, refuse_too_large, Analysis, AnalyzeOptions, Decoded, InputKind,
    DETECT_OVERSIZED_BYTES,
};
