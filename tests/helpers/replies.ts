import type { AnswerReply, ReplyMeta } from '../../src/core/reply.js';

/** A fixed answer for renderer tests (Block Kit, Adaptive Cards); `over` replaces fields. */
export const meta: ReplyMeta = {
  intent: 'who_owns',
  service: 'rds',
  topic: 'patching',
  owner: 'shared',
  control: 'patch-management',
  confidence: 0.93,
};

export function answer(over: Partial<AnswerReply> = {}): AnswerReply {
  return {
    kind: 'answer',
    question: 'who patches rds',
    meta,
    owner: 'shared',
    duty: null,
    area: null,
    title: 'Amazon RDS: Patching and updates',
    headline: 'Patching and updates on Amazon RDS is shared between AWS and you.',
    aws: 'AWS patches the database engine and the operating system underneath it.',
    customer: 'You choose the maintenance window & apply minor versions.',
    notes: ['A note.'],
    controls: [
      { id: 'patch-management', name: 'Patch management', kind: 'shared', summary: 'Both sides patch.' },
    ],
    securityHub: [
      {
        id: 'RDS.13',
        title: 'Automatic minor version upgrades should be on',
        url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-13',
      },
    ],
    docs: [
      {
        title: 'Security in Amazon RDS',
        url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.html',
      },
    ],
    followUps: [
      { label: 'Backups on RDS', text: 'who is responsible for backup on rds' },
      { label: 'EC2 patching', text: 'who patches ec2' },
    ],
    ...over,
  };
}
