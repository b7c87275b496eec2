// Package assets holds the files built into the program: the icon.
package assets

import _ "embed"

// Icon is Serialdesk's icon, 512×512 PNG (also named in FyneApp.toml).
//
//go:embed icon.png
var Icon []byte
