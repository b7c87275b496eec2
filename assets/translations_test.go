package assets_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"serialdesk/assets"
)

// keyArgs are, for each function that takes texts to translate, which of
// its arguments are texts: Fyne's lang.L, words("…") kept in tables, and
// the register's messages (core.Say and the helpers that make one).
var keyArgs = map[string][]int{
	"L": {0}, "words": {0},
	"Say": {0}, "errorf": {1}, "notFoundAs": {1}, "conflict": {0}, "err": {0, 1}, "Count": {1, 2},
	"add": {2}, "addIn": {3}, "say": {0, 1}, "sayError": {1, 2}, "Tr": {0}, "report": {0},
	"notASerialList": {0}, "bad": {0}, "partyWords": {1, 2}, "translate": {0}, "damage": {0},
}

// reservedKeys are the words go-i18n, under Fyne's translations, reads as
// the fields of a message, in any case: a text that is one of them makes
// the whole file unreadable.
var reservedKeys = map[string]bool{"id": true, "description": true, "hash": true, "leftdelim": true, "rightdelim": true,
	"zero": true, "one": true, "two": true, "few": true, "many": true, "other": true, "translation": true}

// keysOf is the name of the function call calls and the arguments it
// takes as texts to translate (keyArgs); none for strings.Count and the
// like.
func keysOf(call *ast.CallExpr) (string, []ast.Expr) {
	var name string
	switch fun := call.Fun.(type) {
	case *ast.SelectorExpr:
		if pkg, ok := fun.X.(*ast.Ident); ok && (pkg.Name == "strings" || pkg.Name == "bytes") {
			return "", nil
		}
		name = fun.Sel.Name
	case *ast.Ident:
		name = fun.Name
	}
	var keys []ast.Expr
	for _, i := range keyArgs[name] {
		if i < len(call.Args) {
			keys = append(keys, call.Args[i])
		}
	}
	return name, keys
}

// literal is the text of a string literal, or of literals joined with +.
func literal(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		x, ok1 := literal(e.X)
		y, ok2 := literal(e.Y)
		return x + y, ok1 && ok2 && e.Op == token.ADD
	}
	return "", false
}

// textsInCode are the texts the program gives to be translated, found in
// its source, with where each is.
func textsInCode(t *testing.T) map[string]string {
	t.Helper()
	texts := map[string]string{}
	root := ".."
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(token.NewFileSet(), p, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			_, keys := keysOf(call)
			for _, key := range keys {
				// A text from a table is found where it is kept.
				if text, ok := literal(key); ok && text != "" {
					texts[text] = p
				}
			}
			return true
		})
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, texts)
	return texts
}

// values are the values a text takes ({{.Name}}), sorted.
func values(text string) []string {
	found := regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`).FindAllStringSubmatch(text, -1)
	var out []string
	for _, f := range found {
		out = append(out, f[1])
	}
	slices.Sort(out)
	return out
}

// fyneTexts are the texts of Fyne's own (its menus' Quit, its dialogs'
// buttons, the file dialog), which a language Fyne lacks must give too.
func fyneTexts(t *testing.T) map[string]string {
	t.Helper()
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "fyne.io/fyne/v2").Output()
	require.NoError(t, err, "where Fyne's module is")
	b, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(dir)), "lang", "translations", "base.en.json"))
	require.NoError(t, err)
	var base map[string]any
	require.NoError(t, json.Unmarshal(b, &base))
	texts := map[string]string{}
	for key := range base {
		texts[key] = "Fyne"
	}
	return texts
}

// Every text the program shows through Fyne's translations, and Fyne's
// own, has its translation in every language shipped, which keeps each of
// its values; no translation is left of a text the program no longer has.
func TestEveryTextIsTranslated(t *testing.T) {
	texts := textsInCode(t)
	maps.Copy(texts, fyneTexts(t))
	files, err := fs.ReadDir(assets.Translations, assets.TranslationsDir)
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		b, err := fs.ReadFile(assets.Translations, path.Join(assets.TranslationsDir, f.Name()))
		require.NoError(t, err)
		var translated map[string]string
		require.NoError(t, json.Unmarshal(b, &translated), "%s is a JSON object of texts", f.Name())
		for text, where := range texts {
			_, reserved := reservedKeys[strings.ToLower(text)]
			assert.False(t, reserved, "%q (%s) is a word go-i18n keeps for itself: a file with it is refused", text, where)
			tr, ok := translated[text]
			if !assert.True(t, ok, "%s: %q (%s) has no translation", f.Name(), text, where) {
				continue
			}
			assert.NotEmpty(t, strings.TrimSpace(tr), "%s: %q", f.Name(), text)
			assert.Equal(t, values(text), values(tr), "%s: %q keeps its values", f.Name(), text)
		}
		for text := range translated {
			_, used := texts[text]
			assert.True(t, used, "%s: %q is no longer in the program", f.Name(), text)
		}
	}
}

// Every function that makes a message of a text it is given is known to
// textsInCode, which finds the texts given to it: a function that passes a
// text it takes on as a key (Say(key), Tr(key), Count(n, one, many)) is
// in keyArgs itself.
func TestEveryFunctionThatTakesATextIsKnown(t *testing.T) {
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		file, err := parser.ParseFile(token.NewFileSet(), p, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			texts := map[string]bool{}
			for _, field := range fn.Type.Params.List {
				if typ, ok := field.Type.(*ast.Ident); ok && typ.Name == "string" {
					for _, name := range field.Names {
						texts[name.Name] = true
					}
				}
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) == 0 {
					return true
				}
				name, keys := keysOf(call)
				for _, key := range keys {
					if arg, ok := key.(*ast.Ident); ok && texts[arg.Name] {
						_, known := keyArgs[fn.Name.Name]
						assert.True(t, known, "%s: %s passes the text it is given to %s: add it to keyArgs", p, fn.Name.Name, name)
					}
				}
				return true
			})
		}
		return nil
	})
	require.NoError(t, err)
}

func TestValuesAreFound(t *testing.T) {
	assert.Equal(t, []string{"Count", "Name"}, values("{{.Name}} has {{ .Count }} units"))
	assert.Empty(t, values("no values"))
}
