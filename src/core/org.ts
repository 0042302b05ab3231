import type { TopicId } from '../kb/ids.js';
import type { OurTeam } from './reply.js';

/**
 * The company's own side of the model, as the engine sees it: which of its teams owns a customer or
 * shared duty. The composition root loads the ownership file (src/org) and hands an implementation in
 * at engine creation; the core never reads the file itself.
 */
export interface OwnersDirectory {
  /** The team that owns a duty (by its key, else by service and topic), or the default team; null when none. */
  teamFor(duty: string | null, service: string | null, topic: TopicId | null): OurTeam | null;
  /** A team by its id (for an "Ask <team>" click). */
  team(id: string): OurTeam | undefined;
  /** The company's owners of one service's customer and shared duties, and the duties no team owns. */
  ownersOf(service: string): ServiceOwners;
}

export interface ServiceOwners {
  teams: { team: OurTeam; duties: string[] }[];
  /** Labels of the customer or shared duties no rule gives a team (the default team may still be asked). */
  unowned: string[];
}
