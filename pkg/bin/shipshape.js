#!/usr/bin/env node
// `npx shipshape …`: the native command line itself, built for WASI (bin/shipshape.wasm,
// from the same Rust source as the native binary), run under Node's WASI. Commands,
// flags, output and exit status are the native CLI's by construction.
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// Node's WASI functions, called through V8's fast API path, keep using the module's
// memory from before it grew (nodejs/node#53087): a large report then crashes Node.
// The regular call path reads the memory afresh on every call.
setFlagsFromString('--no-turbo-fast-api-calls');

// Node marks its WASI implementation experimental and says so on standard error; that
// notice is not the command's output.
const emitWarning = process.emitWarning;
process.emitWarning = /** @type {typeof process.emitWarning} */ (
  /** @param {string | Error} warning @param {unknown[]} rest */
  (warning, ...rest) => {
    if (!String(warning).includes('WASI is an experimental feature')) {
      Reflect.apply(emitWarning, process, [warning, ...rest]);
    }
  }
);
const { WASI } = await import('node:wasi');
process.emitWarning = emitWarning;

const wasi = new WASI({
  version: 'preview1',
  args: ['shipshape', ...process.argv.slice(2)],
  // The program makes PWD its working directory, so relative paths resolve as natively.
  env: { ...process.env, PWD: process.cwd() },
  // The whole file system, as the native CLI sees it: files named on the command line,
  // the configuration found in a parent directory, `--fix` writing files back.
  preopens: { '/': '/' },
  returnOnExit: true,
});
const module = await WebAssembly.compile(readFileSync(new URL('./shipshape.wasm', import.meta.url)));
const instance = await WebAssembly.instantiate(module, /** @type {WebAssembly.Imports} */ (wasi.getImportObject()));
process.exitCode = wasi.start(instance);
