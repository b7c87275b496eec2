//go:build !windows && !darwin && !(linux && !ci)

package app

// beep is silent where Serialdesk knows no alert sound (and in tests).
func beep() {}
