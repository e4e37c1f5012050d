package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"time"
	_ "time/tzdata" // due dates in named zones must not depend on the machine's zoneinfo

	"github.com/productops/productops/launch"
)

//go:embed data/launch-plan.json
var launchPlanJSON []byte

//go:embed data/launch-guardrail.json
var launchGuardrailJSON []byte

// launchSection evaluates a launch plan, fixes two blocking items, evaluates it again a
// day later and prints what changed; then it runs the post-launch guardrail.
func launchSection(w io.Writer) error {
	fmt.Fprintln(w, "== launch: readiness and guardrails ==")
	plan, err := launch.ParsePlan(launchPlanJSON)
	if err != nil {
		return err
	}
	before, err := launch.Evaluate(plan, time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC))
	if err != nil {
		return err
	}
	if err := before.WriteText(w); err != nil {
		return err
	}

	// Quinn gets the regression suite green and Sam closes the pen-test findings.
	for i := range plan.Items {
		switch plan.Items[i].ID {
		case "qa-regression", "sec-pen-test":
			plan.Items[i].Status = launch.Done
		}
	}
	after, err := launch.Evaluate(plan, time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC))
	if err != nil {
		return err
	}
	fmt.Fprintln(w)
	if err := launch.Diff(before, after).WriteText(w); err != nil {
		return err
	}

	var g struct {
		Guardrail launch.Guardrail `json:"guardrail"`
		Ticks     []launch.Tick    `json:"ticks"`
	}
	if err := json.Unmarshal(launchGuardrailJSON, &g); err != nil {
		return err
	}
	a, err := launch.NewAnalysis(g.Guardrail)
	if err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "after launch (failed-checks threshold 2):")
	for _, t := range g.Ticks {
		r, err := a.Step(t)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  %s %-8s failed %d: %s\n", t.At.Format("15:04"), r.Decision, r.FailedChecks, r.Reasons[0])
		for _, reason := range r.Reasons[1:] {
			fmt.Fprintf(w, "      %s\n", reason)
		}
		if r.Decision == launch.Rollback {
			break
		}
	}
	return nil
}
