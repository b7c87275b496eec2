package core

import (
	"runtime"
	"strings"
)

// Command is the program to type in the instructions messages give
// (serialdesk restore …). On Windows the window program cannot write to a
// console, so the commands come as a console program of their own,
// serialdesk-cli.exe.
func Command() string { return command(runtime.GOOS) }

func command(goos string) string {
	if goos == "windows" {
		return "serialdesk-cli"
	}
	return "serialdesk"
}

// Quoted is a path as one argument to type after Command, in double quotes,
// which the Command Prompt and the shells of macOS and Linux read alike.
// Go's %q would double every backslash of a Windows path.
func Quoted(path string) string { return quoted(runtime.GOOS, path) }

// shellEscapes are the characters a macOS or Linux shell still reads inside
// double quotes. Windows paths cannot hold a double quote, and their
// backslashes separate folders.
var shellEscapes = strings.NewReplacer(`\`, `\\`, `"`, `\"`, `$`, `\$`, "`", "\\`")

func quoted(goos, path string) string {
	if goos != "windows" {
		path = shellEscapes.Replace(path)
	}
	return `"` + path + `"`
}
