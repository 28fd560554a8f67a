// Builds the page twice from the same sources:
//
//   dist/                  the served page: index.html, app.js, worker.js, style.css,
//                          the wasm module and the rule docs under docs/rules/
//   dist/shipshape.html    one self-contained file (scripts, styles, the wasm and
//                          the rule docs inline) that works when opened from file://
//
// The shipshape module and its rule docs (HTML rendered by shipshape) come from the
// npm package (`shipshape`, i.e. ../pkg), the way any npm user would get them.

import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const webDir = path.dirname(fileURLToPath(import.meta.url));
const distDir = path.join(webDir, 'dist');
const source = (file) => path.join(webDir, 'src', file);

const wasmPath = fileURLToPath(import.meta.resolve('shipshape/shipshape_bg.wasm'));
const ruleDocsDir = path.dirname(fileURLToPath(import.meta.resolve('shipshape/docs/rules/index.html')));

/** Every resource of the served page comes from its own origin. */
const SERVED_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The single file loads nothing at all: its one script and one style sheet are
 * allowed by hash, its icon is a data: URL, the worker comes from a blob: URL
 * the script creates, and there is no origin to connect to.
 */
function singleFileCsp(script, style) {
  return [
    "default-src 'none'",
    `script-src '${sha256(script)}' 'wasm-unsafe-eval'`,
    'worker-src blob:',
    `style-src '${sha256(style)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function sha256(text) {
  return `sha256-${createHash('sha256').update(text).digest('base64')}`;
}

const common = {
  bundle: true,
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
};

async function bundleScript(entry, options = {}) {
  const result = await esbuild.build({
    ...common,
    entryPoints: [entry],
    format: 'esm',
    target: 'es2022',
    ...options,
  });
  return result.outputFiles[0].text;
}

async function bundleStyle() {
  const result = await esbuild.build({ ...common, entryPoints: [source('style.css')], target: 'chrome123' });
  return result.outputFiles[0].text;
}

/**
 * Serves `inline:worker` (the worker bundle as text), `inline:wasm` (bytes) and
 * `inline:docs` (the rule docs fragments).
 */
function inlineAssets(workerSource) {
  return {
    name: 'inline-assets',
    setup(build) {
      build.onResolve({ filter: /^inline:/ }, (args) => ({ path: args.path, namespace: 'inline' }));
      build.onLoad({ filter: /^inline:worker$/, namespace: 'inline' }, () => ({
        contents: workerSource,
        loader: 'text',
      }));
      build.onLoad({ filter: /^inline:wasm$/, namespace: 'inline' }, async () => ({
        contents: await readFile(wasmPath),
        loader: 'binary',
      }));
      build.onLoad({ filter: /^inline:docs$/, namespace: 'inline' }, async () => ({
        contents: await readFile(path.join(ruleDocsDir, 'docs.json')),
        loader: 'json',
      }));
    },
  };
}

/**
 * Makes a bundle safe inside <script>…</script>: `<!--`, `<script` and `</script`
 * would change how HTML finds the end of the element. They can only occur in
 * string and regular-expression literals (the rule docs have some), where `\x3C` means the
 * same `<`; the result is parsed again so a wrong guess fails the build.
 */
async function escapeForScriptElement(code) {
  const escaped = code.replace(/<(?=!--|\/?script)/gi, '\\x3C');
  await esbuild.transform(escaped, { loader: 'js', format: 'esm', logLevel: 'silent' });
  return escaped;
}

function page(template, { csp, icon, style, script }) {
  // Replacer functions: the bundles may contain `$&` and friends.
  return template
    .replace('{{CSP}}', () => csp)
    .replace('{{ICON}}', () => icon)
    .replace('{{STYLE}}', () => style)
    .replace('{{SCRIPT}}', () => script);
}

async function main() {
  await rm(distDir, { recursive: true, force: true });
  await mkdir(distDir, { recursive: true });

  const template = await readFile(source('index.html'), 'utf8');
  const style = await bundleStyle();
  // A classic worker: Chromium refuses module workers from blob: URLs on file://.
  // The package's `new URL(…, import.meta.url)` default is never reached: the
  // worker gets the compiled module from the page.
  const worker = await bundleScript(source('worker.js'), {
    format: 'iife',
    logOverride: { 'empty-import-meta': 'silent' },
  });
  const icon = await readFile(source('favicon.svg'));

  // The served page.
  const app = await bundleScript(source('main.js'));
  await Promise.all([
    writeFile(path.join(distDir, 'app.js'), app),
    writeFile(path.join(distDir, 'worker.js'), worker),
    writeFile(path.join(distDir, 'style.css'), style),
    writeFile(path.join(distDir, 'shipshape_bg.wasm'), await readFile(wasmPath)),
    writeFile(path.join(distDir, 'favicon.svg'), icon),
    writeFile(
      path.join(distDir, 'index.html'),
      page(template, {
        csp: SERVED_CSP,
        icon: 'favicon.svg',
        style: '<link rel="stylesheet" href="style.css">',
        script: '<script type="module" src="app.js"></script>',
      }),
    ),
  ]);

  // The single file: same app, `#assets` resolved to the inline variant.
  const inlineApp = await bundleScript(source('main.js'), {
    conditions: ['single-file'],
    plugins: [inlineAssets(worker)],
  });
  const inlineScript = await escapeForScriptElement(inlineApp);
  await writeFile(
    path.join(distDir, 'shipshape.html'),
    page(template, {
      csp: singleFileCsp(inlineScript, style),
      icon: `data:image/svg+xml;base64,${icon.toString('base64')}`,
      style: `<style>${style}</style>`,
      script: `<script type="module">${inlineScript}</script>`,
    }),
  );

  await cp(ruleDocsDir, path.join(distDir, 'docs', 'rules'), { recursive: true });

  for (const file of ['index.html', 'app.js', 'worker.js', 'style.css', 'shipshape_bg.wasm', 'shipshape.html']) {
    const content = await readFile(path.join(distDir, file));
    const gzip = gzipSync(content, { level: 9 }).length;
    console.log(
      `  dist/${file.padEnd(20)} ${String(content.length).padStart(9)} B   gzip ${String(gzip).padStart(8)} B`,
    );
  }
}

await main();
