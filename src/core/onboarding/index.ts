export { memoryProgress, type ProgressDocs } from './progress.js';
export { buildQuizBank, LEVELS, type LevelId, type QuizBank, type QuizQuestion } from './questions.js';
export { createOnboarding, type Onboarding, type OnboardingInput, ROUND_SIZES } from './quiz.js';
