// End-to-end tests of the page in headless Chromium: the served build over http,
// the single-file build from file://. Run with `make test-web` (builds first).

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  artifactsDir,
  DESKTOP,
  editorSelection,
  editorText,
  Harness,
  loadExample,
  PHONE,
  replaceText,
  showContainer,
  shownFindings,
  singleFileUrl,
} from './browser.mjs';

const harness = new Harness();
before(() => harness.start());
after(() => harness.stop());

/** @type {Harness['withPage']} */
const withPage = (body, options) => harness.withPage(body, options);

// Worst first, then in text order.
const MONITORING_AGENT_FINDINGS = [
  'PRIV-001 5',
  'MNT-004 9',
  'MNT-001 10',
  'MNT-003 11',
  'MNT-004 12',
  'DEV-001 7',
  'MNT-003 13',
  'NET-003 15',
];

test('an example shows its findings, worst first, and underlines each in the editor', () =>
  withPage(async (page) => {
    await loadExample(page, 'monitoring-agent', 'cadvisor');
    assert.deepEqual(await shownFindings(page), MONITORING_AGENT_FINDINGS);
    assert.deepEqual(await page.locator('.container .finding .badge').allTextContents(), [
      'critical',
      'critical',
      'critical',
      'high',
      'high',
      'medium',
      'medium',
      'medium',
    ]);
    assert.equal(await page.locator('.overview > .grade').textContent(), 'F');
    assert.deepEqual(await page.locator('.overview .count strong').allTextContents(), ['3', '2', '3', '0', '0']);
    const underlined = await page.evaluate(() =>
      [...document.querySelector('#editor').shadowRoot.querySelectorAll('.cm-lintRange')].map(
        (mark) => mark.textContent,
      ),
    );
    assert.deepEqual(underlined, [
      'true',
      '/dev/kmsg',
      '/',
      '/var/run',
      '/sys',
      '/var/lib/docker/',
      '/dev/disk/',
      '"8080:8080"',
    ]);
  }));

test('each container of a file gets its own grade and counts', () =>
  withPage(async (page) => {
    await loadExample(page, 'debug-sidecar', 'debug');
    assert.equal(await page.locator('.overview > .grade').textContent(), 'F');
    assert.equal(await page.locator('.container-summary .grade').textContent(), 'F');
    assert.deepEqual(await page.locator('.container-summary .count strong').allTextContents(), [
      '0',
      '3',
      '0',
      '0',
      '3',
    ]);
    await showContainer(page, 'api');
    assert.equal(await page.locator('.container-summary .grade').textContent(), 'A');
    assert.deepEqual(await page.locator('.container-summary .count strong').allTextContents(), [
      '0',
      '0',
      '0',
      '0',
      '0',
    ]);
  }));

test('clicking a finding selects its exact range in the editor', () =>
  withPage(async (page) => {
    await loadExample(page, 'monitoring-agent', 'cadvisor');
    const finding = page.locator('.finding[data-code="PRIV-001"]');
    await finding.locator('summary').click();
    // PRIV-001 covers `true` on line 5, columns 17 to 21.
    assert.equal(await page.locator('#cursor-status').textContent(), 'Ln 5, Col 21 · 4 selected');
    await finding.getByRole('button', { name: /^Show in editor/ }).click();
    assert.equal(await editorSelection(page), 'true');
    // Under "Learn more", the rule's documentation, offline.
    await finding.locator('.learn-more summary').click();
    await assert.doesNotReject(finding.locator('.rule-docs h4', { hasText: 'Why is this bad?' }).waitFor());

    // Columns count UTF-16 units: characters outside the BMP before the range.
    await replaceText(page, 'docker run --name 🐳🐳 --privileged alpine\n');
    const emoji = page.locator('.container[data-container="🐳🐳"] .finding[data-code="PRIV-001"]');
    await emoji.locator('summary').click();
    await emoji.getByRole('button', { name: /^Show in editor/ }).click();
    assert.equal(await editorSelection(page), '--privileged');
  }));

