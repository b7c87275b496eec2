//go:build linux && !ci

package app

/*
#cgo LDFLAGS: -lX11
#include <X11/Xlib.h>

static Display *bellDisplay;

// ring sounds the X server's bell, which the desktop plays as its alert.
static void ring(void) {
	if (!bellDisplay) bellDisplay = XOpenDisplay(NULL);
	if (!bellDisplay) return;
	XBell(bellDisplay, 0);
	XFlush(bellDisplay);
}
*/
import "C"

import "sync"

var bellMu sync.Mutex // Xlib's connection is not shared between threads

// beep sounds the desktop's alert.
func beep() {
	bellMu.Lock()
	defer bellMu.Unlock()
	C.ring()
}
