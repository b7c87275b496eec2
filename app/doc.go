// Package app wires Serialdesk together: it reads the command line, opens
// the log and the store (package data), builds the register (package core)
// and shows the main window made of the screens (package screens).
package app
