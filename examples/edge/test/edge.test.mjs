// Starts worker.js in workerd and in Deno, each on a free port of 127.0.0.1, and
// sends both the same real HTTP requests, error cases included.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';

const here = new URL('..', import.meta.url).pathname;
const bin = (/** @type {string} */ name) => `${here}node_modules/.bin/${name}`;
const MAX_BYTES = 1024 * 1024;

/** @type {Record<string, (port: number) => string[]>} */
const RUNTIMES = {
  workerd: (port) => [bin('workerd'), 'serve', 'workerd.capnp', '--socket-addr', `http=127.0.0.1:${port}`],
  deno: (port) => [bin('deno'), 'serve', '--host', '127.0.0.1', '--port', String(port), '--allow-read', 'worker.js'],
};

const compose = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
const run = 'docker run --pid=host -v /var/run/docker.sock:/var/run/docker.sock alpine\n';

/** A port nothing listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** @param {Response} response */
async function errorOf(response) {
  assert.equal(response.headers.get('content-type'), 'application/json');
  const body = await response.json();
  assert.equal(typeof body.error, 'string');
  return /** @type {{ error: string }} */ (body).error;
}

/** @param {{ diagnostics: { code: string }[] }} report */
const codes = (report) => report.diagnostics.map((diagnostic) => diagnostic.code);

