//go:build race

package prioritize

// slowFactor stretches the guards' time limits under the race detector, which slows
// this package's code about tenfold.
const slowFactor = 10
