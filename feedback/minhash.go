package feedback

import "math"

// MinHash with LSH banding (Broder; Leskovec, Rajaraman and Ullman, Mining of Massive
// Datasets, ch. 3). A signature has n = bands × rows values; value i is the minimum over the
// text's shingles of the i-th hash function, so two texts agree at i with probability equal
// to their Jaccard similarity s. A band is rows consecutive values; two texts become a
// candidate pair when all rows of at least one band agree, with probability
// 1 - (1 - s^rows)^bands.

// fnv64 is FNV-1a over s: the seed-independent base hash of a shingle.
func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix64 is the SplitMix64 finalizer: a bijection on uint64 with good avalanche.
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

const goldenGamma = 0x9e3779b97f4a7c15

// hashFamily returns the n multiply-add hash functions of a seed: function i maps a mixed
// shingle hash y to the high 32 bits of a[i]·y + b[i] (mod 2^64), with odd a[i] and b[i]
// drawn from the SplitMix64 stream of the seed.
func hashFamily(n int, seed uint64) (a, b []uint64) {
	a, b = make([]uint64, n), make([]uint64, n)
	s := seed
	for i := range n {
		s += goldenGamma
		a[i] = mix64(s) | 1
		s += goldenGamma
		b[i] = mix64(s)
	}
	return a, b
}

// signature fills sig with the MinHash signature of the shingles whose base hashes are
// given: slot i holds the minimum over shingles x of the i-th function of mix64(x ^ seed).
func signature(sig []uint32, bases []uint64, seed uint64, a, b []uint64) {
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	a, b = a[:len(sig)], b[:len(sig)]
	// Two shingles per pass halve the loads of a, b and sig.
	k := 0
	for ; k+1 < len(bases); k += 2 {
		y0, y1 := mix64(bases[k]^seed), mix64(bases[k+1]^seed)
		for i := range sig {
			v0 := uint32((a[i]*y0 + b[i]) >> 32)
			v1 := uint32((a[i]*y1 + b[i]) >> 32)
			sig[i] = min(sig[i], v0, v1)
		}
	}
	if k < len(bases) {
		y := mix64(bases[k] ^ seed)
		for i := range sig {
			sig[i] = min(sig[i], uint32((a[i]*y+b[i])>>32))
		}
	}
}

// bandKeys writes one key per band: a hash of the band's index and its rows' values.
func bandKeys(keys []uint64, sig []uint32, rows int) {
	for b := range keys {
		k := mix64(uint64(b+1) * goldenGamma)
		for _, v := range sig[b*rows : (b+1)*rows] {
			k = mix64(k ^ uint64(v))
		}
		keys[b] = k
	}
}

// CandidateProbability returns the probability 1 - (1 - s^r)^b that two texts of Jaccard
// similarity s share at least one LSH band, with b bands of r rows (the options' defaults
// when zero): the chance that [FindDuplicates] looks at the pair at all. With the defaults
// (64 bands of 4 rows) it is 0.984 at s = 0.5, above 0.9999 at s = 0.8, 0.41 at 0.3 and
// 0.006 at 0.1.
func (o DedupeOptions) CandidateProbability(s float64) float64 {
	b, r := o.bands(), o.rows()
	return 1 - math.Pow(1-math.Pow(s, float64(r)), float64(b))
}

// LSHThreshold returns (1/b)^(1/r), the similarity at which the candidate probability
// curve is steepest (about 0.35 with the defaults).
func (o DedupeOptions) LSHThreshold() float64 {
	return math.Pow(1/float64(o.bands()), 1/float64(o.rows()))
}
