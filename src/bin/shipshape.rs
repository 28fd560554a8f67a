//! `shipshape` command-line entry point; everything else is in `shipshape::cli`.

use shipshape::cli::{self, Io};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = cli::run(
        &args,
        Io {
            stdin: &mut std::io::stdin().lock(),
            stdout: &mut std::io::stdout().lock(),
            stderr: &mut std::io::stderr().lock(),
        },
    );
    std::process::exit(code);
}
