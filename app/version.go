package app

import (
	"fmt"
	"strings"
)

// version is Serialdesk's version, read from FyneApp.toml (the one place it
// is kept, which the packages' metadata comes from too) by main.
var version = "unknown"

// SetVersion takes the version from the text of FyneApp.toml: its
// [Details] Version and Build.
func SetVersion(fyneApp string) { version = versionOf(fyneApp) }

func versionOf(fyneApp string) string {
	var v, build string
	for _, line := range strings.Split(fyneApp, "\n") {
		key, val, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		val = strings.Trim(strings.TrimSpace(val), `"`)
		switch strings.TrimSpace(key) {
		case "Version":
			v = val
		case "Build":
			build = val
		}
	}
	switch {
	case v == "":
		return "unknown"
	case build == "":
		return v
	}
	return fmt.Sprintf("%s (build %s)", v, build)
}
