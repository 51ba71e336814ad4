/**
 * NAB's `windowedGaussian` detector, ported from numenta/NAB
 * `nab/detectors/gaussian/windowedGaussian_detector.py`: the anomaly score of a value is
 * 1 − Q(|z|), where z is its standard score against the mean and population standard deviation
 * of a sliding window of earlier values. The window grows to 6,400 values, then slides forward in
 * steps of 100 (the statistics change only once a step is complete); a zero deviation becomes 1e-6.
 * Both sizes are NAB's, "tuned to give best performance on NAB".
 */

const WINDOW_SIZE = 6400;
const STEP_SIZE = 100;

/**
 * erfc to about double precision, so that 1 − Q(z) rounds to exactly 1 where Python's `math.erfc`
 * makes it round (NAB's optimised threshold for this detector sits at 1.0). Below 2.5 a series of
 * positive terms for erf (no cancellation); above, the Laplace continued fraction evaluated from
 * the tail.
 */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  const x2 = x * x;
  if (x < 2.5) {
    // erf(x) = 2/√π · e^(−x²) · Σ (2x²)^n x / (1·3·…·(2n+1))
    let term = x;
    let sum = x;
    for (let n = 1; term > sum * 1e-17; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x2) * sum;
  }
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))
  let fraction = x;
  for (let k = 120; k >= 1; k--) fraction = x + k / 2 / fraction;
  return Math.exp(-x2) / Math.sqrt(Math.PI) / fraction;
}

/** Q(z) of NAB's `normalProbability`: the probability of a sample further from the mean than x. */
export function normalProbability(x: number, mean: number, std: number): number {
  const z = Math.abs(x - mean) / std;
  return 0.5 * erfc(z / Math.SQRT2);
}

export class WindowedGaussianDetector {
  private window: number[] = [];
  private stepBuffer: number[] = [];
  private mean = 0;
  private std = 1;
  // Welford's running moments while the window grows: the mean and deviation numpy would give,
  // to rounding, at O(1) a row instead of a pass over up to 6,400 values.
  private growingMean = 0;
  private growingSquares = 0;

  handleRecord(value: number): number {
    const score = this.window.length > 0 ? 1 - normalProbability(value, this.mean, this.std) : 0;
    if (this.window.length < WINDOW_SIZE) {
      this.window.push(value);
      const delta = value - this.growingMean;
      this.growingMean += delta / this.window.length;
      this.growingSquares += delta * (value - this.growingMean);
      this.setMoments(this.growingMean, Math.sqrt(this.growingSquares / this.window.length));
    } else {
      this.stepBuffer.push(value);
      if (this.stepBuffer.length === STEP_SIZE) {
        this.window = this.window.slice(STEP_SIZE).concat(this.stepBuffer);
        this.stepBuffer = [];
        this.recomputeMoments();
      }
    }
    return score;
  }

  private recomputeMoments(): void {
    let sum = 0;
    for (const v of this.window) sum += v;
    const mean = sum / this.window.length;
    let squares = 0;
    for (const v of this.window) squares += (v - mean) ** 2;
    this.setMoments(mean, Math.sqrt(squares / this.window.length));
  }

  private setMoments(mean: number, std: number): void {
    this.mean = mean;
    this.std = std === 0 ? 0.000001 : std;
  }
}

export function windowedGaussianScores(values: readonly number[]): number[] {
  const detector = new WindowedGaussianDetector();
  return values.map((v) => detector.handleRecord(v));
}
