package core

import (
	"errors"
	"strconv"
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
	Reason Message
}

// String is the problem in English, for logs and tests.
func (p Problem) String() string { return English.Problem(p) }

// Where says what the problem is about: "Serials sheet, row 3: serial
// 996A1", "line 2", or nothing for the document as a whole.
func (p Problem) Where() Message {
	// A row is numbered as the spreadsheet numbers it, without grouping.
	values := Values{"Sheet": Echo(p.Sheet), "Line": strconv.Itoa(p.Line), "Serial": Echo(p.Serial)}
	switch {
	case p.Sheet != "" && p.Serial != "":
		return Say("{{.Sheet}} sheet, row {{.Line}}: serial {{.Serial}}", values)
	case p.Sheet != "":
		return Say("{{.Sheet}} sheet, row {{.Line}}", values)
	case p.Line > 0 && p.Serial != "":
		return Say("line {{.Line}}: serial {{.Serial}}", values)
	case p.Line > 0:
		return Say("line {{.Line}}", values)
	case p.Serial != "":
		return Say("serial {{.Serial}}", values)
	}
	return Message{}
}

// Problem is p in the speaker's language: where, then why.
func (s Speaker) Problem(p Problem) string {
	if where := s.Say(p.Where()); where != "" {
		return where + ": " + s.Say(p.Reason)
	}
	return s.Say(p.Reason)
}

// Error is the one error type of the register. Message is written for the
// person at the counter; Problems lists every failing line and serial of a
// document check, all at once.
type Error struct {
	Code     Code
	Message  Message
	Problems []Problem
	Err      error // underlying cause, for the log only
}

// Error is the whole story, for the log, in English: what the user is
// told and the cause beneath it. Speaker.Error is what the user is told.
func (e *Error) Error() string {
	told := English.told(e)
	switch {
	case e.Err == nil:
		return told
	case told == "":
		return e.Err.Error()
	}
	return told + " (cause: " + e.Err.Error() + ")"
}

// told is the message and every problem, one a line.
func (s Speaker) told(e *Error) string {
	lines := make([]string, 0, len(e.Problems)+1)
	lines = append(lines, s.Say(e.Message))
	for _, p := range e.Problems {
		lines = append(lines, "  "+s.Problem(p))
	}
	return strings.Join(lines, "\n")
}

func (e *Error) Unwrap() error { return e.Err }

func errorf(code Code, key string, values ...Values) *Error {
	return &Error{Code: code, Message: Say(key, values...)}
}

// ErrNotFound is what a Store returns for a missing record.
var ErrNotFound = errorf(NotFound, "not found")

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

// Error turns any error into the text a user should see, with its
// problems, one a line. Errors that are not the register's own become a
// general sentence; their detail belongs in the log.
func (s Speaker) Error(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) && len(e.Problems) > 0 {
		return Capitalized(s.told(e))
	}
	return s.Summary(err)
}

// Summary is what a user should see of err without its problems, for a
// screen that lists those itself.
func (s Speaker) Summary(err error) string { return Capitalized(s.Say(Told(err))) }

// Told is err's message as a user is told it, without its problems: the
// register's own, or a general sentence for a failure that is not.
func Told(err error) Message {
	var e *Error
	if errors.As(err, &e) && (e.Code != Internal || !e.Message.Empty()) {
		return e.Message
	}
	return Say("Something went wrong while reading or saving the register; nothing was changed. The details are in the log file.")
}

// Reason is the message of err as it stands inside a sentence: a
// problem's reason, a value of another message.
func Reason(err error) Message {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return Say("{{.Error}}", Values{"Error": err.Error()})
}

// problemList collects problems of one document check.
type problemList []Problem

func (l *problemList) add(line int, serial, key string, values ...Values) {
	l.addReason("", line, serial, Say(key, values...))
}

// addIn adds a problem of a row of a workbook's sheet.
func (l *problemList) addIn(sheet string, row int, serial, key string, values ...Values) {
	l.addReason(sheet, row, serial, Say(key, values...))
}

// addErr adds err as the problem of a line and serial.
func (l *problemList) addErr(line int, serial string, err error) {
	l.addReason("", line, serial, Reason(err))
}

func (l *problemList) addReason(sheet string, line int, serial string, reason Message) {
	*l = append(*l, Problem{Sheet: sheet, Line: line, Serial: serial, Reason: reason})
}

// err returns nil when there are no problems, otherwise one Invalid error
// carrying all of them, saying one or many.
func (l problemList) err(one, many string) error { return l.errAs(Say(one), Say(many)) }

// errAs is err with the messages given; many has a {{.Count}}.
func (l problemList) errAs(one, many Message) error {
	if len(l) == 0 {
		return nil
	}
	msg := one
	if len(l) > 1 {
		msg = many.With(Values{"Count": len(l)})
	}
	return &Error{Code: Invalid, Message: msg, Problems: l}
}

// conflict returns nil when there are no problems, otherwise one Conflict
// error with the given message carrying all of them.
func (l problemList) conflict(key string, values ...Values) error {
	if len(l) == 0 {
		return nil
	}
	return &Error{Code: Conflict, Message: Say(key, values...), Problems: l}
}
