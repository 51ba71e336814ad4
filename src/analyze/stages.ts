/**
 * The stages of an investigation that make a decision a backtest can score, each with the code that
 * makes it. A finding names the stage that went wrong; its code pointer comes from this one table,
 * so a pointer is never written per case, and stages.test.ts checks that every file and function
 * named here exists (a rename that forgets this table fails the test, not a reader).
 */

/** Where a decision is made: a file of this repository and the function in it. */
export interface CodePointer {
  file: string;
  function: string;
}

export interface StageDef extends CodePointer {
  /** What the stage decides, one line, for the analyses and the docs. */
  decides: string;
}

/** The built-in brain's stages, in the order an investigation runs them. */
export const stages = {
  run: {
    file: 'src/investigate/run.ts',
    function: 'investigate',
    decides: 'runs the investigation end to end (an exception here fails the case)',
  },
  collect: {
    file: 'src/investigate/collect.ts',
    function: 'collectSources',
    decides: 'reads every source; an absent, failing or slow one is recorded as missing',
  },
  graph: {
    file: 'src/investigate/graph.ts',
    function: 'graphOf',
    decides: 'builds the service graph from the topology and the spans',
  },
  signals: {
    file: 'src/analysis/rca/signals.ts',
    function: 'collectSignals',
    decides: "turns the specialists' findings into per-service signals",
  },
  victims: {
    file: 'src/analysis/rca/graph.ts',
    function: 'applyGraph',
    decides: 'discounts services whose anomalies a dependency explains (victims)',
  },
  ranking: {
    file: 'src/analysis/rca/rank.ts',
    function: 'rankSuspects',
    decides: 'scores and orders the suspects',
  },
  shortlist: {
    file: 'src/investigate/brains/builtin/hypotheses.ts',
    function: 'buildHypotheses',
    decides: 'keeps the top suspects as hypotheses',
  },
  review: {
    file: 'src/investigate/brains/builtin/review.ts',
    function: 'review',
    decides: 'penalises weak hypotheses, which can re-order them',
  },
  changes: {
    file: 'src/analysis/changes/rank.ts',
    function: 'rankChanges',
    decides: "links recent changes to suspects (rank.ts keeps a service's best change above CHANGE_MIN)",
  },
  category: {
    file: 'src/analysis/rca/category.ts',
    function: 'categorise',
    decides: "names the root cause's category from its signals and change",
  },
  confidence: {
    file: 'src/investigate/brains/builtin/confidence.ts',
    function: 'confidenceOf',
    decides: 'turns the top score, its margin and the critique into HIGH, MEDIUM or LOW',
  },
} as const satisfies Record<string, StageDef>;

export type StageName = keyof typeof stages;
export const STAGE_NAMES = Object.keys(stages) as StageName[];

/**
 * The LLM brain decides the answer, its category, change and confidence in one model call: those
 * stages point at its prompt and at the code that turns its answer into the report.
 */
export const llmAnswerStage: StageDef = {
  file: 'src/investigate/brains/llm/investigator.prompt.ts',
  function: 'INVESTIGATOR_SYSTEM',
  decides: "the LLM investigator's instructions: which tools to call and how to answer",
};

/** Stages that the LLM brain hands to the model; the others (reading, the graph) are shared. */
const MODEL_DECIDES: ReadonlySet<StageName> = new Set([
  'signals',
  'victims',
  'ranking',
  'shortlist',
  'review',
  'changes',
  'category',
  'confidence',
]);

/** The code behind `stage` for an investigation by `brain` (the trace's `nightshift.brain`). */
export function codeOf(stage: StageName, brain: string): CodePointer & { stage: string } {
  const def: StageDef = brain !== 'builtin' && MODEL_DECIDES.has(stage) ? llmAnswerStage : stages[stage];
  return { stage, file: def.file, function: def.function };
}