test('the capability, mount and namespace views list the right rows', () =>
  withPage(async (page) => {
    await loadExample(page, 'vpn', 'wireguard');
    await page.getByRole('tab', { name: /^Capabilities/ }).click();
    const capabilities = await page
      .locator('.capabilities tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => `${row.dataset.capability}:${row.querySelector('.status').textContent}`),
      );
    assert.equal(capabilities.length, 16);
    assert.deepEqual(capabilities.slice(0, 2), ['SYS_MODULE:added', 'NET_ADMIN:added']);
    assert.ok(capabilities.includes('CHOWN:default') && capabilities.includes('NET_RAW:default'));

    await loadExample(page, 'monitoring-agent', 'cadvisor');
    await page.getByRole('tab', { name: /^Mounts/ }).click();
    const mounts = await page.locator('.mounts tbody tr').evaluateAll((rows) =>
      rows.map((row) => {
        const [source, target] = [...row.querySelectorAll('.mount-paths code')].map((code) => code.textContent);
        return `${row.querySelector('.mount-kind').textContent} ${source} → ${target} ${row.cells[1].textContent}`;
      }),
    );
    assert.deepEqual(mounts, [
      'bind / → /rootfs read-only',
      'bind /var/run → /var/run read-only',
      'bind /sys → /sys read-only',
      'bind /var/lib/docker/ → /var/lib/docker read-only',
      'bind /dev/disk/ → /dev/disk read-only',
    ]);
    assert.match(
      await page.locator('.mounts tbody tr').nth(1).locator('.why').textContent(),
      /^critical contains \/run\/docker\.sock: the Docker API socket.*Findings: MNT-001/,
    );

    await loadExample(page, 'debug-sidecar', 'debug');
    await page.getByRole('tab', { name: 'Namespaces' }).click();
    const namespaces = await page
      .locator('.namespaces tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => `${row.dataset.namespace}:${row.cells[2].textContent.replace(/\s*line \d+, col \d+$/, '')}`),
      );
    assert.deepEqual(namespaces, [
      'pid:joined api',
      'ipc:engine default',
      'uts:engine default',
      'network:joined api',
      'userns:engine default',
      'cgroup:engine default',
    ]);

    await loadExample(page, 'node-exporter', 'node-exporter');
    const hostRows = await page
      .locator('.namespaces tr.sev-high')
      .evaluateAll((rows) => rows.map((row) => row.dataset.namespace));
    assert.deepEqual(hostRows, ['pid', 'network'], 'the namespace view stays selected and marks host namespaces');
  }));

test('arrow keys move between the views', () =>
  withPage(async (page) => {
    await loadExample(page, 'monitoring-agent', 'cadvisor');
    await page.getByRole('tab', { name: /^Findings/ }).focus();
    await page.keyboard.press('ArrowRight');
    const focused = page.locator('.tab:focus');
    assert.match(await focused.textContent(), /^Capabilities/);
    assert.equal(await focused.getAttribute('aria-selected'), 'true');
    await page.keyboard.press('End');
    assert.match(await page.locator('.tab:focus').textContent(), /^Escape paths/);
  }));

