//go:build race

package fuzzguard

const raceSlowdown = 10
