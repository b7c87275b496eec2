package core

import "runtime"

// Command is the program to type in the instructions messages give
// (serialdesk restore …). On Windows the window program cannot write to a
// console, so the commands come as a console program of their own,
// serialdesk-cli.exe.
func Command() string {
	if runtime.GOOS == "windows" {
		return "serialdesk-cli"
	}
	return "serialdesk"
}
