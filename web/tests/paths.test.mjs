// The Escape paths view in headless Chromium: a container's open paths as steps,
// settings that select their text in the editor, and the minimal-fix preview.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cspViolations, editorSelection, Harness, loadExample } from './browser.mjs';

const harness = new Harness();
before(() => harness.start());
after(() => harness.stop());

test('Escape paths lists the open paths of the selected container step by step', async () => {
  const context = await harness.context();
  try {
    const page = await harness.open(context);
    await loadExample(page, 'node-exporter', 'node-exporter');
    await page.locator('#view-tab-paths').click();
    const panel = page.locator('.container[data-container="node-exporter"] .escape-paths');
    await panel.waitFor();

    assert.deepEqual(
      await panel.locator('.open-paths > .escape-path').evaluateAll((items) => items.map((i) => i.dataset.technique)),
      ['signal-host-processes', 'host-secrets-read', 'host-network-traffic'],
    );
    const network = panel.locator('.open-paths [data-technique="host-network-traffic"]');
    assert.deepEqual(await network.locator('.step-text').allTextContents(), [
      "it shares the host's network namespace, with the host's interfaces and firewall",
      'its processes hold CAP_NET_RAW or CAP_NET_ADMIN',
    ]);
    assert.equal(await network.locator('.step.met').count(), 2);
    assert.match(await network.locator('.step.outcome').textContent(), /^→Then with packet sockets it captures/);
    // The default capability is explained, with nothing in the text to select.
    assert.deepEqual(await network.locator('.setting-default').allTextContents(), [
      "Docker's default capability set keeps CAP_NET_RAW",
    ]);

    // Clicking a setting selects the text that enables the step.
    await network.locator('.setting-link').first().click();
    assert.equal(await editorSelection(page), 'host');
    const pid = panel.locator('.open-paths [data-technique="signal-host-processes"] .setting-link').first();
    assert.equal(await pid.textContent(), "pid: host shares the host's process table");
    await pid.click();
    assert.equal(await editorSelection(page), 'host');
    await panel.locator('.open-paths [data-technique="host-secrets-read"] .setting-link').click();
    assert.equal(await editorSelection(page), '/');

    // Several minimal fixes exist; the preview applies the first and closes every path.
    assert.equal(await panel.locator('.minimal-fixes h3').textContent(), 'Minimal fixes: 4 choices');
    assert.equal(
      await panel.locator('.minimal-fix').first().textContent(),
      'remove network_mode: host; remove pid: host; remove the mount of /',
    );
    await panel.locator('#paths-preview').check();
    await panel.locator('.preview-summary').waitFor();
    assert.match(
      await panel.locator('.preview-summary').textContent(),
      /After the fix: grade [A-F], 0 open paths, 0 critical/,
    );
    assert.doesNotMatch(await panel.locator('.preview-text').textContent(), /network_mode|pid: host|\/:\/host/);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(harness.errors, []);
  } finally {
    await context.close();
  }
});

test('the hardened example has no open escape path', async () => {
  const context = await harness.context();
  try {
    const page = await harness.open(context);
    await loadExample(page, 'hardened', 'api');
    await page.locator('#view-tab-paths').click();
    await page.locator('.escape-paths .paths-none').waitFor();
    assert.equal(await page.locator('#view-tab-paths .tab-count').textContent(), '0');
    assert.equal(await page.locator('.escape-paths .escape-path').count(), 0);
  } finally {
    await context.close();
  }
});
