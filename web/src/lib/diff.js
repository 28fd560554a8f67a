// Line diff of two texts, for the hardened view: the longest common subsequence of
// lines, after the common head and tail are set aside (hardening changes a few
// lines of a file, so the table left to fill is small).

/** Largest table (lines × lines) worth filling; beyond it the middle is one replacement. */
const MAX_TABLE = 4_000_000;

/**
 * @typedef {{ kind: 'same'|'del'|'ins', text: string, before: number|null, after: number|null }} DiffLine
 * `before` and `after` are 1-based line numbers, `null` on the side the line is not on.
 */

/** The lines of a text; a final newline ends the last line rather than starting one. */
export function lines(text) {
  const list = text.split('\n');
  if (list.at(-1) === '') list.pop();
  return list;
}

/**
 * Every line of both texts in order, each marked kept, deleted or inserted.
 * @returns {DiffLine[]}
 */
export function lineDiff(beforeText, afterText) {
  const a = lines(beforeText);
  const b = lines(afterText);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) {
    tail += 1;
  }
  const out = [];
  for (let i = 0; i < head; i += 1) out.push({ kind: 'same', text: a[i], before: i + 1, after: i + 1 });
  middle(a.slice(head, a.length - tail), b.slice(head, b.length - tail), head, out);
  for (let k = tail; k > 0; k -= 1) {
    out.push({ kind: 'same', text: a[a.length - k], before: a.length - k + 1, after: b.length - k + 1 });
  }
  return out;
}

/** The diff of the lines between the common head and tail; `offset` lines precede them. */
function middle(a, b, offset, out) {
  const del = (i) => {
    out.push({ kind: 'del', text: a[i], before: offset + i + 1, after: null });
  };
  const ins = (j) => {
    out.push({ kind: 'ins', text: b[j], before: null, after: offset + j + 1 });
  };
  if ((a.length + 1) * (b.length + 1) > MAX_TABLE) {
    for (let i = 0; i < a.length; i += 1) del(i);
    for (let j = 0; j < b.length; j += 1) ins(j);
    return;
  }
  // common[i][j]: the longest common subsequence of a[i..] and b[j..].
  const width = b.length + 1;
  const common = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      common[i * width + j] =
        a[i] === b[j]
          ? common[(i + 1) * width + j + 1] + 1
          : Math.max(common[(i + 1) * width + j], common[i * width + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i], before: offset + i + 1, after: offset + j + 1 });
      i += 1;
      j += 1;
    } else if (j === b.length || (i < a.length && common[(i + 1) * width + j] >= common[i * width + j + 1])) {
      // Deletions first within a replaced block, as unified diffs show them.
      del(i);
      i += 1;
    } else {
      ins(j);
      j += 1;
    }
  }
}

/**
 * The diff as rows of a side-by-side table: kept lines on both sides, and in each
 * changed block the deleted lines beside the inserted ones. Kept lines further than
 * `context` from a change fold into `{ kind: 'gap', count }` rows.
 * @param {DiffLine[]} diff
 * @returns {Array<{ kind: 'gap', count: number } | { kind: 'same'|'change', left: DiffLine|null, right: DiffLine|null }>}
 */
export function sideBySide(diff, context = 3) {
  const rows = [];
  for (const line of fold(diff, context)) {
    if (line.kind === 'gap' || line.kind === 'same') {
      rows.push(line.kind === 'gap' ? line : { kind: 'same', left: line, right: line });
      continue;
    }
    // A deletion pairs with the first free insertion of its block, and the reverse.
    const last = rows.at(-1);
    if (line.kind === 'ins' && last?.kind === 'change' && last.right === null) {
      let row = rows.length - 1;
      while (row > 0 && rows[row - 1].kind === 'change' && rows[row - 1].right === null) row -= 1;
      rows[row].right = line;
      continue;
    }
    rows.push({ kind: 'change', left: line.kind === 'del' ? line : null, right: line.kind === 'ins' ? line : null });
  }
  return rows;
}

/** The diff with kept lines far from any change folded into gaps (see `sideBySide`). */
export function fold(diff, context = 3) {
  const changed = diff.map((line) => line.kind !== 'same');
  const near = diff.map((_, index) => {
    for (let k = Math.max(0, index - context); k <= Math.min(diff.length - 1, index + context); k += 1) {
      if (changed[k]) return true;
    }
    return false;
  });
  const out = [];
  diff.forEach((line, index) => {
    if (near[index]) {
      out.push(line);
      return;
    }
    const last = out.at(-1);
    if (last?.kind === 'gap') last.count += 1;
    else out.push({ kind: 'gap', count: 1 });
  });
  return out;
}
