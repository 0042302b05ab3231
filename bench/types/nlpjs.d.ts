/** The part of @nlpjs/basic (which ships no types) that the nlp.js peer uses. */
declare module '@nlpjs/basic' {
  export interface NlpEntity {
    entity: string;
    option?: string;
    accuracy: number;
    start: number;
    end: number;
    sourceText?: string;
    utteranceText?: string;
  }
  export interface NlpResult {
    intent: string;
    score: number;
    entities: NlpEntity[];
  }
  export interface Nlp {
    addDocument(locale: string, utterance: string, intent: string): void;
    addNerRuleOptionTexts(locale: string, entity: string, option: string, texts: string[]): void;
    train(): Promise<unknown>;
    process(locale: string, utterance: string): Promise<NlpResult>;
  }
  export interface Dock {
    get(name: 'nlp'): Nlp;
  }
  export function dockStart(settings: {
    use: string[];
    settings: { nlp: Record<string, unknown> };
  }): Promise<Dock>;
}
