package main

import "github.com/spf13/cobra"

func newLaunchCmd(e *env) *cobra.Command   { return &cobra.Command{Use: "launch"} }
func newRoadmapCmd(e *env) *cobra.Command  { return &cobra.Command{Use: "roadmap"} }
func newFeedbackCmd(e *env) *cobra.Command { return &cobra.Command{Use: "feedback"} }
func newReportCmd(e *env) *cobra.Command   { return &cobra.Command{Use: "report"} }