test('typing updates the findings, and the text survives a reload', () =>
  withPage(async (page) => {
    await loadExample(page, 'hardened', 'api');
    assert.deepEqual(await shownFindings(page), []);
    await page.locator('#editor .cm-line', { hasText: 'read_only: true' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('privileged: true');
    await page.locator('.finding[data-code="PRIV-001"]').waitFor();
    assert.ok((await shownFindings(page)).includes('PRIV-001 7'));

    await page.reload();
    await page.locator('.finding[data-code="PRIV-001"]').waitFor();
    assert.match(await editorText(page), /read_only: true\n {4}privileged: true\n/);
  }));

test('switching the profile changes the findings', () =>
  withPage(async (page) => {
    await loadExample(page, 'ci-runner', 'ci-runner');
    const byDefault = await shownFindings(page);
    assert.deepEqual(byDefault, ['MNT-001 4', 'CAP-002 6', 'SEC-007 6', 'SEC-001 7', 'NET-003 9']);
    await page.selectOption('#profile-select', 'restricted');
    await page.locator('.finding[data-code="USR-001"]').waitFor();
    const restricted = await shownFindings(page);
    // The hardening rules join the escape paths, which every profile reports.
    for (const finding of ['CAP-002 6', 'MNT-001 4', 'SEC-001 7', 'CAP-008 2', 'MNT-006 5', 'RES-001 2', 'USR-001 2']) {
      assert.ok(restricted.includes(finding), finding);
    }
    assert.equal(await page.locator('.overview-title strong').textContent(), 'restricted');
  }));

test('the input mode is detected, and can be forced', () =>
  withPage(async (page) => {
    await replaceText(page, 'docker run --privileged alpine\n');
    await page.locator('.container[data-container="command 1"]').waitFor();
    assert.equal(await page.locator('#detected').textContent(), 'Read as run commands');
    await page.selectOption('#mode-select', 'compose');
    await page.locator('.input-problems .finding[data-code="SYN-002"]').waitFor();
    assert.equal(await page.locator('#detected').textContent(), '');
    assert.equal(await page.locator('.empty-state h2').textContent(), 'Not readable as a Compose file');
  }));

test('the rules reference documents every rule', () =>
  withPage(async (page) => {
    await page.click('#show-rules');
    const rules = page.locator('#rules-dialog details.rule');
    assert.ok((await rules.count()) >= 60);
    const privileged = rules.filter({ hasText: 'PRIV-001' });
    await privileged.locator('summary').click();
    await assert.doesNotReject(privileged.locator('.rule-docs h4', { hasText: 'Why is this bad?' }).waitFor());
    await page.keyboard.press('Escape');
    assert.ok(await page.locator('#rules-dialog').isHidden());
  }));

test('ignoring a rule hides its findings until it is un-ignored', () =>
  withPage(async (page) => {
    await loadExample(page, 'reverse-proxy', 'traefik');
    const finding = page.locator('.finding[data-code="NET-003"]').first();
    await finding.locator('summary').click();
    await finding.getByRole('button', { name: 'Ignore NET-003' }).click();
    await page.locator('.finding[data-code="NET-003"]').first().waitFor({ state: 'detached' });
    assert.deepEqual(await shownFindings(page), ['MNT-001 15']);
    await page.locator('#ignored-panel summary').click();
    await page.getByRole('button', { name: 'Stop ignoring NET-003' }).click();
    await page.locator('.finding[data-code="NET-003"]').first().waitFor();
    assert.equal((await shownFindings(page)).length, 4);
  }));

test('a fix is applied with a click and labelled by what it does', () =>
  withPage(async (page) => {
    await loadExample(page, 'debug-sidecar', 'debug');
    const finding = page.locator('.finding[data-code="SEC-008"]');
    await finding.locator('summary').click();
    await finding.locator('.fix button').first().waitFor();
    assert.deepEqual(await finding.locator('.fix button').allTextContents(), ['Apply fix']);
    assert.equal(await finding.locator('.fix-reason').count(), 0);
    const unsafe = page.locator('.finding[data-code="SEC-001"]');
    await unsafe.locator('summary').click();
    await unsafe.locator('.fix button').first().waitFor();
    assert.deepEqual(await unsafe.locator('.fix button').allTextContents(), ['Apply — changes behaviour']);
    assert.match(await unsafe.locator('.fix-reason').textContent(), /^It changes what the container may do/);
    await finding.getByRole('button', { name: 'Apply fix' }).click();
    await finding.waitFor({ state: 'detached' });
    assert.match(await editorText(page), /- seccomp=unconfined/);
    assert.ok((await shownFindings(page)).includes('SEC-001 17'));
  }));

test('environment variables fill the interpolated variables', () =>
  withPage(async (page) => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Compose interpolation, not a template
    await replaceText(page, 'services:\n  app:\n    image: nginx:1.27\n    privileged: ${PRIVILEGED:-false}\n');
    await page.locator('.container[data-container="app"]').waitFor();
    assert.deepEqual(await shownFindings(page), []);
    await page.locator('#env-panel summary').click();
    await page.fill('#env-input', 'PRIVILEGED=true');
    await page.locator('.finding[data-code="PRIV-001"]').waitFor();
    assert.equal(await page.locator('#env-count').textContent(), '(1)');
  }));

test('a file opens from the picker and by drag and drop', () =>
  withPage(async (page) => {
    await page.setInputFiles('#file-input', {
      name: 'compose.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from('services:\n  cache:\n    image: redis:7\n    pid: host\n'),
    });
    await page.locator('.container[data-container="cache"] .finding[data-code="NS-001"]').waitFor();
    assert.equal(await page.locator('#file-name').textContent(), 'compose.yaml');

    const dropped = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['podman run --network host alpine\n'], 'start.sh', { type: 'text/plain' }));
      return transfer;
    });
    await page.dispatchEvent('#editor', 'dragenter', { dataTransfer: dropped });
    assert.ok(await page.locator('#drop-overlay').isVisible());
    await page.dispatchEvent('#editor', 'drop', { dataTransfer: dropped });
    await page.locator('.container[data-container="command 1"] .finding[data-code="NET-001"]').waitFor();
    assert.equal(await editorText(page), 'podman run --network host alpine\n');
    assert.ok(await page.locator('#drop-overlay').isHidden());
  }));

