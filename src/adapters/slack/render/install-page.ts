import { SLACK_TEXT } from './text.js';

/** What the browser is shown at the end of the OAuth install flow. */
export type InstallOutcome =
  | { kind: 'installed'; workspace: string; openUrl: string }
  | { kind: 'cancelled' }
  | { kind: 'expired' }
  | { kind: 'no-code' }
  | { kind: 'failed'; correlationId: string };

/** A small HTML page for an install outcome, with its HTTP status. Pure; every value is escaped. */
export function installPage(outcome: InstallOutcome): { status: number; html: string } {
  const t = SLACK_TEXT.install;
  switch (outcome.kind) {
    case 'installed':
      return page(200, t.installedTitle, t.installed(outcome.workspace), {
        href: outcome.openUrl,
        label: t.openSlack,
      });
    case 'cancelled':
      return page(200, t.cancelledTitle, t.cancelled);
    case 'expired':
      return page(400, t.expiredTitle, t.expired);
    case 'no-code':
      return page(400, t.noCodeTitle, t.noCode);
    case 'failed':
      return page(500, t.failedTitle, t.failed(outcome.correlationId));
  }
}

function page(
  status: number,
  title: string,
  text: string,
  link?: { href: string; label: string },
): { status: number; html: string } {
  const a = link ? `\n<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : '';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(text)}</p>${a}
</body></html>
`;
  return { status, html };
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
