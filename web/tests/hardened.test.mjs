// The Hardened view in headless Chromium: the diff of the input and the hardened
// file, the changes and what is left, the unsafe switch, Copy and Download, and
// "Convert to Compose" for run commands.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  analysed,
  artifactsDir,
  editorText,
  Harness,
  loadExample,
  PHONE,
  replaceText,
  shownFindings,
  singleFileUrl,
} from './browser.mjs';

const harness = new Harness();
before(() => harness.start());
after(() => harness.stop());

/** @type {Harness['withPage']} */
const withPage = (body, options) => harness.withPage(body, options);

/** Opens the Hardened tab and waits for its result. */
async function openHardened(page) {
  await page.getByRole('tab', { name: 'Hardened' }).click();
  await page.locator('#hardened[aria-busy="false"] .hardened-summary').waitFor();
}

/** The diff's changed lines, side by side: deleted on the left, inserted on the right. */
function changedLines(page) {
  return page.evaluate(() => ({
    deleted: [...document.querySelectorAll('.diff-split del')].map((line) => line.textContent),
    inserted: [...document.querySelectorAll('.diff-split ins')].map((line) => line.textContent),
  }));
}

function changeCodes(page) {
  return page.locator('.change-list .change').evaluateAll((items) => items.map((item) => item.dataset.code));
}

