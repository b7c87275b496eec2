package core

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"
)

// Message is something Serialdesk says to a person: a sentence in English
// with a named place for each value ({{.Serial}}). The English is the key
// a language's translation is found by (assets/translations), so that
// every language says the whole sentence its own way, values in place.
type Message struct {
	Key    string
	Values Values
	// parts, when there is no key, are whole messages said one after
	// the other with sep between them (Sentences).
	parts []Message
	sep   string
}

// Values are a message's values by name: text, whole numbers, amounts
// (Money), days (time.Time), moments (Moment) and other messages, each
// written as the language writes it.
type Values map[string]any

// Moment is a value that is a time of day as well as a day: when a card
// was changed, when a line was entered.
type Moment time.Time

// Say is the message key says with its values.
func Say(key string, values ...Values) Message {
	m := Message{Key: key}
	if len(values) > 0 {
		m.Values = values[0]
	}
	return m
}

// with is the values and one more.
func (v Values) with(name string, value any) Values {
	all := Values{name: value}
	maps.Copy(all, v)
	all[name] = value
	return all
}

// With is m with more values.
func (m Message) With(values Values) Message {
	all := make(Values, len(m.Values)+len(values))
	maps.Copy(all, m.Values)
	maps.Copy(all, values)
	m.Values = all
	return m
}

// Sentences are whole messages said one after the other, with sep (" ",
// "\n\n") between them: a message and the advice that follows it.
func Sentences(sep string, parts ...Message) Message {
	return Message{parts: parts, sep: sep}
}

// Empty reports whether m says nothing.
func (m Message) Empty() bool { return m.Key == "" && len(m.parts) == 0 }

// String is the message in English, for logs and tests.
func (m Message) String() string { return English.Say(m) }

// A Speaker says messages in one language.
type Speaker struct {
	Formats Formats
	// Translate fills a key's translation in with its values, written
	// out; nil says the English as written.
	Translate func(key string, values map[string]string) string
}

// English says messages as they are written.
var English = Speaker{Formats: EnglishFormats}

// SpeakerOf speaks the language of a translation file's texts, keyed by
// their English (what it lacks is said in English), without Fyne: for
// the other languages a workbook may be read in.
func SpeakerOf(f Formats, texts map[string]string) Speaker {
	return Speaker{Formats: f, Translate: func(key string, values map[string]string) string {
		if text, ok := texts[key]; ok {
			key = text
		}
		return fillIn(key, values)
	}}
}

// Say is m in the speaker's language.
func (s Speaker) Say(m Message) string {
	if m.Key == "" {
		said := make([]string, 0, len(m.parts))
		for _, p := range m.parts {
			if !p.Empty() {
				said = append(said, s.Say(p))
			}
		}
		return strings.Join(said, m.sep)
	}
	values := make(map[string]string, len(m.Values))
	for name, v := range m.Values {
		values[name] = s.value(v)
	}
	if s.Translate != nil {
		return s.Translate(m.Key, values)
	}
	return fillIn(m.Key, values)
}

func (s Speaker) value(v any) string {
	switch v := v.(type) {
	case Message:
		return s.Say(v)
	case time.Time:
		return s.Formats.Date(v)
	case Moment:
		return s.Formats.Moment(time.Time(v))
	case Echo:
		return v.in(s, false)
	case QuotedEcho:
		return Echo(v).in(s, true)
	case Money:
		return s.Formats.Money(v)
	case int:
		return s.Formats.Number(v)
	case int64:
		return s.Formats.Number(int(v))
	}
	return fmt.Sprint(v)
}

// templates are the English keys, parsed once each.
var templates sync.Map

// fillIn puts values in their places in key (or its translation), as
// Fyne's translations do (Go's text/template); a text that does not parse
// is said as written.
func fillIn(key string, values map[string]string) string {
	if !strings.Contains(key, "{{") {
		return key
	}
	t, ok := templates.Load(key)
	if !ok {
		parsed, err := template.New("").Parse(key)
		if err != nil {
			return key
		}
		t, _ = templates.LoadOrStore(key, parsed)
	}
	var b strings.Builder
	if err := t.(*template.Template).Execute(&b, values); err != nil {
		return key
	}
	return b.String()
}

// Capitalized is s with a capital first letter, as a message that starts
// inside a sentence begins when it stands alone.
func Capitalized(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// SortMessages puts messages in the order their English reads, so that a
// list of findings comes out the same way every time.
func SortMessages(ms []Message) {
	slices.SortFunc(ms, func(a, b Message) int { return strings.Compare(a.String(), b.String()) })
}
