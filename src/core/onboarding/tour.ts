import type { Owner, TopicId } from '../../kb/ids.js';
import type { KnowledgeBase } from '../../kb/load.js';
import { COMMANDS, EXAMPLES, ONBOARDING, OWNER_LABEL } from '../answer/messages.js';
import type { Suggestion, TourReply } from '../reply.js';

/**
 * The onboarding tour: seven steps written from the knowledge base (the model, the topics' general
 * owners, one service of each service model, the controls), so it never disagrees with an answer.
 * Stateless: each step's Next / Back buttons ask for another step by number (`tour 3`).
 */

type Step = Pick<TourReply, 'title' | 'text' | 'points'>;

/** The areas that stay with the customer whatever the service (data, IAM, configuration, …). */
const YOUR_WORK: readonly TopicId[] = [
  'data',
  'iam',
  'configuration',
  'encryption-at-rest',
  'logging-monitoring',
  'backup',
];
/** The example of each service model, in the order the line moves. */
const LINE: readonly { model: 'iaas' | 'managed' | 'abstracted'; service: string }[] = [
  { model: 'iaas', service: 'ec2' },
  { model: 'managed', service: 'rds' },
  { model: 'abstracted', service: 's3' },
];

/** First sentence of a text: the tour shows one line per point. */
export function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(text.trim());
  return m?.[1] ?? text.trim();
}

export function tourSteps(kb: KnowledgeBase): Step[] {
  const T = ONBOARDING.tour;
  const m = kb.model;
  const topic = (id: TopicId) => kb.topics.find((t) => t.id === id);
  const steps: Step[] = [];
  steps.push({
    title: T.ofAndIn.title,
    text: m.summary,
    points: [
      { text: `${m.ofTheCloud.title}: ${m.ofTheCloud.summary}`, owner: 'aws' },
      { text: `${m.inTheCloud.title}: ${m.inTheCloud.summary}`, owner: 'customer' },
    ],
  });
  steps.push({
    title: T.layers.title,
    text: T.layers.text,
    points: kb.topics
      .filter((t) => !t.appliesToEveryService)
      .map((t) => ({ text: `${t.name}: ${OWNER_LABEL[t.general.owner]}`, owner: t.general.owner })),
  });
  const linePoints: TourReply['points'] = [];
  for (const { model, service } of LINE) {
    const s = kb.services.find((x) => x.id === service);
    const sm = kb.serviceModels.models.find((x) => x.id === model);
    const e = s?.topics.patching;
    if (!s || !sm || !e || !('owner' in e)) continue;
    linePoints.push({
      text: T.line.example(s.name, sm.name, OWNER_LABEL[e.owner], topic('patching')?.name ?? 'Patching'),
      owner: e.owner,
    });
  }
  steps.push({ title: T.line.title, text: kb.serviceModels.shift, points: linePoints });
  steps.push({
    title: T.controls.title,
    text: T.controls.text,
    points: kb.controls
      .filter((c) => c.id === c.kind)
      .map((c) => ({ text: `${c.name}: ${firstSentence(c.summary)}`, owner: controlOwner(c.kind) })),
  });
  steps.push({
    title: T.yourWork.title,
    text: T.yourWork.text,
    points: YOUR_WORK.flatMap((id) => {
      const t = topic(id);
      return t
        ? [{ text: `${t.name}: ${firstSentence(t.general.customer)}`, owner: 'customer' as Owner }]
        : [];
    }),
  });
  steps.push({
    title: T.ask.title,
    text: T.ask.text,
    points: [
      ...EXAMPLES.slice(0, 3).map((e) => ({ text: `"${e.label}"` })),
      ...COMMANDS.map((c) => ({ text: T.ask.command(c.usage, c.what) })),
    ],
  });
  steps.push({ title: T.end.title, text: T.end.text, points: [] });
  return steps;
}

function controlOwner(kind: 'inherited' | 'shared' | 'customer-specific'): Owner {
  return kind === 'inherited' ? 'aws' : kind === 'shared' ? 'shared' : 'customer';
}

/** The tour step `n` (1-based; out of range or unreadable: the first), with its Next / Back buttons. */
export function tourReply(steps: readonly Step[], arg: string | undefined, question: string): TourReply {
  const total = steps.length;
  const asked = Number.parseInt(arg ?? '1', 10);
  const index = Number.isInteger(asked) && asked >= 1 && asked <= total ? asked : 1;
  const step = steps[index - 1] as Step;
  const T = ONBOARDING.tour;
  const nav: Suggestion[] = [];
  if (index > 1) nav.push({ label: T.back, text: `tour ${index - 1}` });
  if (index < total) nav.push({ label: T.next, text: `tour ${index + 1}` });
  else nav.push({ label: T.startQuiz, text: 'quiz' }, { label: T.longQuiz, text: 'quiz 10' });
  return {
    kind: 'tour',
    question,
    meta: { intent: 'help', service: null, topic: null, owner: null, control: null, confidence: 1 },
    index,
    total,
    ...step,
    nav,
  };
}
