/**
 * Reading settings from an environment record: shared by the root config (src/app/config.ts) and each
 * adapter's own settings (each adapter's config.ts). Nothing here reads `process.env`; the composition
 * root passes it in. Each checker adds a problem (by variable name, never with a secret's value) instead of
 * throwing, so every problem is reported together.
 */

export type Env = Record<string, string | undefined>;

export function str(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === '' ? undefined : v;
}

export type Checkers = ReturnType<typeof checkers>;

export function checkers(env: Env, problems: string[]) {
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(env, name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string): boolean => {
    const raw = str(env, name);
    if (raw === undefined) return false;
    if (/^(true|1|yes)$/i.test(raw)) return true;
    if (/^(false|0|no)$/i.test(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return false;
  };
  const url = (name: string, fallback: string): string => {
    const raw = str(env, name) ?? fallback;
    try {
      const u = new URL(raw);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
      return raw.endsWith('/') ? raw : `${raw}/`;
    } catch {
      problems.push(`${name} must be an http(s) URL such as ${fallback} (got "${raw}")`);
      return fallback;
    }
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = str(env, name) ?? fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  };
  return { int, bool, url, oneOf };
}
