// Package screens holds Serialdesk's Fyne screens. Each screen calls the
// register (package core) and never touches the store or files directly.
package screens
