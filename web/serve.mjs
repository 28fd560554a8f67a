// A tiny static file server for dist/ (the page needs http for its worker and
// its wasm; the single-file build needs nothing). Used by `make serve` and by the
// end-to-end tests.
//
//   node serve.mjs [--port 8080] [--dir dist]

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves `root` on localhost. Resolves with the listening server.
 * @param {string} root
 * @param {number} port 0 picks a free port
 */
export function serve(root, port) {
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url, 'http://localhost');
    const relative = path.normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = path.join(root, relative);
    if (file !== root && !file.startsWith(root + path.sep)) return send(response, 403, 'Forbidden');
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      await stat(file);
    } catch {
      return send(response, 404, 'Not found');
    }
    response.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function send(response, status, message) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(message);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '8080' }, dir: { type: 'string', default: 'dist' } },
  });
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), values.dir);
  const server = await serve(root, Number(values.port)).catch((error) => {
    if (error.code !== 'EADDRINUSE') throw error;
    // `make serve` passes PORT here: name the way to pick another.
    console.error(
      `Port ${values.port} is already in use. Serve on another one: make serve PORT=${Number(values.port) + 1}`,
    );
    process.exit(1);
  });
  const { port } = server.address();
  console.log(
    `shipshape is served on http://localhost:${port}/ (single file: http://localhost:${port}/shipshape.html)`,
  );
  console.log('Press Ctrl+C to stop.');
}
