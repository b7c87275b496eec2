// Serialdesk keeps the serial numbers of the items a shop or dealership buys
// and sells. See README.md.
package main

import (
	"os"

	"serialdesk/app"
)

func main() {
	os.Exit(app.Main(os.Args[1:], os.Stdout, os.Stderr))
}
