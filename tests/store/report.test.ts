import { describe, expect, it } from 'vitest';
import { hashUser } from '../../src/feedback.js';
import { openMemoryStore } from '../../src/store/memory.js';
import {
  answeredKey,
  importFeedbackLog,
  parseFeedbackLog,
  renderReportCsv,
  renderReportJson,
  renderReportTable,
} from '../../src/store/report.js';
import type { Report } from '../../src/store/types.js';
import { engine } from '../helpers/engine.js';

const report: Report = {
  since: new Date('2026-11-01T00:00:00Z'),
  until: new Date('2026-12-01T00:00:00Z'),
  total: 9,
  groups: [
    {
      answered: null,
      unanswered: 5,
      notQuite: 0,
      total: 5,
      questions: [
        { question: 'what is love?', verdict: 'unanswered', count: 2 },
        { question: 'pizza?', verdict: 'unanswered', count: 1 },
        { question: 'line\nbreak \u001b[31mred', verdict: 'unanswered', count: 1 },
        { question: 'x'.repeat(200), verdict: 'unanswered', count: 1 },
      ],
    },
    {
      answered: 'rds.maintenance-window',
      unanswered: 1,
      notQuite: 3,
      total: 4,
      questions: [
        { question: 'who patches rds?', verdict: 'not_quite', count: 3 },
        { question: '=HYPERLINK("http://evil", "rds, really")', verdict: 'unanswered', count: 1 },
      ],
    },
  ],
  teams: [],
};

describe('report renderers', () => {
  it('draws a terminal table: groups with counts, their most asked questions beneath', () => {
    expect(renderReportTable(report, { questionsPerGroup: 3, questionWidth: 30 })).toBe(
      [
        'Questions without a good answer, 2026-11-01 00:00 UTC to 2026-12-01 00:00 UTC (9):',
        '',
        'Answered                Unanswered  Not quite  Total',
        '----------------------------------------------------',
        '(nothing answered)               5          0      5',
        '    2× what is love?',
        '    1× pizza?',
        // The escape character goes; what is left of the sequence is plain text.
        '    1× line break  [31mred',
        '    … and 1 more question',
        'rds.maintenance-window           1          3      4',
        '    3× who patches rds? (not quite)',
        '    1× =HYPERLINK("http://evil", "rd…',
        '',
      ].join('\n'),
    );
  });

  it('says so when nothing went unanswered', () => {
    expect(renderReportTable({ ...report, total: 0, groups: [] })).toBe(
      'Questions without a good answer, 2026-11-01 00:00 UTC to 2026-12-01 00:00 UTC: none.\n',
    );
  });

  it('writes CSV with quoting, and defuses cells a spreadsheet would run as formulas', () => {
    const csv = renderReportCsv(report);
    expect(csv.split('\r\n')).toEqual([
      'answered,verdict,question,count,team',
      ',unanswered,what is love?,2,',
      ',unanswered,pizza?,1,',
      `,unanswered,"line\nbreak \u001b[31mred",1,`,
      `,unanswered,${'x'.repeat(200)},1,`,
      'rds.maintenance-window,not_quite,who patches rds?,3,',
      `rds.maintenance-window,unanswered,"'=HYPERLINK(""http://evil"", ""rds, really"")",1,`,
      '',
    ]);
  });

  const asked: Report = {
    ...report,
    teams: [
      {
        team: 'db-platform',
        total: 3,
        questions: [
          { question: 'who patches rds?', answered: 'rds.maintenance-window', count: 2 },
          { question: '=1+1', answered: null, count: 1 },
        ],
      },
      { team: 'security', total: 1, questions: [{ question: 'kms?', answered: 'kms/encryption', count: 1 }] },
    ],
  };

  it('adds the questions sent to each team to the table, most asked team first', () => {
    const table = renderReportTable(asked, { questionsPerGroup: 1, questionWidth: 30 });
    expect(table.split('Questions sent to teams')[1]).toBe(
      [
        ' (4):',
        '',
        'Team         Asked',
        '------------------',
        'db-platform      3',
        '    2× who patches rds? (rds.maintenance-window)',
        '    … and 1 more question',
        'security         1',
        '    1× kms? (kms/encryption)',
        '',
      ].join('\n'),
    );
    // With nothing else to report, the asks still show.
    expect(renderReportTable({ ...asked, total: 0, groups: [] })).toMatch(
      /: none\.\n\nQuestions sent to teams \(4\):\n/,
    );
    expect(renderReportTable(report)).not.toMatch(/sent to teams/);
  });

  it('writes each question sent to a team as an ask_team row of the CSV, with the team', () => {
    const lines = renderReportCsv(asked).split('\r\n');
    expect(lines.slice(-4)).toEqual([
      'rds.maintenance-window,ask_team,who patches rds?,2,db-platform',
      ",ask_team,'=1+1,1,db-platform",
      'kms/encryption,ask_team,kms?,1,security',
      '',
    ]);
  });

  it('writes JSON that reads back as the report, dates as ISO strings', () => {
    const back = JSON.parse(renderReportJson(report)) as Record<string, unknown>;
    expect(back).toEqual({ ...report, since: '2026-11-01T00:00:00.000Z', until: '2026-12-01T00:00:00.000Z' });
  });
});

