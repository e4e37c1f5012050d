//go:build !race

package prioritize

// slowFactor stretches the guards' time limits under the race detector (see
// race_on_test.go); without it, 1.
const slowFactor = 1
