//! `shipshape` command-line entry point; everything else is in `shipshape::cli`.
//!
//! The same program runs natively and, built for `wasm32-wasip1`, as the npm
//! package's `shipshape` command (`pkg/bin/shipshape.js` runs it under Node's WASI).

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn main() {
    use shipshape::cli::{self, Io};
    use std::io::IsTerminal;
    // WASI has no working directory of its own: the npm runner passes the caller's in
    // PWD, so that relative file names mean what they mean natively.
    #[cfg(target_os = "wasi")]
    if let Some(dir) = std::env::var_os("PWD") {
        let _ = std::env::set_current_dir(dir);
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = cli::run(
        &args,
        Io {
            stdin: &mut std::io::stdin().lock(),
            stdout: &mut std::io::stdout().lock(),
            stderr: &mut std::io::stderr().lock(),
            stdout_is_terminal: std::io::stdout().is_terminal(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty()),
        },
    );
    std::process::exit(code);
}

/// The CLI is not part of the JS module. Cargo still builds this binary when the wasm
/// test suites run for wasm32-unknown-unknown, so it must compile there, doing nothing.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn main() {}
