import type { TopicId } from '../../kb/ids.js';
import type { Service, Topic, TopicEntry } from '../../kb/schema.js';

/**
 * What the knowledge base says about one topic on one service, in one place for the answer, the
 * service table, comparisons and the coverage report:
 * - `entry`: the service's own entry;
 * - `general`: the service has no entry of its own (or marks it not applicable) but the topic's
 *   general answer holds for every service (awareness & training, incident response), so that is the
 *   answer, with the service's own remark when it has one;
 * - `notApplicable`: the topic does not apply, with the reason (or none is recorded yet).
 */
export type Resolved =
  | { kind: 'entry'; entry: TopicEntry }
  | { kind: 'general'; entry: Topic['general']; remark: string | null }
  | { kind: 'notApplicable'; reason: string | null };

export function resolveEntry(service: Service, topic: TopicId, general: Topic | undefined): Resolved {
  const e = service.topics[topic];
  if (e && 'owner' in e) return { kind: 'entry', entry: e };
  const remark = e ? e.notApplicable : null;
  if (general?.appliesToEveryService) return { kind: 'general', entry: general.general, remark };
  return { kind: 'notApplicable', reason: remark };
}
