package stats

// DefaultConfidence is the two-sided confidence level that a level of 0 means.
const DefaultConfidence = 0.95

// Confidence returns c, or DefaultConfidence when c is 0.
func Confidence(c float64) float64 {
	if c == 0 {
		return DefaultConfidence
	}
	return c
}

// ValidConfidence reports whether c is 0 (meaning DefaultConfidence) or strictly between 0
// and 1. NaN and ±Inf are not valid.
func ValidConfidence(c float64) bool { return c == 0 || (c > 0 && c < 1) }
