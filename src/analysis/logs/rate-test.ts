/**
 * The test for a rise in the rate of a log pattern between two windows of different lengths: the
 * conditional binomial test for two Poisson rates (Przyborowski and Wilenski, Biometrika 1940). With
 * k1 lines in a baseline of length t1 and k2 in an incident window of length t2, and equal rates, k2
 * given k1 + k2 is Binomial(k1 + k2, t2 / (t1 + t2)); the p-value is its upper tail P(X ≥ k2).
 *
 * The tail is the regularized incomplete beta function, I_p(k, n − k + 1), evaluated by its continued
 * fraction in log space (Press et al., Numerical Recipes, 3rd ed., 6.4), so it stays exact to about
 * 1e-13 relative error and does not underflow for the tiny p-values a burst of errors gives.
 */

/** P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialUpperTail(n: number, p: number, k: number): number {
  return Math.exp(logBinomialUpperTail(n, p, k));
}

/** The natural logarithm of P(X ≥ k) for X ~ Binomial(n, p), finite however small the tail. */
export function logBinomialUpperTail(n: number, p: number, k: number): number {
  if (k <= 0 || p >= 1) return 0;
  if (k > n || p <= 0) return Number.NEGATIVE_INFINITY;
  return logRegularizedBeta(p, k, n - k + 1);
}

/**
 * One-sided p-value that the incident rate exceeds the baseline rate: counts k1 over t1 and k2 over
 * t2 (any unit, the same for both).
 */
export function rateIncreasePValue(k1: number, t1: number, k2: number, t2: number): number {
  return Math.exp(logRateIncreasePValue(k1, t1, k2, t2));
}

/** The natural logarithm of `rateIncreasePValue`. */
export function logRateIncreasePValue(k1: number, t1: number, k2: number, t2: number): number {
  return logBinomialUpperTail(k1 + k2, t2 / (t1 + t2), k2);
}

/** log I_x(a, b), by the continued fraction where it converges fast and by symmetry elsewhere. */
function logRegularizedBeta(x: number, a: number, b: number): number {
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) return logFront + Math.log(betaContinuedFraction(x, a, b) / a);
  const complement = Math.exp(logFront) * (betaContinuedFraction(1 - x, b, a) / b);
  return Math.log1p(-complement);
}

const MAX_ITERATIONS = 10_000;
const EPSILON = 1e-15;
const TINY = 1e-300;

/** Lentz's evaluation of the continued fraction for I_x(a, b) (Numerical Recipes `betacf`). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < EPSILON) break;
  }
  return h;
}

function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(z) for z > 0 by the Lanczos approximation (g = 7, nine terms), good to about 1e-15. */
export function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const x = z - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}
