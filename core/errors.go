package core

import (
	"errors"
	"fmt"
	"strings"
)

// Code says what kind of failure an Error is, so callers can react without
// parsing messages.
type Code string

const (
	Invalid  Code = "invalid"   // the user's input breaks a rule
	Conflict Code = "conflict"  // the input is fine but clashes with what is stored
	NotFound Code = "not found" // the record asked for does not exist
	Internal Code = "internal"  // storage or program failure; details are in the log
	// Unavailable: the register cannot be reached now (a shop server the
	// network lost); nothing was saved, and trying again later may work.
	Unavailable Code = "unavailable"
)

// Problem is one thing wrong with a document: which line (1-based, 0 for the
// document itself), which serial (may be empty) and why. In a list read from
// a workbook, Sheet names the sheet and Line is the row.
type Problem struct {
	Sheet  string
	Line   int
	Serial string
	Reason string
}

func (p Problem) String() string {
	if where := p.Where(); where != "" {
		return where + ": " + p.Reason
	}
	return p.Reason
}

// Where names what the problem is about: "Serials sheet, row 3: serial
// 996A1", "line 2", or "" for the document as a whole.
func (p Problem) Where() string {
	var parts []string
	switch {
	case p.Sheet != "":
		parts = append(parts, fmt.Sprintf("%s sheet, row %d", Echo(p.Sheet), p.Line))
	case p.Line > 0:
		parts = append(parts, fmt.Sprintf("line %d", p.Line))
	}
	if p.Serial != "" {
		parts = append(parts, fmt.Sprintf("serial %s", Echo(p.Serial)))
	}
	return strings.Join(parts, ": ")
}

// Error is the one error type of the register. Message is written for the
// person at the counter; Problems lists every failing line and serial of a
// document check, all at once.
type Error struct {
	Code     Code
	Message  string
	Problems []Problem
	Err      error // underlying cause, for the log only
}

// Error is the whole story, for the log: what the user is told and the
// cause beneath it. UserMessage is what the user is told.
func (e *Error) Error() string {
	told := e.told()
	switch {
	case e.Err == nil:
		return told
	case told == "":
		return e.Err.Error()
	}
	return told + " (cause: " + e.Err.Error() + ")"
}

// told is the message and every problem, one a line.
func (e *Error) told() string {
	if len(e.Problems) == 0 {
		return e.Message
	}
	lines := make([]string, 0, len(e.Problems)+1)
	lines = append(lines, e.Message)
	for _, p := range e.Problems {
		lines = append(lines, "  "+p.String())
	}
	return strings.Join(lines, "\n")
}

func (e *Error) Unwrap() error { return e.Err }

func errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrNotFound is what a Store returns for a missing record.
var ErrNotFound = &Error{Code: NotFound, Message: "not found"}

// ErrorCode returns the code of err, Internal for errors that are not ours.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// Problems returns the problems carried by err, if any.
func Problems(err error) []Problem {
	var e *Error
	if errors.As(err, &e) {
		return e.Problems
	}
	return nil
}

// UserMessage turns any error into the text a user should see. Errors that
// are not the register's own become a general sentence; their detail belongs
// in the log.
func UserMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) && (e.Code != Internal || e.Message != "") {
		return capitalize(e.told())
	}
	return "Something went wrong while reading or saving the register; nothing was changed. The details are in the log file."
}

// Summary is what a user should see of err without its problems, for a
// screen that lists those itself.
func Summary(err error) string {
	var e *Error
	if errors.As(err, &e) && len(e.Problems) > 0 {
		return capitalize(e.Message)
	}
	return UserMessage(err)
}

// reasonOf is the message of one of our errors as it stands inside a
// sentence: a problem's reason.
func reasonOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// problemList collects problems of one document check.
type problemList []Problem

func (l *problemList) add(line int, serial, format string, args ...any) {
	l.addIn("", line, serial, format, args...)
}

// addIn adds a problem of a row of a workbook's sheet.
func (l *problemList) addIn(sheet string, row int, serial, format string, args ...any) {
	*l = append(*l, Problem{Sheet: sheet, Line: row, Serial: serial, Reason: fmt.Sprintf(format, args...)})
}

// err returns nil when there are no problems, otherwise one Invalid error
// carrying all of them.
func (l problemList) err(what string) error {
	if len(l) == 0 {
		return nil
	}
	msg := fmt.Sprintf("The %s has a problem; nothing was saved.", what)
	if len(l) > 1 {
		msg = fmt.Sprintf("The %s has %d problems; nothing was saved.", what, len(l))
	}
	return &Error{Code: Invalid, Message: msg, Problems: l}
}

// conflict returns nil when there are no problems, otherwise one Conflict
// error with the given message carrying all of them.
func (l problemList) conflict(format string, args ...any) error {
	if len(l) == 0 {
		return nil
	}
	return &Error{Code: Conflict, Message: fmt.Sprintf(format, args...), Problems: l}
}
