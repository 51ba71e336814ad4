/**
 * How sure the built-in brain is, in the three words an on-call engineer acts on. HIGH means
 * "act on it": a strong top hypothesis, well clear of the next, with no weakness the reviewer
 * thinks serious. LOW means "look yourself". The thresholds are set so that HIGH is right at
 * least 95 times in 100 on the lab suite (see docs/benchmarks.md, bench:investigate).
 */
import type { Confidence, Hypothesis } from '../../../core/index.js';
import type { Critique } from './review.js';

const HIGH_SCORE = 0.75;
const MEDIUM_SCORE = 0.5;
/** The runner-up at most this share of the top score for HIGH; for MEDIUM, a looser bound. */
const HIGH_MARGIN = 0.7;
const MEDIUM_MARGIN = 0.9;

export function confidenceOf(
  hypotheses: readonly Hypothesis[],
  critique: Critique,
): { confidence: Confidence; reason: string } {
  const [top, second] = hypotheses;
  if (!top) return { confidence: 'LOW', reason: 'no service showed anomalous behaviour' };
  const ratio = second && top.score > 0 ? second.score / top.score : 0;
  const blocking = (critique.weaknesses.get(top.id) ?? []).filter((w) => w.blocksHigh);
  const rival = second ? `${second.service} scores ${second.score.toFixed(2)}` : 'no other suspect';
  if (top.score >= HIGH_SCORE && ratio <= HIGH_MARGIN && blocking.length === 0) {
    return {
      confidence: 'HIGH',
      reason: `strong, corroborated evidence (score ${top.score.toFixed(2)}); ${rival}`,
    };
  }
  if (top.score >= MEDIUM_SCORE && ratio <= MEDIUM_MARGIN) {
    const why = blocking.length > 0 ? blocking.map((w) => w.text).join('; ') : `${rival}, not far behind`;
    return { confidence: 'MEDIUM', reason: `likely (score ${top.score.toFixed(2)}), but ${why}` };
  }
  const why =
    top.score < MEDIUM_SCORE
      ? `the evidence is weak (score ${top.score.toFixed(2)})`
      : `${rival}, nearly as high`;
  return { confidence: 'LOW', reason: `${why}; check the alternatives` };
}