for (const [runtime, command] of Object.entries(RUNTIMES)) {
  describe(runtime, () => {
    /** @type {import('node:child_process').ChildProcess} */
    let child;
    let base = '';

    before(async () => {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const [program = '', ...args] = command(port);
      // In a process group of its own: npm's `deno` is a wrapper around the binary.
      child = spawn(program, args, { cwd: here, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
      // Ready when it answers; at most 30 s.
      const deadline = Date.now() + 30_000;
      for (;;) {
        assert.equal(child.exitCode, null, `${runtime} exited`);
        try {
          await fetch(`${base}/`);
          return;
        } catch {
          assert.ok(Date.now() < deadline, `${runtime} did not start listening`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    });

    after(() => {
      if (child.pid !== undefined) process.kill(-child.pid);
    });

    /**
     * @param {string} path
     * @param {RequestInit} [init]
     */
    const request = (path, init) => fetch(base + path, init);
    /** @param {string} path @param {BodyInit} body @param {string} [type] */
    const post = (path, body, type = 'text/yaml') =>
      request(path, { method: 'POST', body, headers: { 'content-type': type } });

    test('POST /analyze answers with the report of a Compose file', async () => {
      const response = await post('/analyze', compose);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      const report = await response.json();
      assert.equal(report.input, 'compose');
      assert.deepEqual(codes(report), ['PRIV-001']);
      assert.deepEqual(report.diagnostics[0].range, { start: { line: 4, column: 17 }, end: { line: 4, column: 21 } });
      assert.equal(report.summary.grade, 'F');
    });

    test('run commands, a profile and an explicit input kind', async () => {
      const report = await (await post('/analyze?input=run', run, 'text/plain; charset=utf-8')).json();
      assert.equal(report.input, 'run');
      assert.deepEqual(codes(report), ['NS-001', 'MNT-001']);
      const restricted = await (await post('/analyze?profile=restricted', compose)).json();
      assert.ok(codes(restricted).includes('MNT-008'), `${codes(restricted)}`);
    });

    test('POST /harden answers with the hardened text, its changes and what is left', async () => {
      const safe = await (await post('/harden', compose)).json();
      assert.equal(safe.input, 'compose');
      assert.equal(safe.text, compose);
      assert.equal(safe.includeUnsafe, false);
      assert.deepEqual(
        safe.unfixed.map((/** @type {{ code: string, reason: string }} */ u) => [u.code, u.reason]),
        [['PRIV-001', 'unsafe']],
      );
      const all = await (await post('/harden?unsafe=true', compose)).json();
      assert.equal(all.text, compose.replace('privileged: true', 'privileged: false'));
      assert.deepEqual(
        all.changes.map((/** @type {{ code: string, range: object }} */ c) => [c.code, c.range]),
        [['PRIV-001', { start: { line: 4, column: 17 }, end: { line: 4, column: 21 } }]],
      );
      const hardenedRun = await (await post('/harden?input=run&unsafe=true', run, 'text/plain')).json();
      assert.equal(hardenedRun.text, 'docker run alpine\n');
      const flag = await post('/harden?unsafe=yes', compose);
      assert.equal(flag.status, 400);
      assert.equal(await errorOf(flag), '`unsafe` is `yes`; expected true or false');
      const parameter = await post('/analyze?unsafe=true', compose);
      assert.equal(await errorOf(parameter), 'unknown parameter `unsafe`; expected profile or input');
    });

    test('a body of exactly the limit is read', async () => {
      const body = `# ${'x'.repeat(MAX_BYTES - 3)}\n`;
      assert.equal(new TextEncoder().encode(body).length, MAX_BYTES);
      const response = await post('/analyze', body);
      assert.equal(response.status, 200);
      assert.equal((await response.json()).input, 'compose');
    });

    test('413 over the size limit, by declared length and by what arrives', async () => {
      const declared = await post('/analyze', 'x'.repeat(MAX_BYTES + 1));
      assert.equal(declared.status, 413);
      assert.equal(await errorOf(declared), `the body is larger than ${MAX_BYTES} bytes`);
      // A stream has no Content-Length: the worker counts the bytes as they come.
      const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
      let sent = 0;
      const stream = new ReadableStream({
        pull(controller) {
          if (sent > MAX_BYTES) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      const streamed = await request('/analyze', {
        method: 'POST',
        body: stream,
        headers: { 'content-type': 'text/plain' },
        // @ts-expect-error Node's fetch needs `duplex` for a stream body; the DOM types lack it.
        duplex: 'half',
      });
      assert.equal(streamed.status, 413);
      assert.equal(await errorOf(streamed), `the body is larger than ${MAX_BYTES} bytes`);
    });

    test('hostile bodies within the size limit answer with a located SYN-005', async () => {
      let laughs = 'x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
      for (let level = 1; level < 10; level++) {
        laughs += `x-a${level}: &a${level} [${Array(9)
          .fill(`*a${level - 1}`)
          .join(', ')}]\n`;
      }
      /** @type {[string, string, { line: number, column: number }][]} */
      const hostile = [
        ['billion laughs', `${laughs}services:\n  web:\n    image: nginx\n`, { line: 6, column: 12 }],
        ['100k-deep flow sequence', `services: ${'['.repeat(100_000)}`, { line: 1, column: 11 }],
        ['a line over 512 KiB', `services: {a: {image: ${'x'.repeat(600_000)}}}`, { line: 1, column: 1 }],
        [
          '10,000 commands joined by &&',
          Array(10_000).fill('docker run --privileged x').join(' && '),
          { line: 1, column: 14_501 },
        ],
      ];
      for (const [label, body, start] of hostile) {
        const report = await (await post('/analyze', body)).json();
        const limit = report.diagnostics.find((/** @type {{ code: string }} */ d) => d.code === 'SYN-005');
        assert.deepEqual(limit?.range.start, start, `${label}: ${codes(report)}`);
      }
      // And the worker goes on answering.
      assert.deepEqual(codes(await (await post('/analyze', compose)).json()), ['PRIV-001']);
    });

    test('400 for bad parameters and text that is not UTF-8', async () => {
      const profile = await post('/analyze?profile=strict', compose);
      assert.equal(profile.status, 400);
      assert.match(await errorOf(profile), /unknown profile `strict`/);
      const input = await post('/analyze?input=dockerfile', compose);
      assert.equal(input.status, 400);
      assert.equal(await errorOf(input), 'unknown input `dockerfile`; expected auto, compose or run');
      const parameter = await post('/analyze?profiles=cis', compose);
      assert.equal(parameter.status, 400);
      assert.equal(await errorOf(parameter), 'unknown parameter `profiles`; expected profile or input');
      const binary = await post('/analyze', new Uint8Array([0x73, 0xff, 0xfe, 0x0a]));
      assert.equal(binary.status, 400);
      assert.equal(await errorOf(binary), 'the body is not valid UTF-8');
    });

    test('415 for other media types and charsets', async () => {
      const json = await post('/analyze', '{"services":{}}', 'application/json');
      assert.equal(json.status, 415);
      assert.equal(await errorOf(json), 'cannot read application/json; send the text as text/plain or text/yaml');
      const latin1 = await post('/analyze', compose, 'text/yaml; charset=iso-8859-1');
      assert.equal(latin1.status, 415);
      assert.equal(await errorOf(latin1), 'cannot read charset=iso-8859-1; send UTF-8');
    });

    test('405 for other methods, 404 for other paths', async () => {
      const get = await request('/analyze');
      assert.equal(get.status, 405);
      assert.equal(get.headers.get('allow'), 'POST');
      assert.equal(await errorOf(get), 'GET is not allowed; send the text with POST');
      const missing = await post('/lint', compose);
      assert.equal(missing.status, 404);
      assert.equal(await errorOf(missing), 'no such endpoint: /lint; try POST /analyze or POST /harden');
    });
  });
}
