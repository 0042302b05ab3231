// A separate process using the compiled store (dist/, built by tests/global-setup.ts), for the kill
// test and the cross-process claim test. SRM_TEST_STORE holds the store config as JSON.
//   burst:  appends feedback rows SRM_TEST_FROM, +1, … one commit at a time, printing "ack N" after
//           each commit, until killed
//   claims: waits until SRM_TEST_START_AT (epoch ms), claims keys 0..SRM_TEST_KEYS-1, prints the won ones
import { createHash } from 'node:crypto';
import { openStore } from '../../dist/src/store/index.js';

/** The row number i is written as; the test rebuilds it to recognise a torn or altered row. */
export function burstRow(i) {
  return {
    platform: i % 2 ? 'teams' : 'slack',
    team: `T${i}`,
    userHash: createHash('sha256').update(String(i)).digest('hex').slice(0, 16),
    question: `burst ${i} ${'x'.repeat(3000)} ${i}`,
    answered: `duty.${i}`,
    verdict: 'unanswered',
    // Keyed, so the kill test covers the upsert path (each row its own key: every one must be found).
    answerKey: `burst:${i}`,
    askedTeam: null,
  };
}

const mode = process.argv[2];
if (mode) {
  const store = await openStore(JSON.parse(process.env.SRM_TEST_STORE ?? '{}'), { sweepIntervalMs: 0 });
  if (mode === 'burst') {
    process.stdout.write('ready\n');
    const from = Number(process.env.SRM_TEST_FROM ?? 0);
    for (let i = from; i < from + 1_000_000; i++) {
      await store.feedback.append(burstRow(i));
      // Writes to a pipe are synchronous on Linux: once this returns, the parent can read the line.
      process.stdout.write(`ack ${i}\n`);
    }
  } else if (mode === 'claims') {
    const keys = Number(process.env.SRM_TEST_KEYS);
    await new Promise((r) => setTimeout(r, Math.max(0, Number(process.env.SRM_TEST_START_AT) - Date.now())));
    const won = [];
    await Promise.all(
      Array.from({ length: keys }, async (_, k) => {
        if (await store.claims.claim(`event:${k}`)) won.push(k);
      }),
    );
    process.stdout.write(`${JSON.stringify(won)}\n`);
  }
  await store.close();
}
