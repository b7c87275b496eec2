package app

import "syscall"

var messageBeep = syscall.NewLazyDLL("user32.dll").NewProc("MessageBeep")

// beep sounds the system's default sound, as Windows does for a refusal.
func beep() { messageBeep.Call(0) } // MB_OK: the default beep
