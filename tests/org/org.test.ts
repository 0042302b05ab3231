import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/terminal/render.js';
import { PACKAGE_ROOT } from '../../src/app/boot.js';
import type { AnswerReply, Reply } from '../../src/core/reply.js';
import { loadOrg, OrgFileError, orgFilePath } from '../../src/org/load.js';
import { ownersReport, unownedReport } from '../../src/org/report.js';
import { engine, freshEngine, orgEngine } from '../helpers/engine.js';

const EXAMPLE = join(PACKAGE_ROOT, 'examples/org.yaml');
const kb = () => engine().kb;

function answer(reply: Reply): AnswerReply {
  expect(reply.kind).toBe('answer');
  return reply as AnswerReply;
}

/** Writes an ownership file and returns the problems loading it reports (as `file: path: problem`). */
function problemsOf(yaml: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'srm-org-'));
  const file = join(dir, 'org.yaml');
  writeFileSync(file, yaml);
  try {
    loadOrg(file, kb(), dir);
  } catch (err) {
    expect(err).toBeInstanceOf(OrgFileError);
    return (err as OrgFileError).message.split('\n');
  }
  return [];
}

const TEAMS = `
teams:
  db:
    name: Database Platform
    slack: "#db-platform"
  sec:
    name: Security
    slack: C0123ABCDE
`;

describe('the example ownership file', () => {
  it('loads: every team, rule and service of it is valid', () => {
    const org = loadOrg(EXAMPLE, kb());
    expect(Object.keys(org.file.teams)).toEqual(
      expect.arrayContaining(['db-platform', 'compute', 'storage', 'serverless', 'identity', 'security']),
    );
    expect(org.file.default).toBe('security');
    for (const s of ['ec2', 'rds', 's3', 'lambda', 'iam']) {
      expect(org.ownersOf(s).teams.length, s).toBeGreaterThan(0);
      expect(org.ownersOf(s).unowned, s).toEqual([]);
    }
  });

  it('most specific rule wins: duty, then service + topic, then service, then topic, then the default', () => {
    const org = loadOrg(EXAMPLE, kb());
    expect(org.teamFor('rds.master-password', 'rds', 'iam')?.id).toBe('identity'); // duty
    expect(org.teamFor('rds.backup-retention', 'rds', 'backup')?.id).toBe('storage'); // service + topic
    expect(org.teamFor('rds.backup-retention', 'rds', 'backup')?.runbook?.url).toBe(
      'https://wiki.example.com/runbooks/database-backups',
    );
    expect(org.teamFor('rds.db-users', 'rds', 'iam')?.id).toBe('db-platform'); // service beats topic
    expect(org.teamFor('kms.key-policies', 'kms', 'iam')?.id).toBe('identity'); // topic
    const fallback = org.teamFor('kms.key-deletion', 'kms', 'data');
    expect(fallback).toMatchObject({ id: 'security', isDefault: true });
  });
});

describe('answers with an ownership file', () => {
  it('a customer duty names the owning team, its channel and runbook', () => {
    const r = answer(
      orgEngine().respond({ text: 'who picks the rds maintenance window', conversationKey: 'o1' }),
    );
    expect(r.owner).toBe('customer');
    expect(r.ours).toMatchObject({
      id: 'db-platform',
      name: 'Database Platform',
      slackChannel: '#db-platform',
      runbook: { url: 'https://wiki.example.com/runbooks/databases' },
      isDefault: false,
    });
    expect(renderText(r)).toContain(
      'On our side: Database Platform (#db-platform, db-oncall@example.com), runbook: https://wiki.example.com/runbooks/databases',
    );
  });

  it('respondWith (context kept in a store) names the team too', () => {
    const { reply } = orgEngine().respondWith(
      { text: 'who sets the rds backup retention', conversationKey: 'ow-store' },
      null,
    );
    expect(answer(reply).ours?.id).toBe('storage');
  });

  it('an AWS answer names no team of ours', () => {
    const r = answer(
      orgEngine().respond({ text: 'who patches the rds database engine', conversationKey: 'o2' }),
    );
    expect(r.owner).toBe('aws');
    expect(r.ours).toBeUndefined();
  });

  it('a duty no rule covers names the default team, marked as the default', () => {
    const r = answer(orgEngine().respond({ text: 'who deletes kms keys', conversationKey: 'o3' }));
    expect(r.owner).not.toBe('aws');
    expect(r.ours).toMatchObject({ id: 'security', isDefault: true });
    expect(renderText(r)).toMatch(/On our side: Security Engineering .*default contact/);
  });

  it('without a file, every answer is exactly as before (same replies, no owners command)', () => {
    const plain = freshEngine();
    const again = freshEngine();
    for (const text of [
      'who picks the rds maintenance window',
      'who deletes kms keys',
      'owners rds',
      'help',
    ]) {
      const a = plain.respond({ text, conversationKey: 'n' });
      expect(a).toEqual(again.respond({ text, conversationKey: 'n' }));
      expect(JSON.stringify(a)).not.toContain('"ours"');
    }
    expect(plain.respond({ text: 'owners rds', conversationKey: 'n2' }).kind).not.toBe('message');
    expect(plain.ourTeam).toBeUndefined();
  });
});