describe('the old JSONL feedback log', () => {
  it('names what was answered: duty, else service/topic, else either alone', () => {
    expect(answeredKey({ duty: 'rds.patching', service: 'rds', topic: 'patching' })).toBe('rds.patching');
    expect(answeredKey({ duty: null, service: 's3', topic: 'encryption-at-rest' })).toBe(
      's3/encryption-at-rest',
    );
    expect(answeredKey({ service: null, topic: 'iam' })).toBe('iam');
    expect(answeredKey({ service: 'lambda', topic: null })).toBe('lambda');
    expect(answeredKey({ service: null, topic: null, duty: null })).toBeNull();
    expect(answeredKey(null)).toBeNull();
  });

  it('imports what the old JSONL log (src/feedback.ts before the store) wrote, with fallback and clarify as unanswered', async () => {
    const answered = engine().respond({
      text: 'who patches the rds database engine?',
      conversationKey: 'k1',
    });
    const fallback = engine().respond({ text: 'what is the best pizza topping?', conversationKey: 'k2' });
    expect(fallback.kind).toBe('fallback');
    // One line per record, exactly as the old createFeedbackLog wrote them.
    const old = (type: string, platform: string, question: string, answer: unknown, userId: string) =>
      `${JSON.stringify({ type, platform, question, answer, user: hashUser(userId), time: new Date().toISOString() })}\n`;
    const written = [
      old('helpful', 'slack', answered.question, answered.meta, 'U1'),
      old('not_quite', 'teams', answered.question, answered.meta, 'U2'),
      old('fallback', 'cli', fallback.question, fallback.meta, 'U3'),
      old('clarify', 'slack', 'backups?', null, 'U4'),
    ].join('');
    const text = `${written}not json\n{"type":"great","platform":"slack","question":"q","user":"u","time":"2026-01-01T00:00:00Z"}\n`;

    const { rows, skipped } = parseFeedbackLog(text);
    expect(rows.map((r) => [r.platform, r.verdict, r.team, r.answered])).toEqual([
      ['slack', 'helpful', null, answeredKey(answered.meta)],
      ['teams', 'not_quite', null, answeredKey(answered.meta)],
      ['cli', 'unanswered', null, answeredKey(fallback.meta)],
      ['slack', 'unanswered', null, null],
    ]);
    expect(answeredKey(answered.meta)).toMatch(/^rds/);
    expect(rows[0]?.userHash).toMatch(/^[0-9a-f]{16}$/);
    expect(rows[0]?.userHash).not.toBe('U1');
    expect(rows[0]?.at?.getTime()).toBeLessThanOrEqual(Date.now());
    expect(skipped).toEqual([
      { line: 5, reason: 'not JSON' },
      { line: 6, reason: 'type must be helpful, not_quite, fallback or clarify (got great)' },
    ]);

    const store = await openMemoryStore({ sweepIntervalMs: 0 });
    const result = await importFeedbackLog(store.feedback, text);
    expect(result.imported).toBe(4);
    const r = await store.feedback.report(new Date(0), new Date(Date.now() + 1000));
    expect(r.total).toBe(3);
    expect(r.groups.find((g) => g.answered === answeredKey(answered.meta))?.notQuite).toBe(1);
  });

  it('skips records missing a field, naming the line and the field', () => {
    const good = {
      type: 'fallback',
      platform: 'cli',
      question: 'q',
      user: 'abc',
      time: '2026-01-01T00:00:00Z',
    };
    const lines = [
      { ...good, platform: 'discord' },
      { ...good, question: 3 },
      { ...good, user: '' },
      { ...good, time: 'yesterday' },
      good,
      42,
    ].map((l) => JSON.stringify(l));
    const { rows, skipped } = parseFeedbackLog(`${lines.join('\n')}\n\n`);
    expect(rows).toHaveLength(1);
    expect(skipped.map((s) => `${s.line}: ${s.reason}`)).toEqual([
      '1: platform must be slack, teams or cli (got discord)',
      '2: question is missing',
      '3: user is missing',
      '4: time is not an ISO date',
      '6: not a JSON object',
    ]);
  });
});
