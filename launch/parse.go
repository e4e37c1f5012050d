package launch

// ParseGuardrail decodes a guardrail from JSON strictly (unknown fields and trailing data
// are errors, like ParsePlan) and validates it. Every failure is a
// *productops.ValidationError.
func ParseGuardrail(data []byte) (Guardrail, error) {
	var g Guardrail
	if err := decodeStrict("launch: guardrail", data, &g); err != nil {
		return Guardrail{}, err
	}
	if err := g.Validate(); err != nil {
		return Guardrail{}, err
	}
	return g, nil
}

// ParseArgoAnalysis decodes an Argo analysis configuration from JSON strictly and
// validates it. Every failure is a *productops.ValidationError.
func ParseArgoAnalysis(data []byte) (ArgoAnalysis, error) {
	var c ArgoAnalysis
	if err := decodeStrict("launch: argo analysis", data, &c); err != nil {
		return ArgoAnalysis{}, err
	}
	if err := c.Validate(); err != nil {
		return ArgoAnalysis{}, err
	}
	return c, nil
}

// ParseCanaryConfig decodes a canary configuration from JSON strictly and validates it.
// Every failure is a *productops.ValidationError.
func ParseCanaryConfig(data []byte) (CanaryConfig, error) {
	var c CanaryConfig
	if err := decodeStrict("launch: canary config", data, &c); err != nil {
		return CanaryConfig{}, err
	}
	if err := c.Validate(); err != nil {
		return CanaryConfig{}, err
	}
	return c, nil
}
