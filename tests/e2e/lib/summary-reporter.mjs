// node:test reporter that prints the closing line CI reads: "N passed, N failed, N skipped", after one
// "skipped: NAME # REASON" line per skipped test. Leaf tests are counted (suites and tests with subtests are
// containers, not results); a skipped or todo test is skipped.
export default async function* summaryReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const skippedLines = [];
  const hasChildren = new Set();
  const key = (data) => `${data.file}|${data.nesting}|${data.name}|${data.line}`;
  const pending = [];
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const data = event.data;
    pending.push({ event, data });
  }
  // A test's children finish before it; a parent is a test whose next-deeper siblings were reported just before.
  for (let i = 0; i < pending.length; i++) {
    const { data } = pending[i];
    if (i > 0 && pending[i - 1].data.nesting > data.nesting && pending[i - 1].data.file === data.file) hasChildren.add(key(data));
  }
  for (const { event, data } of pending) {
    if (data.details?.type === 'suite') continue;
    if (hasChildren.has(key(data))) {
      // A container that failed by itself (its own assertion after the subtests) still counts as a failure.
      if (event.type === 'test:fail' && !isSubtestFailure(data)) failed++;
      continue;
    }
    if (data.skip !== undefined || data.todo !== undefined) {
      skipped++;
      // One line per skipped test, read by scripts/check-skips.py against tests/declared-skips.txt.
      const reason = typeof data.skip === 'string' ? data.skip : typeof data.todo === 'string' ? `todo: ${data.todo}` : 'no reason given';
      skippedLines.push(`skipped: ${data.name} # ${reason}\n`);
    }
    else if (event.type === 'test:pass') passed++;
    else failed++;
  }
  yield* skippedLines;
  yield `${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}

function isSubtestFailure(data) {
  return data.details?.error?.failureType === 'subtestsFailed';
}
