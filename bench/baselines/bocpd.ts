/**
 * Multivariate Bayesian online change point detection as BARO uses it (Adams & MacKay 2007; the
 * `bayesian_changepoint_detection` package's online detector with its MultivariateT likelihood,
 * after Haines' Gaussian conjugate prior cheat sheet): a Normal–Wishart prior (dof = D + 1,
 * κ = 1, μ = 0, scale = I), a Student-t posterior predictive per run length, constant hazard 1/50.
 *
 * Two departures from the Python, neither changing the mathematics: probabilities are kept in log
 * space (the original multiplies densities, which underflow to 0 for tens of dimensions and turn
 * the run-length distribution into NaN), and each run length's scale matrix is updated with the
 * Sherman–Morrison identity instead of two matrix inversions.
 */

export interface BocpdResult {
  /** P(run length = `runLength`) at each time step t (index t), as R[runLength, t] in the Python. */
  runLengthProbability: Float64Array;
}

interface Params {
  dof: number;
  kappa: number;
  mu: Float64Array;
  scale: Float64Array;
  logDetScale: number;
}

export function onlineChangePoints(
  rows: readonly Float64Array[],
  hazardLambda: number,
  runLength: number,
): BocpdResult {
  const T = rows.length;
  const D = rows[0]?.length ?? 0;
  const out = new Float64Array(T + 1);
  const logH = Math.log(1 / hazardLambda);
  const log1mH = Math.log(1 - 1 / hazardLambda);
  const prior = (): Params => ({
    dof: D + 1,
    kappa: 1,
    mu: new Float64Array(D),
    scale: identity(D),
    logDetScale: 0,
  });
  let params: Params[] = [prior()];
  let logR = new Float64Array([0]);
  if (runLength === 0) out[0] = 1;
  for (let t = 0; t < T; t++) {
    const x = rows[t] as Float64Array;
    const logPred = params.map((p) => logStudentT(x, p, D));
    const next = new Float64Array(t + 2);
    let changeTerms = Number.NEGATIVE_INFINITY;
    for (let r = 0; r <= t; r++) {
      const base = (logR[r] as number) + (logPred[r] as number);
      next[r + 1] = base + log1mH;
      changeTerms = logAdd(changeTerms, base + logH);
    }
    next[0] = changeTerms;
    let total = Number.NEGATIVE_INFINITY;
    for (const v of next) total = logAdd(total, v);
    for (let r = 0; r < next.length; r++) next[r] = (next[r] as number) - total;
    logR = next;
    out[t + 1] = runLength < next.length ? Math.exp(next[runLength] as number) : 0;
    params = [prior(), ...params.map((p) => update(p, x, D))];
  }
  return { runLengthProbability: out };
}

function logStudentT(x: Float64Array, p: Params, D: number): number {
  const df = p.dof - D + 1;
  const expanded = (p.kappa * df) / (p.kappa + 1);
  let quad = 0;
  for (let i = 0; i < D; i++) {
    let row = 0;
    for (let j = 0; j < D; j++)
      row += (p.scale[i * D + j] as number) * ((x[j] as number) - (p.mu[j] as number));
    quad += ((x[i] as number) - (p.mu[i] as number)) * row;
  }
  quad *= expanded;
  // The shape matrix is inv(expanded · scale), so log|shape| = −(D·log(expanded) + log|scale|).
  const logDetShape = -(D * Math.log(expanded) + p.logDetScale);
  return (
    logGamma((df + D) / 2) -
    logGamma(df / 2) -
    (D / 2) * Math.log(df * Math.PI) -
    0.5 * logDetShape -
    ((df + D) / 2) * Math.log1p(quad / df)
  );
}

function update(p: Params, x: Float64Array, D: number): Params {
  const a = p.kappa / (p.kappa + 1);
  const c = new Float64Array(D);
  for (let i = 0; i < D; i++) c[i] = (x[i] as number) - (p.mu[i] as number);
  const sc = new Float64Array(D);
  for (let i = 0; i < D; i++) {
    let v = 0;
    for (let j = 0; j < D; j++) v += (p.scale[i * D + j] as number) * (c[j] as number);
    sc[i] = v;
  }
  let cSc = 0;
  for (let i = 0; i < D; i++) cSc += (c[i] as number) * (sc[i] as number);
  const denom = 1 + a * cSc;
  const scale = new Float64Array(D * D);
  for (let i = 0; i < D; i++) {
    for (let j = 0; j < D; j++)
      scale[i * D + j] = (p.scale[i * D + j] as number) - (a * (sc[i] as number) * (sc[j] as number)) / denom;
  }
  const mu = new Float64Array(D);
  for (let i = 0; i < D; i++) mu[i] = (p.kappa * (p.mu[i] as number) + (x[i] as number)) / (p.kappa + 1);
  return { dof: p.dof + 1, kappa: p.kappa + 1, mu, scale, logDetScale: p.logDetScale - Math.log(denom) };
}

function identity(D: number): Float64Array {
  const m = new Float64Array(D * D);
  for (let i = 0; i < D; i++) m[i * D + i] = 1;
  return m;
}

function logAdd(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(z) by the Lanczos approximation (g = 7), accurate to about 15 digits for z > 0. */
export function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
  const zz = z - 1;
  let a = 0.99999999999980993;
  const t = zz + 7.5;
  for (let i = 0; i < LANCZOS.length; i++) a += (LANCZOS[i] as number) / (zz + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (zz + 0.5) * Math.log(t) - t + Math.log(a);
}