test('Hardened shows the fixes as a diff, lists the changes and what is left, and takes unsafe fixes on request', () =>
  withPage(
    async (page, context) => {
      await loadExample(page, 'debug-sidecar', 'debug');
      await openHardened(page);
      assert.ok(await page.locator('#report').isHidden(), 'the report makes way for the view');
      assert.deepEqual(await changedLines(page), {
        deleted: ['      - seccomp:unconfined'],
        inserted: ['      - seccomp=unconfined'],
      });
      assert.deepEqual(await changeCodes(page), ['SEC-008']);
      const change = page.locator('.change[data-code="SEC-008"]');
      assert.equal(await change.locator('.change-title').textContent(), 'Write seccomp=');
      assert.equal(await change.locator('.fix-kind').textContent(), 'safe');
      assert.equal(await change.locator('.finding-location').textContent(), 'line 17, col 16');
      assert.equal(
        await page.locator('.hardened-summary').textContent(),
        '1 change with profile default (safe fixes only) · 5 findings left',
      );
      // The unsafe fixes left say so; so do the findings with no automatic fix.
      const unsafeLeft = await page
        .locator('.unfixed[data-reason="unsafe"]')
        .evaluateAll((items) => items.map((item) => item.dataset.code));
      assert.deepEqual(unsafeLeft.toSorted(), ['CAP-004', 'CAP-006', 'SEC-001']);
      assert.match(
        await page.locator('.unfixed[data-code="SEC-001"] .unfixed-reason').textContent(),
        /^Its fix changes what the container may do: turn on “Include unsafe fixes” to apply it\. \(line 17, col 9 of the hardened file\)$/,
      );

      // Unchanged lines far from the change fold away; the kept ones have numbers on both sides.
      assert.deepEqual(await page.locator('.diff-split .diff-gap').allTextContents(), ['⋯ 13 unchanged lines']);

      await page.screenshot({ path: path.join(artifactsDir, 'hardened-desktop-safe.png'), fullPage: true });

      await page.getByRole('switch', { name: 'Include unsafe fixes' }).check();
      await page.locator('.change[data-code="SEC-001"]').waitFor();
      assert.deepEqual((await changeCodes(page)).toSorted(), ['CAP-004', 'CAP-006', 'SEC-001']);
      assert.deepEqual(await changedLines(page), {
        deleted: [
          '    cap_add:',
          '      - SYS_PTRACE',
          '      - NET_ADMIN',
          '    security_opt:',
          '      - seccomp:unconfined',
        ],
        inserted: [],
      });
      assert.equal(await page.locator('.change[data-code="SEC-001"] .fix-kind').textContent(), 'unsafe');
      assert.match(await page.locator('.hardened-summary').textContent(), /\(safe and unsafe fixes\)/);
      await page.screenshot({ path: path.join(artifactsDir, 'hardened-desktop-unsafe.png'), fullPage: true });

      // Copy puts the hardened file on the clipboard.
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.getByRole('button', { name: 'Copy' }).click();
      await page.locator('#status', { hasText: 'The hardened file is copied.' }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.match(copied, /^# A troubleshooting container attached to a running service\.\nservices:\n/);
      assert.match(copied, /network_mode: service:api\n {4}stdin_open: true\n {4}tty: true\n$/);
      assert.doesNotMatch(copied, /cap_add|security_opt/);

      // Download saves the same text.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'compose.hardened.yaml');
      assert.equal(await readFile(await download.path(), 'utf8'), copied);

      // The profile picked here hardens with that profile's rules.
      await page.selectOption('#harden-profile', 'restricted');
      await page
        .locator('.change[data-code="USR-001"]')
        .or(page.locator('.change[data-code="CAP-008"]'))
        .first()
        .waitFor();
      assert.match(await page.locator('.hardened-summary').textContent(), /with profile restricted/);
      assert.equal(await page.inputValue('#profile-select'), 'default', "the page's own profile stays");
    },
    { acceptDownloads: true },
  ));

test('a change leads to its finding in the report', () =>
  withPage(async (page) => {
    await loadExample(page, 'debug-sidecar', 'api');
    await openHardened(page);
    await page.locator('.change[data-code="SEC-008"] .change-link').click();
    assert.ok(await page.locator('#hardened').isHidden());
    const finding = page.locator('.container[data-container="debug"] .finding[data-code="SEC-008"]');
    await finding.locator('.finding-body').waitFor();
    assert.equal(await finding.getAttribute('open'), '');
    assert.ok(await finding.locator(':scope > summary').evaluate((summary) => summary === document.activeElement));
    // `seccomp:unconfined` is selected in the editor; the focus stays on the finding.
    assert.equal(await page.locator('#cursor-status').textContent(), 'Ln 17, Col 27 · 18 selected');
    assert.equal(await page.getByRole('tab', { name: 'Report' }).getAttribute('aria-selected'), 'true');
  }));

test('Convert to Compose turns run commands into a Compose file with its findings', () =>
  withPage(async (page) => {
    await loadExample(page, 'debug-sidecar', 'debug');
    assert.ok(await page.locator('#convert-compose').isHidden(), 'a Compose file offers no conversion');
    await loadExample(page, 'ci-runner', 'ci-runner');
    await page.screenshot({ path: path.join(artifactsDir, 'hardened-run-commands.png') });
    await page.getByRole('button', { name: 'Convert to Compose' }).click();
    await page.locator('#conversion:not([hidden])').waitFor();
    await analysed(page);
    await page.locator('.container[data-container="ci-runner"] .finding[data-code="MNT-001"]').waitFor();
    const text = await editorText(page);
    assert.match(text, /^services:\n {2}ci-runner:\n {4}image: gitlab\/gitlab-runner:latest\n/);
    assert.match(text, /\n {4}volumes:\n {6}- \/var\/run\/docker\.sock:\/var\/run\/docker\.sock\n/);
    assert.equal(await page.locator('#detected').textContent(), 'Read as Compose file');
    assert.ok((await shownFindings(page)).includes('MNT-001 7'));
    assert.deepEqual(
      await page.locator('.unconverted-list li').evaluateAll((items) => items.map((item) => item.dataset.flag)),
      ['-d'],
    );
    assert.match(
      await page.locator('.unconverted-list li').first().textContent(),
      /^-d \(line 2 of the commands\): detaching is chosen when starting/,
    );
    await page.screenshot({ path: path.join(artifactsDir, 'hardened-converted.png'), fullPage: true });
    // The Hardened view now hardens the Compose file.
    assert.ok(await page.locator('#convert-compose').isHidden());
    await openHardened(page);
    assert.deepEqual(await changeCodes(page), []);
  }));

test('the Hardened view follows the text, and arrow keys move between the panes', () =>
  withPage(
    async (page) => {
      await loadExample(page, 'debug-sidecar', 'debug');
      await page.getByRole('tab', { name: 'Report' }).focus();
      await page.keyboard.press('ArrowRight');
      const focused = page.locator('.pane-tabs .tab:focus');
      assert.equal(await focused.textContent(), 'Hardened');
      assert.equal(await focused.getAttribute('aria-selected'), 'true');
      await page.locator('.change[data-code="SEC-008"]').waitFor();

      await replaceText(page, 'docker run --privileged -p 8080:80 nginx:1.27\n');
      await page.locator('.hardened-body .empty', { hasText: 'Nothing to change' }).waitFor();
      assert.deepEqual(await changeCodes(page), []);
      await page.getByRole('switch', { name: 'Include unsafe fixes' }).check();
      await page.locator('.change[data-code="PRIV-001"]').waitFor();
      assert.deepEqual(await changeCodes(page), ['PRIV-001', 'NET-003']);
      assert.deepEqual(await changedLines(page), {
        deleted: ['docker run --privileged -p 8080:80 nginx:1.27'],
        inserted: ['docker run -p 127.0.0.1:8080:80 nginx:1.27'],
      });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'commands.hardened.sh');

      await page.getByRole('tab', { name: 'Hardened' }).focus();
      await page.keyboard.press('ArrowLeft');
      assert.ok(await page.locator('#report').isVisible());
      assert.ok(await page.locator('#hardened').isHidden());
    },
    { acceptDownloads: true },
  ));

test('Hardened shows a unified diff on a phone', () =>
  withPage(
    async (page) => {
      await loadExample(page, 'debug-sidecar', 'debug');
      await openHardened(page);
      assert.ok(await page.locator('.diff-split').isHidden());
      const unified = await page.locator('.diff-unified span:not(.diff-same)').allTextContents();
      assert.deepEqual(unified, [
        '⋯ 13 unchanged lines\n',
        '-       - seccomp:unconfined\n',
        '+       - seccomp=unconfined\n',
      ]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
      await page.screenshot({ path: path.join(artifactsDir, 'hardened-phone.png'), fullPage: true });
    },
    { viewport: PHONE },
  ));

test('the single-file build hardens from file:// too', () =>
  withPage(
    async (page) => {
      await loadExample(page, 'debug-sidecar', 'debug');
      await openHardened(page);
      assert.deepEqual(await changeCodes(page), ['SEC-008']);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download' }).click(),
      ]);
      assert.match(await readFile(await download.path(), 'utf8'), /- seccomp=unconfined\n/);
    },
    { url: singleFileUrl, acceptDownloads: true },
  ));

test('no error was logged', () => {
  assert.deepEqual(harness.errors, []);
});
