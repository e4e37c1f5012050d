package feedback_test

import (
	"fmt"

	"github.com/productops/productops/feedback"
)

func breakdownResults() []feedback.SLAResult {
	return []feedback.SLAResult{
		{Policy: "enterprise", Metric: feedback.SLAFirstReply, Priority: feedback.TicketPriorityUrgent, State: feedback.SLAAchieved},
		{Policy: "enterprise", Metric: feedback.SLAFirstReply, Priority: feedback.TicketPriorityUrgent, State: feedback.SLABreached},
		{Policy: "standard", Metric: feedback.SLAFirstReply, Priority: feedback.TicketPriorityLow, State: feedback.SLAAchieved},
		{Policy: "standard", Metric: feedback.SLATotalResolution, Priority: feedback.TicketPriorityLow, State: feedback.SLAActive},
	}
}

func ExampleSLABreakdown_Add() {
	var b feedback.SLABreakdown
	if err := b.Add(breakdownResults()...); err != nil {
		panic(err)
	}
	fmt.Println(b.Len(), "cells")
	// Output: 3 cells
}

// Two workers tally their own tickets; a third merges their partial breakdowns.
func ExampleSLABreakdown_Merge() {
	rs := breakdownResults()
	var a, b feedback.SLABreakdown
	_ = a.Add(rs[:1]...)
	_ = b.Add(rs[1:]...)
	if err := a.Merge(&b); err != nil {
		panic(err)
	}
	k := feedback.SLAKey{Policy: "enterprise", Metric: feedback.SLAFirstReply, Priority: feedback.TicketPriorityUrgent}
	fmt.Printf("%+v\n", a.Get(k))
	// Output: {Achieved:1 Breached:1 Active:0 Paused:0}
}

func ExampleSLABreakdown_Get() {
	var b feedback.SLABreakdown
	_ = b.Add(breakdownResults()...)
	t := b.Get(feedback.SLAKey{Policy: "standard", Metric: feedback.SLATotalResolution, Priority: feedback.TicketPriorityLow})
	fmt.Println(t.Active)
	// Output: 1
}

func ExampleSLABreakdown_All() {
	var b feedback.SLABreakdown
	_ = b.Add(breakdownResults()...)
	for k, t := range b.All() {
		fmt.Println(k.Policy, k.Metric, k.Priority, t.Results())
	}
	// Output:
	// enterprise first_reply_time urgent 2
	// standard first_reply_time low 1
	// standard total_resolution_time low 1
}

func ExampleSLABreakdown_Rows() {
	var b feedback.SLABreakdown
	_ = b.Add(breakdownResults()...)
	r := b.Rows()[0]
	fmt.Printf("%s %s %s: %d of %d met\n", r.Policy, r.Metric, r.Priority, r.Compliance.Numerator, r.Compliance.Denominator)
	// Output: enterprise first_reply_time urgent: 1 of 2 met
}

func ExampleSLABreakdown_Compliance() {
	var b feedback.SLABreakdown
	_ = b.Add(breakdownResults()...)
	fmt.Printf("%+v\n", b.Compliance().Metric(feedback.SLAFirstReply))
	// Output: {Achieved:2 Breached:1 Active:0 Paused:0}
}

// A partial breakdown travels between machines as bytes.
func ExampleSLABreakdown_MarshalBinary() {
	var b feedback.SLABreakdown
	_ = b.Add(breakdownResults()...)
	data, err := b.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var back feedback.SLABreakdown
	if err := back.UnmarshalBinary(data); err != nil {
		panic(err)
	}
	fmt.Println(len(data), "bytes,", back.Len(), "cells")
	// Output: 51 bytes, 3 cells
}

func ExampleSLABreakdown_UnmarshalBinary() {
	var b feedback.SLABreakdown
	err := b.UnmarshalBinary([]byte("SB\x01\x05"))
	fmt.Println(err)
	// Output: feedback: SLA breakdown: invalid: data: malformed encoding: length 5 exceeds the bytes left (at byte 4)
}