const BASE_FILE = 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n';
const OVERRIDE_FILE = 'services:\n  web:\n    privileged: true\n';

/** The file tabs: `name` for each, `*name` for the selected one. */
function fileTabs(page) {
  return page
    .locator('.file-tabs [role="tab"]')
    .evaluateAll((tabs) =>
      tabs.map((tab) => `${tab.getAttribute('aria-selected') === 'true' ? '*' : ''}${tab.dataset.file}`),
    );
}

test('opens two files as one project and shows an override’s finding in the right tab at the right line', () =>
  withPage(async (page) => {
    await page.setInputFiles('#file-input', [
      { name: 'compose.yaml', mimeType: 'application/yaml', buffer: Buffer.from(BASE_FILE) },
      { name: 'compose.override.yaml', mimeType: 'application/yaml', buffer: Buffer.from(OVERRIDE_FILE) },
    ]);
    const finding = page.locator('.project-file[data-file="compose.override.yaml"] .finding[data-code="PRIV-001"]');
    await finding.waitFor();
    assert.equal(await finding.locator('.finding-location').textContent(), 'line 3, col 17');
    assert.equal(await finding.locator('.finding-service').textContent(), 'web');
    // The base alone sets nothing privileged: the finding is the override's only.
    assert.equal(
      await page.locator('.project-file[data-file="compose.yaml"] .finding[data-code="PRIV-001"]').count(),
      0,
    );
    assert.deepEqual(await fileTabs(page), ['*compose.yaml', 'compose.override.yaml']);
    assert.equal(await editorText(page), BASE_FILE);

    await finding.locator('summary').click();
    assert.deepEqual(await fileTabs(page), ['compose.yaml', '*compose.override.yaml']);
    assert.equal(await page.locator('#editor').getAttribute('aria-labelledby'), 'file-tab-1');
    assert.equal(await editorText(page), OVERRIDE_FILE);
    assert.equal(await page.locator('#cursor-status').textContent(), 'Ln 3, Col 21 · 4 selected');
    const activeLine = await page.evaluate(
      () => document.querySelector('#editor').shadowRoot.querySelector('.cm-activeLine').textContent,
    );
    assert.equal(activeLine, '    privileged: true');
    // The editor underlines the findings of the file it shows.
    const underlined = await page.evaluate(() =>
      [...document.querySelector('#editor').shadowRoot.querySelectorAll('.cm-lintRange')].map(
        (mark) => mark.textContent,
      ),
    );
    assert.deepEqual(underlined, ['true']);
    await page.locator('#file-tab-0').click();
    await finding.getByRole('button', { name: /^Show in editor/ }).click();
    assert.deepEqual(await fileTabs(page), ['compose.yaml', '*compose.override.yaml']);
    assert.equal(await editorSelection(page), 'true');
  }));

