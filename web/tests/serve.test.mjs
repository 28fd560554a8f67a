// `make serve` (serve.mjs) on a port that is taken says so and how to pick another,
// without a stack trace.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const serveScript = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'serve.mjs');

test('a taken port is named, with PORT= to choose another', async () => {
  const holder = createServer();
  await new Promise((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const { port } = holder.address();
  try {
    const result = spawnSync(process.execPath, [serveScript, '--port', String(port)], { encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, `Port ${port} is already in use. Serve on another one: make serve PORT=${port + 1}\n`);
  } finally {
    holder.close();
  }
});
