package app

import "os/exec"

// beep sounds the system's alert, as NSBeep does, without holding up the
// window (osascript takes a moment to start).
func beep() { go exec.Command("osascript", "-e", "beep").Run() }
