/**
 * Child process: the baseline for the Slack path, a bare Bolt app on its HTTPReceiver that verifies the
 * signature and acks `/srm`, nothing else; with BENCH_RESPOND=1 it then also posts one fixed line to the
 * command's response_url, as a real answer does. Prints `{"port":N}` when listening on 127.0.0.1.
 * Env: BENCH_SIGNING_SECRET, BENCH_RESPOND.
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
const alsoRespond = process.env.BENCH_RESPOND === '1';
app.command('/srm', async ({ ack, respond }) => {
  await ack();
  if (alsoRespond) await respond({ response_type: 'ephemeral', text: 'AWS patches the database engine.' });
});
const server = await app.start({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
