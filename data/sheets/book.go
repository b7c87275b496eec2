package sheets

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html/charset"

	"serialdesk/core"
)

// book is what a workbook's own part and its links say, found the way
// excelize finds them: which parts hold which sheets, and which parts
// excelize reads as XML when it opens the workbook.
type book struct {
	parts map[string][]*zip.File // by name as excelize reads it; a name may come twice
	// sheets are the parts of each sheet, by its name in lower case: one
	// but for names that differ only in case, which excelize takes for
	// the same sheet.
	sheets map[string][]string
	names  map[string]string // a sheet's name by its part, for messages
	// linked are the parts the workbook links to (its sheets, styles):
	// excelize finds sheets among them, so each is scanned as a sheet,
	// whatever the workbook says it is; the shared texts are scanned as
	// such unless a sheet's link points to them.
	linked map[string]bool
	// xml are the other parts excelize reads as XML, by their fixed names:
	// its list of parts, styles, theme and calculation chain. The links
	// and the workbook's own part are scanned as they are read here.
	xml map[string]bool
}

var partsReadAtOpen = []string{"[Content_Types].xml", "xl/styles.xml", "xl/theme/theme1.xml", "xl/calcChain.xml"}

// readBook reads the workbook's list of sheets and their links. A
// workbook that lists more than maxSheets sheets, or more than maxLinks
// links, is refused: excelize matches every sheet against every link, so
// 40,000 sheets took 15 s to open. A part that cannot be read leaves its
// sheets out; excelize then refuses the workbook itself.
func readBook(zr *zip.Reader) (*book, error) {
	b := &book{parts: map[string][]*zip.File{}, sheets: map[string][]string{}, names: map[string]string{}, linked: map[string]bool{}, xml: map[string]bool{}}
	for _, f := range zr.File {
		b.parts[partName(f)] = append(b.parts[partName(f)], f)
	}
	for _, name := range partsReadAtOpen {
		b.xml[strings.ToLower(name)] = true
	}
	var rels relationships
	if err := b.read("_rels/.rels", &rels); err != nil {
		return nil, err
	}
	workbook := ""
	for _, r := range rels.Rel {
		if r.Type == excelize.SourceRelationshipOfficeDocument {
			workbook = strings.TrimPrefix(r.Target, "/")
			break
		}
	}
	if workbook == "" {
		return b, nil
	}
	wbRels := path.Join(path.Dir(workbook), "_rels", path.Base(workbook)+".rels")
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := b.read(workbook, &wb); err != nil {
		return nil, err
	}
	if len(wb.Sheets) > maxSheets {
		return nil, notASerialList("the workbook lists {{.Count}} sheets, more than the {{.Limit}} allowed; the file is damaged or not a list of serials", core.Values{"Count": len(wb.Sheets), "Limit": maxSheets})
	}
	rels = relationships{}
	if err := b.read(wbRels, &rels); err != nil {
		return nil, err
	}
	if len(rels.Rel) > maxLinks {
		return nil, notASerialList("the workbook has {{.Count}} links to its parts, more than the {{.Limit}} allowed; the file is damaged or not a list of serials", core.Values{"Count": len(rels.Rel), "Limit": maxLinks})
	}
	byID := make(map[string][]string, len(rels.Rel))
	for _, r := range rels.Rel {
		targets := sheetPaths(workbook, r.Target)
		for _, t := range targets {
			b.linked[t] = !isSharedStrings(t) // scanned as the texts it is, unless a sheet's link points to it
		}
		byID[r.ID] = targets // the last link of an ID counts, as in excelize
	}
	for _, s := range wb.Sheets {
		for _, target := range byID[s.ID] {
			if b.parts[target] == nil {
				continue
			}
			key := strings.ToLower(s.Name)
			b.sheets[key] = append(b.sheets[key], target)
			if _, named := b.names[target]; !named {
				b.names[target] = s.Name
			}
		}
	}
	return b, nil
}

// sheetPaths is the part a link of the workbook points to, as excelize
// resolves it: on Windows a backslash in the link separates folders too,
// so a link with one may name two parts.
func sheetPaths(workbook, target string) []string {
	resolve := func(workbook, target string) string {
		p := path.Dir(workbook) + "/" + target
		if strings.HasPrefix(target, "/") {
			p = target
		}
		return strings.TrimPrefix(strings.ReplaceAll(path.Clean(p), `\`, "/"), "/")
	}
	unix := resolve(workbook, target)
	windows := resolve(strings.ReplaceAll(workbook, `\`, "/"), strings.ReplaceAll(target, `\`, "/"))
	if windows == unix {
		return []string{unix}
	}
	return []string{unix, windows}
}

type relationships struct {
	Rel []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// read decodes a small part as excelize does: strict Office XML's names
// for links taken as the usual ones, in the encoding the part declares.
// It scans the part first, as a decoder would take too much memory for
// XML nested too deeply. A part missing or not XML leaves v empty.
func (b *book) read(name string, v any) error {
	files := b.parts[name]
	if len(files) == 0 {
		return nil
	}
	f := files[len(files)-1] // the last of a name counts, as in excelize
	if err := (&partScan{name: name, kind: otherPart}).read(f); err != nil {
		return err
	}
	rc, err := f.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxPart))
	if err != nil {
		return nil
	}
	data = bytes.ReplaceAll(data, []byte(excelize.StrictSourceRelationship), []byte(excelize.SourceRelationship.Value))
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charset.NewReaderLabel
	d.Decode(v)
	return nil
}

// partName is a part's path as excelize reads it.
func partName(f *zip.File) string { return strings.ReplaceAll(f.Name, `\`, "/") }

// kinds says how a part is scanned: as a sheet, as the shared texts, as
// other XML that excelize reads, or not at all (pictures, and parts
// excelize never reads here).
func (b *book) kinds(name string) (sheet, sharedStrings, other bool) {
	_, named := b.names[name]
	return isSheet(name) || b.linked[name] || named, isSharedStrings(name), b.xml[strings.ToLower(name)]
}

// isSheet and isSharedStrings tell the parts excelize reads from a
// temporary file when they are large, as excelize tells them.
func isSheet(name string) bool {
	return strings.HasPrefix(strings.ToLower(name), "xl/worksheets/sheet")
}

func isSharedStrings(name string) bool { return strings.EqualFold(name, "xl/sharedStrings.xml") }
