//go:build race

package main

// raceEnabled: timings under the race detector are not the program's.
const raceEnabled = true
