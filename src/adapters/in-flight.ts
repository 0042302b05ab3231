/**
 * Counts requests still being answered, so shutdown can wait for them. Shared by the Slack and Teams
 * adapters; each wraps its own unit of work (a Bolt listener chain, a botbuilder turn) in `start()`.
 */
export interface InFlight {
  /** Marks one unit of work as started; call the returned function once when it ends. */
  start(): () => void;
  /** Resolves true when nothing is in flight, or false if `timeoutMs` passed first. */
  drain(timeoutMs: number): Promise<boolean>;
}

export function inFlight(): InFlight {
  let active = 0;
  let waiters: Array<() => void> = [];
  return {
    start() {
      active++;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        active--;
        if (active === 0) {
          for (const w of waiters) w();
          waiters = [];
        }
      };
    },
    drain(timeoutMs) {
      if (active === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        timer.unref();
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