test('file tabs: add, rename and remove a file, drop several files, move with the keyboard', () =>
  withPage(async (page) => {
    await replaceText(page, BASE_FILE);
    await page.locator('#add-file').click();
    // A new file's name is edited in place; a name already taken is refused.
    const name = page.locator('.file-name-input');
    await name.fill('compose.yaml');
    await name.press('Enter');
    assert.equal(await page.locator('.file-name-error').textContent(), 'Another file is named compose.yaml.');
    await name.fill('prod.yaml');
    await name.press('Enter');
    assert.deepEqual(await fileTabs(page), ['compose.yaml', '*prod.yaml']);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'file-tab-1');
    await page.locator('#editor .cm-content').click();
    await page.keyboard.insertText('services:\n  web:\n    pid: host\n');
    await page.locator('.project-file[data-file="prod.yaml"] .finding[data-code="NS-001"]').waitFor();

    await page.locator('#file-tab-1').focus();
    await page.keyboard.press('ArrowLeft');
    assert.deepEqual(await fileTabs(page), ['*compose.yaml', 'prod.yaml']);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'file-tab-0');
    await page.keyboard.press('End');
    assert.deepEqual(await fileTabs(page), ['compose.yaml', '*prod.yaml']);

    await page.locator('#rename-file').click();
    await page.locator('.file-name-input').fill('compose.override.yaml');
    await page.locator('.file-name-input').press('Enter');
    await page.locator('.project-file[data-file="compose.override.yaml"] .finding[data-code="NS-001"]').waitFor();

    const dropped = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['services:\n  base:\n    privileged: true\n'], 'common.yml'));
      transfer.items.add(
        new File(
          ['services:\n  job:\n    extends: {file: common.yml, service: base}\n    image: busybox:1.36\n'],
          'jobs.yaml',
        ),
      );
      return transfer;
    });
    await page.dispatchEvent('#editor', 'drop', { dataTransfer: dropped });
    assert.deepEqual(await fileTabs(page), ['compose.yaml', 'compose.override.yaml', '*common.yml', 'jobs.yaml']);
    // common.yml is the base jobs.yaml extends: its finding is about the service `job`.
    const inherited = page.locator('.project-file[data-file="common.yml"] .finding[data-code="PRIV-001"]');
    await inherited.waitFor();
    assert.equal(await inherited.locator('.finding-service').textContent(), 'job');

    await page.locator('#remove-file').click();
    assert.deepEqual(await fileTabs(page), ['compose.yaml', 'compose.override.yaml', '*jobs.yaml']);
    await page.locator('.project-file[data-file="jobs.yaml"] .finding[data-code="SYN-004"]').waitFor();
    await page.locator('#remove-file').click();
    await page.locator('#remove-file').click();
    assert.deepEqual(await fileTabs(page), ['*compose.yaml']);
    assert.ok(await page.locator('#remove-file').isDisabled());
    await page.locator('.container[data-container="web"]').waitFor();
  }));

test('a trap in the module restarts the worker, keeps the text and says so', () =>
  withPage(async (page, context) => {
    // Fault injection: the worker answers a text holding TRAP as a trapped module would.
    await context.route('**/worker.js', async (route) => {
      const response = await route.fetch();
      const trap = `self.addEventListener('message', (event) => {
        if (event.data.type !== 'analyze' || !event.data.text.includes('TRAP')) return;
        event.stopImmediatePropagation();
        self.postMessage({ id: event.data.id, type: 'failed', error: 'RuntimeError: unreachable', trapped: true });
      });\n`;
      await route.fulfill({ response, body: trap + (await response.text()) });
    });
    await page.reload();
    await page.locator('#version').filter({ hasText: /^v/ }).waitFor();
    await replaceText(page, 'docker run --privileged alpine # TRAP\n');
    await page.locator('#notice', { hasText: 'restarted' }).waitFor();
    assert.match(await page.locator('#notice').textContent(), /RuntimeError: unreachable.*your text is kept/);
    assert.equal(await editorText(page), 'docker run --privileged alpine # TRAP\n');
    assert.ok(await page.locator('#report.stale').isVisible(), 'the older report is marked stale');
    await replaceText(page, 'docker run --privileged alpine\n');
    await page.locator('.container[data-container="command 1"] .finding[data-code="PRIV-001"]').waitFor();
    assert.ok(await page.locator('#notice').isHidden(), 'the notice goes once an analysis succeeds');
    assert.equal(await page.locator('#report.stale').count(), 0);
  }));

