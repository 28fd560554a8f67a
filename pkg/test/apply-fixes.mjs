// Runs in a folder where the packed package is installed (scripts/pack-test.sh):
// `applyFixes` over every real corpus file (SHIPSHAPE_CORPUS, ../shared/corpus/real),
// as it is and behind a non-ASCII first line, safe fixes and then all of them.
// Each result must analyse again with none of the applied findings left, and equal
// the text a JS caller gets by applying the same edits at their `utf16Range`.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeCompose, analyzeRun, applyFixes } from "shipshape";

const corpus = process.env.SHIPSHAPE_CORPUS ?? "";
if (!corpus || !existsSync(corpus)) {
  console.log(`apply-fixes: skipped: no corpus at ${corpus || "(SHIPSHAPE_CORPUS unset)"}`);
  process.exit(0);
}

/** @param {{ code: string, container: string | null, message: string }} d */
const key = (d) => `${d.code} ${d.container} ${d.message}`;

/** How many unsuppressed diagnostics have each key. */
function tally(diagnostics) {
  const counts = new Map();
  for (const d of diagnostics) if (d.suppressed === null) counts.set(key(d), (counts.get(key(d)) ?? 0) + 1);
  return counts;
}

/** The applied fixes' edits, applied from the end with JS string indices. */
function applyByUtf16(text, diagnostics, applied) {
  const seen = new Set();
  const edits = [];
  for (const { index } of applied) {
    const { edits: fixEdits } = diagnostics[index].fix;
    // An identical fix (a setting several services inherit) is applied once.
    const signature = JSON.stringify(fixEdits.map((edit) => [edit.utf16Range, edit.content]));
    if (seen.has(signature)) continue;
    seen.add(signature);
    edits.push(...fixEdits);
  }
  edits.sort((a, b) => b.utf16Range.start - a.utf16Range.start || b.utf16Range.end - a.utf16Range.end);
  let out = text;
  for (const { utf16Range, content } of edits) {
    out = out.slice(0, utf16Range.start) + content + out.slice(utf16Range.end);
  }
  return out;
}

const analyzers = { compose: analyzeCompose, run: analyzeRun };
// Two UTF-16 units for 😀, one each for 缓, 存 and é, against 4, 3, 3 and 2 bytes.
const prefix = "# 缓存 😀 é\n";
const totals = { files: 0, nonAscii: 0, applied: 0, unsafeApplied: 0, overlaps: 0 };
for (const kind of ["compose", "run"]) {
  const folder = join(corpus, kind);
  for (const name of readdirSync(folder).sort()) {
    const original = readFileSync(join(folder, name), "utf8");
    totals.files += 1;
    if (/[^\x00-\x7f]/.test(original)) totals.nonAscii += 1;
    for (const text of [original, prefix + original]) {
      const analyze = (input) => analyzers[kind](input, { fileName: name });
      const { diagnostics } = analyze(text);
      const before = tally(diagnostics);
      for (const unsafe of [false, true]) {
        const where = `${kind}/${name}${text === original ? "" : " (non-ASCII first line)"} unsafe=${unsafe}`;
        const result = applyFixes(text, diagnostics, { unsafe });
        assert.equal(result.text, applyByUtf16(text, diagnostics, result.applied), `${where}: UTF-16 edits`);
        const fixable = diagnostics.filter((d) => d.fix !== null).length;
        assert.equal(result.applied.length + result.skipped.length, fixable, `${where}: every fix accounted for`);
        for (const skipped of result.skipped) {
          assert.ok(["unsafe", "suppressed", "overlap"].includes(skipped.reason), `${where}: ${JSON.stringify(skipped)}`);
          if (!unsafe && skipped.reason === "unsafe") assert.equal(diagnostics[skipped.index].fix.applicability, "unsafe");
        }
        const after = tally(analyze(result.text).diagnostics);
        const fixed = new Map();
        for (const { index } of result.applied) {
          const k = key(diagnostics[index]);
          fixed.set(k, (fixed.get(k) ?? 0) + 1);
        }
        for (const [k, count] of fixed) {
          const left = after.get(k) ?? 0;
          assert.ok(left <= (before.get(k) ?? 0) - count, `${where}: ${k} still reported ${left} times after its fix`);
        }
        if (unsafe) totals.unsafeApplied += result.applied.length;
        else totals.applied += result.applied.length;
        totals.overlaps += result.skipped.filter((s) => s.reason === "overlap").length;
      }
    }
  }
}
assert.ok(totals.applied > 0, "some safe fix applied over the corpus");
console.log(
  `apply-fixes: ${totals.files} corpus files (${totals.nonAscii} with non-ASCII text), each also behind a non-ASCII line: ` +
    `${totals.applied} safe fixes applied, ${totals.unsafeApplied} with unsafe ones, ${totals.overlaps} skipped as overlapping`,
);
console.log("apply-fixes: ok");
