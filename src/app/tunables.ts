/**
 * The server's own limits, in one frozen place, each with how its value was chosen and which test guards it.
 */
export const APP_TUNABLES = Object.freeze({
  /** Default for SRM_SHUTDOWN_DEADLINE_SECONDS: from SIGTERM to exit, whatever hangs. Kubernetes, ECS and
   * most platforms send SIGKILL 30 s after SIGTERM; 10 s leaves room for that, and is longer than an answer
   * normally takes (well under a second), so only answers stuck on a platform that hangs are cut off
   * (tests/app/shutdown.test.ts "exits within the deadline"). */
  shutdownDeadlineSeconds: 10,
});