test('a share link restores the text and the profile in a fresh browser', async () => {
  let link;
  await withPage(async (page) => {
    await loadExample(page, 'podman-rootless', 'command 1');
    await page.selectOption('#profile-select', 'restricted');
    await page.locator('.finding[data-code="CAP-008"]').waitFor();
    await page.click('#share');
    await page.locator('#share-dialog[open]').waitFor();
    link = await page.inputValue('#share-link');
  });
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#share=v1\.[\w-]+$/);
  await withPage(
    async (page) => {
      await page.locator('.finding[data-code="CAP-008"]').waitFor();
      assert.equal(await page.inputValue('#profile-select'), 'restricted');
      assert.match(await editorText(page), /^# Build images inside a rootless Podman container\.\npodman run --rm -it/);
      assert.equal(new URL(page.url()).hash, '', 'the fragment is dropped once read');
    },
    { url: link },
  );
});

test('user text is rendered as text and runs nothing', () =>
  withPage(async (page) => {
    await replaceText(
      page,
      [
        'services:',
        '  "<img src=x onerror=alert(1)>":',
        '    image: "</script><script>alert(2)</script>"',
        '    privileged: true',
        '    cap_add: ["<b>SYS_ADMIN</b>"]',
        '',
      ].join('\n'),
    );
    const container = page.locator('.container[data-container="<img src=x onerror=alert(1)>"]');
    await container.waitFor();
    assert.equal(await container.locator('h2').textContent(), '<img src=x onerror=alert(1)>');
    assert.match(await container.locator('.container-meta').textContent(), /<\/script><script>alert\(2\)<\/script>/);
    await page.getByRole('tab', { name: /^Capabilities/ }).click();
    await page.locator('.capabilities').waitFor();
    await replaceText(page, 'docker run --name "<img src=x onerror=alert(3)>" --privileged alpine\n');
    await page.locator('.container[data-container="<img src=x onerror=alert(3)>"]').waitFor();
    const injected = await page.evaluate(
      () =>
        document.querySelectorAll('img, script:not([src]), b').length +
        document.querySelector('#editor').shadowRoot.querySelectorAll('img, b').length,
    );
    assert.equal(injected, 0, 'no element was created from user text');
    assert.deepEqual(harness.dialogs, [], 'no dialog was opened');
  }));

test('the single-file build works from file:// without any request', () =>
  withPage(
    async (page) => {
      await loadExample(page, 'monitoring-agent', 'cadvisor');
      assert.deepEqual(await shownFindings(page), MONITORING_AGENT_FINDINGS);
      const finding = page.locator('.finding[data-code="MNT-001"]');
      await finding.locator('summary').click();
      await finding.locator('.learn-more summary').click();
      await assert.doesNotReject(finding.locator('.rule-docs h4', { hasText: 'Why is this bad?' }).waitFor());
      assert.equal(await finding.locator('a.rule-page').count(), 0, 'no link to rule pages that are not there');
    },
    { url: singleFileUrl },
  ));

test('screenshots: light and dark, desktop and phone', async () => {
  for (const [size, viewport] of Object.entries({ desktop: DESKTOP, phone: PHONE })) {
    for (const colorScheme of ['light', 'dark']) {
      await withPage(
        async (page) => {
          await loadExample(page, 'debug-sidecar', 'debug');
          await page.locator('.finding[data-code="SEC-008"] summary').click();
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `${size}: the page is ${overflow}px wider than the screen`);
          const file = path.join(artifactsDir, `page-${size}-${colorScheme}.png`);
          await page.screenshot({ path: file, fullPage: true });
          console.log(`screenshot: ${file}`);
        },
        { viewport, colorScheme },
      );
    }
  }
  await withPage(async (page) => {
    await page.click('#theme-toggle');
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
    await page.reload();
    await page.locator('#version').filter({ hasText: /^v/ }).waitFor();
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark', 'the chosen theme is remembered');
  });
});

test('no request ever left the page, no error was logged', () => {
  const outside = harness.requests.filter(
    (url) => !url.startsWith(`${harness.origin}/`) && url !== singleFileUrl && !url.startsWith('blob:'),
  );
  assert.ok(harness.requests.length > 0);
  assert.deepEqual(outside, []);
  assert.deepEqual(harness.errors, []);
});