describe('owners <service> in chat', () => {
  it("lists a service's owners and its unowned duties", () => {
    const r = orgEngine().respond({ text: 'owners rds', conversationKey: 'ow' });
    expect(r.kind).toBe('message');
    const text = (r as Extract<Reply, { kind: 'message' }>).text;
    expect(text).toMatch(/^Our owners for Amazon RDS:/);
    expect(text).toContain('- Database Platform (#db-platform, db-oncall@example.com): ');
    expect(text).toContain(
      '- Storage and Backup (#storage, storage-oncall@example.com): Setting the backup retention',
    );
    const kms = orgEngine().respond({ text: 'owners kms', conversationKey: 'ow2' });
    expect((kms as Extract<Reply, { kind: 'message' }>).text).toMatch(/- Owned by no team \(\d+\): /);
  });
  it('an unknown service gets the usual fallback', () => {
    expect(orgEngine().respond({ text: 'owners frobnitz', conversationKey: 'ow3' }).kind).toBe('fallback');
  });
});

describe('the gap report', () => {
  it('srm owners: customer-side duties per team', () => {
    const text = ownersReport(loadOrg(EXAMPLE, kb()));
    expect(text).toMatch(
      /^Example Corp owners of the customer's side, for ec2, rds, aurora, s3, lambda, iam, kms, cloudtrail/,
    );
    expect(text).toMatch(
      /\nDatabase Platform \(#db-platform, db-oncall@example.com\): \d+ duties\n {2}rds\.maintenance-window .*\n {2}rds\.auto-minor-upgrade/,
    );
    expect(text).toContain('  model.abuse-reports@rds ');
    expect(text).toMatch(/\nOwned by no team: \d+ duties \(srm owners --unowned lists them\)$/);
  });
  it('--unowned: every customer or shared duty no team owns, grouped by used service', () => {
    const org = loadOrg(EXAMPLE, kb());
    const text = unownedReport(org);
    const kmsGaps = org.ownersOf('kms').unowned.length;
    expect(kmsGaps).toBeGreaterThan(0);
    expect(text).toContain(`AWS Key Management Service (KMS) (kms): ${kmsGaps}`);
    expect(text).toContain('kms.key-deletion');
    expect(text).not.toMatch(/\(rds\)|\(ec2\)|\(s3\)/); // fully owned services are not listed
    expect(text).not.toContain('(dynamodb)'); // not a service the company uses
    expect(text).toMatch(/go to Security Engineering, the default team/);
  });
  it('--csv: one row per duty, quoted where needed', () => {
    const org = loadOrg(EXAMPLE, kb());
    const csv = unownedReport(org, { csv: true }).split('\r\n');
    expect(csv[0]).toBe(
      'service,duty,topic,aws_owner_says,label,team,team_name,slack_channel,teams_channel,contact,runbook',
    );
    expect(csv.filter((l) => l.startsWith('kms,'))).toHaveLength(org.ownersOf('kms').unowned.length);
    const all = ownersReport(org, { csv: true });
    expect(all).toContain(
      'rds,rds.backup-retention,backup,customer,Setting the backup retention period and window,storage,Storage and Backup,#storage',
    );
    expect(all).toMatch(/"Configuring keys: aliases, descriptions, tags and key state"/);
  });
});

describe('srm validate: problems in the ownership file', () => {
  it('reports unknown duty, service, topic and team ids, each by field, with a close id', () => {
    const problems = problemsOf(`${TEAMS}
default: secc
services: [rds, rdss]
rules:
  - duty: rds.backup-retentoin
    team: db
  - service: [aurora, auroraa]
    team: db
  - topic: backups
    team: sec
  - duty: rds.data-centre-security
    team: nobody
`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'org.yaml: default: unknown team "secc" (teams: db, sec)',
        'org.yaml: services.1: unknown service "rdss" (did you mean "rds"?)',
        'org.yaml: rules.0.duty.0: unknown duty "rds.backup-retentoin" (did you mean "rds.backup-retention"?)',
        'org.yaml: rules.1.service.1: unknown service "auroraa" (did you mean "aurora"?)',
        'org.yaml: rules.2.topic.0: unknown topic "backups" (did you mean "backup"?)',
        'org.yaml: rules.3.team: unknown team "nobody" (teams: db, sec)',
        `org.yaml: rules.3.duty.0: "rds.data-centre-security" is AWS's duty: only customer or shared duties take a team`,
      ]),
    );
    expect(problems.every((p) => p.startsWith('org.yaml: '))).toBe(true);
  });

  it('reports two rules of the same precedence for one duty', () => {
    const problems = problemsOf(`${TEAMS}
rules:
  - service: rds
    team: db
  - service: [rds, aurora]
    team: sec
  - duty: rds.backup-retention
    team: db
  - duty: [rds.backup-retention]
    team: sec
  - service: rds
    topic: backup
    team: db
`);
    expect(problems).toEqual([
      expect.stringMatching(
        /^org\.yaml: rules\.1: same precedence \(service\) as rules\.0 for rds\.\S+ and \d+ more duties/,
      ),
      expect.stringMatching(
        /^org\.yaml: rules\.3: same precedence \(duty\) as rules\.2 for rds\.backup-retention: /,
      ),
    ]);
  });

  it('reports malformed channels and URLs, and a rule with nothing to match', () => {
    const problems = problemsOf(`
teams:
  db:
    name: Database Platform
    slack: db-platform
    teams: https://example.com/channel
    runbook: http://wiki.example.com/db
rules:
  - team: db
  - service: rds
    team: db
    runbook: not a url
`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'org.yaml: teams.db.slack: a Slack channel: #name in lower case, or a channel id such as C0123ABCD',
        'org.yaml: teams.db.teams: a Teams channel link (https://teams.microsoft.com/l/channel/…) or id (19:…@thread.tacv2)',
        'org.yaml: teams.db.runbook: must be an https URL (https://host/path)',
        'org.yaml: rules.0: a rule needs a duty, a service or a topic',
        'org.yaml: rules.1.runbook: must be an https URL (https://host/path)',
      ]),
    );
  });

  it('reports YAML that does not parse, and unknown fields', () => {
    expect(problemsOf('teams: [a\n')[0]).toMatch(/^org\.yaml: \(file\): not valid YAML: .*\(line \d+\)/);
    expect(problemsOf(`${TEAMS}\nrulez: []\n`)).toEqual([
      expect.stringMatching(/^org\.yaml: \(file\): .*rulez/),
    ]);
  });
});

describe('where the file is found', () => {
  it('SRM_ORG_FILE first, else org.yaml beside the data folder, else none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'srm-org-where-'));
    expect(orgFilePath('/x/org.yaml', join(dir, 'data'))).toBe('/x/org.yaml');
    expect(orgFilePath(null, join(dir, 'data'))).toBeNull();
    writeFileSync(join(dir, 'org.yaml'), readFileSync(EXAMPLE));
    expect(orgFilePath(null, join(dir, 'data'))).toBe(join(dir, 'org.yaml'));
  });
});
