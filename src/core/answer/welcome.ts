import type { KnowledgeBase } from '../../kb/load.js';
import type { WelcomeReply } from '../reply.js';
import { COMMANDS, EXAMPLES, ONBOARDING, WELCOME } from './messages.js';

/** The welcome reply, from the knowledge base: the same for every platform and every conversation. */
export function welcomeReply(kb: Pick<KnowledgeBase, 'model' | 'services'>): WelcomeReply {
  const m = kb.model;
  return {
    kind: 'welcome',
    question: '',
    meta: { intent: 'help', service: null, topic: null, owner: null, control: null, confidence: 1 },
    title: WELCOME.title,
    intro: WELCOME.intro,
    model: {
      name: m.name,
      summary: m.summary,
      layers: [
        { heading: m.ofTheCloud.title, text: m.ofTheCloud.summary, owner: 'aws' },
        { heading: m.inTheCloud.title, text: m.inTheCloud.summary, owner: 'customer' },
      ],
    },
    examples: EXAMPLES,
    start: [
      { label: ONBOARDING.startTour, text: 'tour' },
      { label: ONBOARDING.tour.startQuiz, text: 'quiz' },
    ],
    commands: COMMANDS.map((c) => ({ usage: c.usage, what: c.what })),
    services: WELCOME.services(kb.services.map((s) => s.name)),
  };
}
