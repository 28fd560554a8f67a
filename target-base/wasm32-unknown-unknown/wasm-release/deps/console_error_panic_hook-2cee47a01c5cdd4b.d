/work/wt-paths/target-base/wasm32-unknown-unknown/wasm-release/deps/console_error_panic_hook-2cee47a01c5cdd4b.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/console_error_panic_hook-0.1.7/src/lib.rs

/work/wt-paths/target-base/wasm32-unknown-unknown/wasm-release/deps/libconsole_error_panic_hook-2cee47a01c5cdd4b.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/console_error_panic_hook-0.1.7/src/lib.rs

/work/wt-paths/target-base/wasm32-unknown-unknown/wasm-release/deps/libconsole_error_panic_hook-2cee47a01c5cdd4b.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/console_error_panic_hook-0.1.7/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/console_error_panic_hook-0.1.7/src/lib.rs:
