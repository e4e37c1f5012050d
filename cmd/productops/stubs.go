package main

import "github.com/spf13/cobra"

func newFeedbackCmd(e *env) *cobra.Command { return &cobra.Command{Use: "feedback"} }
func newReportCmd(e *env) *cobra.Command   { return &cobra.Command{Use: "report"} }
