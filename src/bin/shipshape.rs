//! `shipshape` command-line entry point; everything else is in `shipshape::cli`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use shipshape::cli::{self, Io};
    use std::io::IsTerminal;
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

/// The CLI is native only. Cargo still builds this binary when the wasm test
/// suites run for wasm32, so it must compile there, doing nothing.
#[cfg(target_arch = "wasm32")]
fn main() {}
