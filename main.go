// Serialdesk keeps the serial numbers of the items a shop or dealership buys
// and sells. See README.md.
package main

import (
	_ "embed"
	"os"

	_ "early.serialdesk/systemlocale" // before Fyne reads the system's locale

	"serialdesk/app"
)

// fyneApp is FyneApp.toml, where the version is kept.
//
//go:embed FyneApp.toml
var fyneApp string

func main() {
	app.SetVersion(fyneApp)
	os.Exit(app.Main(os.Args[1:], os.Stdout, os.Stderr))
}
