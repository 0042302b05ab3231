import { describe, expect, it } from 'vitest';
import { features, trainClassifier } from '../../src/core/match/classifier.js';
import { buildEntityIndex } from '../../src/core/match/entities.js';
import { engine } from '../helpers/engine.js';

const index = buildEntityIndex(engine().kb);
const ex = (intent: 'who_owns' | 'smalltalk' | 'out_of_scope', text: string) => ({
  intent,
  entities: index.extract(text, { exact: true }),
});

describe('intent classifier', () => {
  it('replaces entities with placeholders, so one example covers every service', () => {
    expect(features(index.extract('who patches rds'))).toEqual(['who', '__topic', '__service']);
    expect(features(index.extract('who patches lambda'))).toEqual(features(index.extract('who patches rds')));
  });

  const classifier = trainClassifier(
    [
      ex('who_owns', 'who patches rds'),
      ex('who_owns', 'who is responsible for encryption on s3'),
      ex('who_owns', 'is backing up dynamodb on us'),
      ex('smalltalk', 'thanks'),
      ex('smalltalk', 'hello there'),
      ex('out_of_scope', 'what is the weather today'),
      ex('out_of_scope', 'tell me a joke'),
    ],
    index.stopwords,
  );

  it('learns from the examples and generalises to other services', () => {
    const c = classifier.classify(index.extract('who encrypts ec2'));
    expect(c.scores[0]?.intent).toBe('who_owns');
  });
  it('gives probabilities that sum to 1, highest first', () => {
    const { scores } = classifier.classify(index.extract('hello'));
    expect(scores[0]?.intent).toBe('smalltalk');
    expect(scores.reduce((s, x) => s + x.p, 0)).toBeCloseTo(1, 6);
    for (let i = 1; i < scores.length; i++)
      expect(scores[i - 1]?.p).toBeGreaterThanOrEqual(scores[i]?.p ?? 0);
  });
  it('counts the in-scope words of a message, for out-of-scope detection', () => {
    expect(classifier.classify(index.extract('who is responsible for the weather')).inScopeWords).toBe(1);
    expect(classifier.classify(index.extract('what is the weather in paris')).inScopeWords).toBe(0);
  });
});
