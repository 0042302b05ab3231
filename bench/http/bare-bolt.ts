/**
 * Child process: the baseline for the Slack path, a bare Bolt app on its HTTPReceiver that verifies the
 * signature and answers `/srm`, nothing else. BENCH_MODE says how:
 * - `ack` (default): acks empty;
 * - `body`: acks with a fixed message in the HTTP 200 body, as srm-bot answers: BENCH_BODY (JSON; the
 *   bench passes srm-bot's own rendered answer, so both send the same bytes) or one fixed line;
 * - `respond`: acks empty, then posts one fixed line to the command's response_url (a second HTTP call).
 * Prints `{"port":N}` when listening on 127.0.0.1. Env: BENCH_SIGNING_SECRET, BENCH_MODE, BENCH_BODY.
 */
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const signingSecret = process.env.BENCH_SIGNING_SECRET ?? '';
const receiver = new HTTPReceiver({ signingSecret, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
const app = new App({
  receiver,
  logLevel: LogLevel.ERROR,
  // An authorize function instead of a token, so the constructor makes no auth.test call.
  authorize: async () => ({ botToken: 'xoxb-bench', botId: 'B0BENCH', botUserId: 'U0BENCH' }),
});
const mode = process.env.BENCH_MODE ?? 'ack';
const line = { response_type: 'ephemeral' as const, text: 'AWS patches the database engine.' };
const body = process.env.BENCH_BODY ? (JSON.parse(process.env.BENCH_BODY) as typeof line) : line;
app.command('/srm', async ({ ack, respond }) => {
  if (mode === 'body') return ack(body);
  await ack();
  if (mode === 'respond') await respond(line);
});
const server = await app.start({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
