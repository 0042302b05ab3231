import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBaseError } from '../../src/kb/errors.js';
import { loadKnowledgeBase } from '../../src/kb/load.js';
import { serviceSchema } from '../../src/kb/schema.js';
import { copyOfData, DATA_DIR, editService, ISSUE_SERVICES, topicOf } from './helpers.js';

const serviceFiles = readdirSync(join(DATA_DIR, 'services'))
  .filter((n) => n.endsWith('.json'))
  .sort();

/** Loads a data folder and returns the KnowledgeBaseError it must throw. */
function loadError(dataDir: string): KnowledgeBaseError {
  try {
    loadKnowledgeBase(dataDir, dataDir);
  } catch (err) {
    if (err instanceof KnowledgeBaseError) return err;
    throw err;
  }
  throw new Error('the broken knowledge base loaded without an error');
}

describe('the bundled knowledge base', () => {
  it('loads with every cross-file check passing', () => {
    expect(() => loadKnowledgeBase(DATA_DIR)).not.toThrow();
  });

  it("has exactly the 45 services (the issue's 40 and five added), one file each", () => {
    const kb = loadKnowledgeBase(DATA_DIR);
    expect(kb.services.map((s) => s.id).sort()).toEqual([...ISSUE_SERVICES].sort());
    expect(serviceFiles).toEqual([...ISSUE_SERVICES].map((id) => `${id}.json`).sort());
  });

  it.each(serviceFiles)('%s matches the service schema and is named after its id', (name) => {
    const raw: unknown = JSON.parse(readFileSync(join(DATA_DIR, 'services', name), 'utf8'));
    const parsed = serviceSchema.safeParse(raw);
    const issues = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual([]);
    expect(parsed.success && `${parsed.data.id}.json`).toBe(name);
  });

  it.each(serviceFiles)('%s is JSON indented with two spaces', (name) => {
    const text = readFileSync(join(DATA_DIR, 'services', name), 'utf8');
    expect(`${JSON.stringify(JSON.parse(text), null, 2)}\n`).toBe(text);
  });
});

describe('a broken copy of a service file', () => {
  const cases: {
    name: string;
    file: string;
    field: string;
    message: RegExp;
    breakIt: (dataDir: string) => void;
  }[] = [
    {
      name: "a not-covered service that uses a covered service's alias",
      file: 'other-services.json',
      field: 'services.0.aliases.0',
      message: /is service rds/,
      breakIt: (d) => {
        const file = join(d, 'other-services.json');
        const others = JSON.parse(readFileSync(file, 'utf8')) as { services: { aliases: string[] }[] };
        (others.services[0] as { aliases: string[] }).aliases[0] = 'rds';
        writeFileSync(file, JSON.stringify(others));
      },
    },
    {
      name: 'an owner that is not aws, customer or shared',
      file: 'services/rds.json',
      field: 'topics.patching.owner',
      message: /invalid option|expected one of/i,
      breakIt: (d) =>
        editService(d, 'rds', (s) => {
          topicOf(s, 'patching').owner = 'amazon';
        }),
    },
    {
      name: 'a source that is not https',
      file: 'services/s3.json',
      field: 'topics.encryption-at-rest.sources.0',
      message: /https/,
      breakIt: (d) =>
        editService(d, 's3', (s) => {
          topicOf(s, 'encryption-at-rest').sources = [
            'http://docs.aws.amazon.com/AmazonS3/latest/userguide/',
          ];
        }),
    },
    {
      name: 'an entry without any source',
      file: 'services/dynamodb.json',
      field: 'topics.backup.sources',
      message: /at least one source/,
      breakIt: (d) =>
        editService(d, 'dynamodb', (s) => {
          topicOf(s, 'backup').sources = [];
        }),
    },
    {
      name: "an applicable topic with an empty side's text",
      file: 'services/ec2.json',
      field: 'topics.patching.customer',
      message: /sentence/,
      breakIt: (d) =>
        editService(d, 'ec2', (s) => {
          topicOf(s, 'patching').customer = ' ';
        }),
    },
    {
      name: 'a missing required field',
      file: 'services/ebs.json',
      field: 'summary',
      message: /.+/,
      breakIt: (d) =>
        editService(d, 'ebs', (s) => {
          delete s.summary;
        }),
    },
    {
      name: 'a Security Hub control on a topic marked not applicable',
      file: 'services/kms.json',
      field: 'securityHub.0.topic',
      message: /no responsibility entry/,
      breakIt: (d) =>
        editService(d, 'kms', (s) => {
          const controls = s.securityHub as { topic: string }[];
          (controls[0] as { topic: string }).topic = 'virtualization';
        }),
    },
    {
      name: 'an alias another service already uses',
      file: 'services/rds.json',
      field: 'aliases.',
      message: /already used by service lambda/,
      breakIt: (d) =>
        editService(d, 'rds', (s) => {
          (s.aliases as string[]).push('lambda');
        }),
    },
    {
      name: 'a file that is not JSON',
      file: 'services/vpc.json',
      field: '(file)',
      message: /cannot read as JSON/,
      breakIt: (d) => writeFileSync(join(d, 'services', 'vpc.json'), '{"id": "vpc",'),
    },
  ];

  it.each(cases)(
    '$name: the error names the file and the field path',
    ({ file, field, message, breakIt }) => {
      const dataDir = copyOfData();
      breakIt(dataDir);
      const err = loadError(dataDir);
      expect(err.code).toBe('KB_INVALID');
      const line = err.message.split('\n').find((l) => l.startsWith(`${file}: ${field}`));
      expect(line, err.message).toBeDefined();
      expect(line).toMatch(message);
      const shownField = field === '(file)' ? '' : field;
      expect(err.problems.some((p) => p.file === file && p.field.startsWith(shownField))).toBe(true);
    },
  );

  it('reports every broken file at once, not only the first', () => {
    const dataDir = copyOfData();
    editService(dataDir, 'sqs', (s) => {
      topicOf(s, 'iam').sources = [];
    });
    editService(dataDir, 'sns', (s) => {
      s.model = 'serverless';
    });
    const err = loadError(dataDir);
    expect(err.message).toMatch(/^services\/sqs\.json: topics\.iam\.sources: /m);
    expect(err.message).toMatch(/^services\/sns\.json: model: /m);
  });
});
