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

// textsInCode are the texts the program gives Fyne's translations
// (lang.L("…"), and words("…") kept in tables), found in its source, with
// where each is.
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
			// lang.L("…"), or words("…"): words kept in a table and
			// given to lang.L where they are shown.
			translated := false
			switch fun := call.Fun.(type) {
			case *ast.SelectorExpr:
				pkg, ok := fun.X.(*ast.Ident)
				translated = ok && pkg.Name == "lang" && fun.Sel.Name == "L"
			case *ast.Ident:
				translated = fun.Name == "words"
			}
			if !translated {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true // words from a table, found where they are kept
			}
			text, err := strconv.Unquote(lit.Value)
			require.NoError(t, err)
			texts[text] = p
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

func TestValuesAreFound(t *testing.T) {
	assert.Equal(t, []string{"Count", "Name"}, values("{{.Name}} has {{ .Count }} units"))
	assert.Empty(t, values("no values"))
}
