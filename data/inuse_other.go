//go:build !windows

package data

// heldByAnotherProgram: other systems do not stop a program from opening a
// file because another one has it open.
func heldByAnotherProgram(error) bool { return false }
