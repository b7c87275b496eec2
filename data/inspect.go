package data

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/fb"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/y"

	"serialdesk/core"
)

// Before Badger opens a folder, Serialdesk reads what the folder holds and
// refuses what Badger would "repair" by throwing data away: a missing
// MANIFEST makes Badger start an empty register and delete the tables, a
// MANIFEST cut short makes it drop the tables the lost part named, a table
// whose end is damaged panics in its goroutine, a damaged value log is cut
// back where the damage starts. Nothing here writes, so a refused open
// leaves every file as it was.

// folder is what inspect found in a data folder.
type folder struct {
	dir string
	// register: Badger's files are there (otherwise a new register is made).
	register bool
	// unfinished: the last session did not close (its memtables are still
	// there, or tables no MANIFEST entry names, written by a compaction it
	// did not finish). Opening finishes that work, which writes.
	unfinished bool
	// noDiscard: Badger's DISCARD (statistics for cleaning its value log,
	// nothing of the register) is missing or empty; Badger makes a new one.
	noDiscard bool
	// size is what the tables and value logs take on disk.
	size int64
	// tables are the tables MANIFEST names, with how each is packed.
	tables map[uint64]badger.TableManifest
	files  []string // Badger's files
	// empty: memtable and value log files a kill left empty, between
	// Badger making them and sizing them; Badger refuses to open a folder
	// with one (TestBadgerRefusesAnEmptyFile), and they hold nothing.
	empty []string

	redo redoScan // redo.Present is false when there is no redo log
}

// File names Badger uses.
const (
	manifestName = badger.ManifestFilename
	registryName = badger.KeyRegistryFileName
	discardName  = "DISCARD"
	vlogHeader   = 20 // key ID and base IV
)

// inspect reads the folder and refuses a register whose files Badger would
// open by dropping data. The error says which file and what is wrong, and
// how to go on.
func inspect(dir string) (folder, error) {
	f := folder{dir: dir}
	if inUse(dir) {
		return f, openError(dir, errInUse, nil)
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return f, &core.Error{Code: core.Internal, Message: core.Say("Serialdesk cannot read its data folder {{.Folder}}: {{.Cause}}", core.Values{"Folder": dir, "Cause": err.Error()}), Err: err}
	}
	names := map[string]int64{}
	var tables, vlogs []string
	for _, e := range entries {
		name := e.Name()
		if !badgerFile(name) {
			continue
		}
		info, err := e.Info()
		if err == nil && !info.Mode().IsRegular() {
			err = &core.Error{Code: core.Internal, Message: core.Say("it is not a file")}
		}
		if err != nil {
			return f, damagedFile(dir, name, err)
		}
		names[name] = info.Size()
		ext := filepath.Ext(name)
		if _, err := strconv.ParseUint(strings.TrimSuffix(name, ext), 10, 32); err != nil && ext != "" {
			return f, damagedFile(dir, name, &core.Error{Code: core.Internal,
				Message: core.Say("Badger cannot tell which of its files this is; move it out of the folder if another program made it")})
		}
		switch ext {
		case ".sst":
			tables = append(tables, name)
			f.size += info.Size()
			f.register = true
		case ".vlog":
			vlogs = append(vlogs, name)
			f.size += info.Size()
			f.register = true
		case ".mem":
			f.unfinished = true
			f.register = true
		}
		if ext := filepath.Ext(name); info.Size() == 0 && (ext == ".mem" || ext == ".vlog") {
			f.empty = append(f.empty, name)
		}
	}
	_, hasManifest := names[manifestName]
	_, hasRegistry := names[registryName]
	f.register = f.register || hasManifest || hasRegistry
	if f.redo, err = scanRedoFile(filepath.Join(dir, redoFile)); err != nil {
		return f, damagedRedo(dir, err)
	}
	switch {
	case !f.register && (f.redo.Present || len(Backups(dir)) > 0):
		return f, damaged(dir, onlyLeft(dir, f.redo.Present), nil)
	case !f.register:
		return f, nil
	case !hasManifest:
		return f, missing(dir, core.Say("{{.File}} (the list of the register's tables)", core.Values{"File": manifestName}))
	case !hasRegistry:
		return f, missing(dir, core.Say("{{.File}} (the register's key registry)", core.Values{"File": registryName}))
	}
	for name := range names {
		f.files = append(f.files, name)
	}
	if len(vlogs) == 0 {
		// Badger always keeps its latest value log, and a missing one may
		// have held values the tables point to.
		return f, missing(dir, core.Say("the value log (a .vlog file, where Badger keeps large values)"))
	}
	referenced, err := readManifest(dir)
	if err != nil {
		return f, damagedFile(dir, manifestName, err)
	}
	f.tables = referenced
	for _, name := range tables {
		id, _ := strconv.ParseUint(strings.TrimSuffix(name, ".sst"), 10, 64)
		if _, ok := referenced[id]; !ok {
			f.unfinished = true // a compaction's output that MANIFEST never named; Badger removes it
		}
	}
	for _, id := range slices.Sorted(maps.Keys(referenced)) {
		name := tableFileName(id)
		if _, ok := names[name]; !ok {
			return f, missing(dir, core.Say("{{.File}} (one of the register's tables)", core.Values{"File": name}))
		}
		if err := checkTableEnds(filepath.Join(dir, name), referenced[id].Compression); err != nil {
			return f, damagedFile(dir, name, err)
		}
	}
	if _, err := badger.OpenKeyRegistry(badger.KeyRegistryOptions{Dir: dir, ReadOnly: true}); err != nil {
		return f, damagedFile(dir, registryName, err)
	}
	// Empty ones are removed before Badger opens the folder (folder.empty):
	// the last of the others is the one Badger cuts back.
	vlogs = slices.DeleteFunc(vlogs, func(name string) bool { return slices.Contains(f.empty, name) })
	slices.Sort(vlogs)
	for i, name := range vlogs {
		if err := checkValueLog(filepath.Join(dir, name), i == len(vlogs)-1); err != nil {
			return f, damagedFile(dir, name, err)
		}
	}
	if size, ok := names[discardName]; !ok || size == 0 {
		f.noDiscard = true
	}
	return f, nil
}

// checkTables reads every table MANIFEST names whole and checks it
// against its checksums (about 0.1 s for a million serials' tables).
func (f folder) checkTables() error {
	for _, id := range slices.Sorted(maps.Keys(f.tables)) {
		name := tableFileName(id)
		c := tableChecker{compression: f.tables[id].Compression}
		if err := c.checkFile(filepath.Join(f.dir, name)); err != nil {
			return damagedFile(f.dir, name, err)
		}
	}
	return nil
}

// errInUse is worded as Badger's error for a folder another program has
// open, which isLocked recognises.
var errInUse = errors.New("Another process is using this Badger database")

// badgerFile reports whether a name is one of Badger's files. One Badger
// would read but cannot name (a sync program's copy "000001 (1).vlog")
// counts, so that it is refused rather than failing Badger halfway.
func badgerFile(name string) bool {
	switch name {
	case manifestName, registryName, discardName:
		return true
	}
	switch filepath.Ext(name) {
	case ".sst", ".vlog", ".mem":
		return true
	}
	return false
}

// writable refuses a folder whose files Badger cannot open for writing:
// it panics on a DISCARD it cannot open. On Windows that is a file another
// program holds.
func (f folder) writable() error {
	for _, name := range f.files {
		w, err := os.OpenFile(filepath.Join(f.dir, name), os.O_RDWR, 0)
		if err != nil {
			return openError(f.dir, err, nil)
		}
		w.Close()
	}
	return nil
}

// onlyLeft says that the register's database files are gone, and what is
// left of it.
func onlyLeft(dir string, redo bool) core.Message {
	if redo {
		return core.Say("The register's database files are missing from {{.Folder}}: only its redo log and backups are left. Serialdesk has not changed anything.", core.Values{"Folder": dir})
	}
	return core.Say("The register's database files are missing from {{.Folder}}: only its backups are left. Serialdesk has not changed anything.", core.Values{"Folder": dir})
}

// readManifest reads MANIFEST the way Badger does and returns the tables
// it names. One that ends in a half-written entry is refused: Badger would
// cut it there and delete the tables the rest named.
func readManifest(dir string) (map[uint64]badger.TableManifest, error) {
	fp, err := os.Open(filepath.Join(dir, manifestName))
	if err != nil {
		return nil, err
	}
	defer fp.Close()
	info, err := fp.Stat()
	if err != nil {
		return nil, err
	}
	m, end, err := badger.ReplayManifestFile(fp, 0, badger.DefaultOptions(dir).WithLogger(nil))
	if err != nil {
		return nil, err
	}
	if end != info.Size() {
		return nil, damage("it ends in a half-written entry (from byte {{.From}} of {{.Size}}), as a power cut while saving or damage on the disk leaves it", core.Values{"From": strconv.FormatInt(end, 10), "Size": strconv.FormatInt(info.Size(), 10)})
	}
	return m.Tables, nil
}

// checkTableEnds checks what Badger reads of a table when it opens it:
// the index and the last block (for the table's biggest key). A damaged
// index panics in Badger; other damage is found by VerifyFiles.
func checkTableEnds(path string, compression options.CompressionType) error {
	f, size, err := openFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	ti, err := tableIndex(f, size)
	if err != nil || ti.OffsetsLength() == 0 {
		return err
	}
	n := ti.OffsetsLength()
	var bo fb.BlockOffset
	ti.Offsets(&bo, n-1)
	b := make([]byte, bo.Len())
	if _, err := f.ReadAt(b, int64(bo.Offset())); err != nil {
		return err
	}
	if err := (&tableChecker{compression: compression}).checkBlock(b); err != nil {
		return damagedBlock(n, n, bo.Offset(), err)
	}
	return nil
}

// checkValueLog checks a value log's header and, for the last one, which
// Badger cuts back to its last whole entry when it opens, that nothing but
// zeros (space not written yet) follows that point, apart from the rest of
// one entry a crash cut off while it was being written, which was never
// saved.
func checkValueLog(path string, last bool) error {
	f, size, err := openFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	var head [vlogHeader]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return damage("it is cut short (its header is not whole)")
	}
	if binary.BigEndian.Uint64(head[:8]) != 0 {
		return damage("its header is damaged")
	}
	if !last {
		return nil
	}
	end, cut := wholeEntries(r, vlogHeader, size)
	if _, err := f.Seek(cut, io.SeekStart); err != nil {
		return err
	}
	buf, zeros := make([]byte, 1<<20), make([]byte, 1<<20)
	for {
		n, err := io.ReadFull(f, buf)
		if !bytes.Equal(buf[:n], zeros[:n]) {
			return damage("it is damaged from byte {{.From}} on", core.Values{"From": strconv.FormatInt(end, 10)})
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// maxEntryHeader is the longest a value log entry's header can be: two
// bytes and three varints. (Badger writes no transaction marks there.)
const maxEntryHeader = 2 + 3*binary.MaxVarintLen64

// wholeEntries reads value log entries from r (starting at offset at,
// in a file of size bytes) and returns where the last whole one ends, and
// where the one after it ends by the lengths it declares when a crash cut
// it off while it was written: Badger writes an entry in order, so one cut
// off ends in zeros (its checksum among them), and one damaged since does
// not.
func wholeEntries(r *bufio.Reader, at, size int64) (end, cut int64) {
	end, pos := at, at
	for {
		h := crc32.New(y.CastagnoliCrcTable)
		hr := &countReader{r: io.TeeReader(r, h)}
		meta, err := hr.ReadByte()
		if err != nil {
			return end, pos
		}
		_, err1 := hr.ReadByte()
		klen, err2 := binary.ReadUvarint(hr)
		vlen, err3 := binary.ReadUvarint(hr)
		_, err4 := binary.ReadUvarint(hr)
		if meta == 0 && klen == 0 && vlen == 0 {
			return end, pos // zeros: space not written yet
		}
		extent := pos + hr.n + int64(klen) + int64(vlen) + 4
		if err1 != nil || err2 != nil || err3 != nil || err4 != nil || klen > 1<<16 || extent > size {
			return end, min(pos+maxEntryHeader, size)
		}
		if _, err := io.CopyN(io.Discard, hr, int64(klen+vlen)); err != nil {
			return end, extent
		}
		var sum [4]byte
		if _, err := io.ReadFull(r, sum[:]); err != nil || binary.BigEndian.Uint32(sum[:]) != h.Sum32() {
			if sum == [4]byte{} {
				return end, extent // written no further than that: cut off
			}
			return end, pos // written whole, and damaged since
		}
		pos, end = extent, extent
	}
}

type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countReader) ReadByte() (byte, error) {
	var b [1]byte
	if _, err := io.ReadFull(c, b[:]); err != nil {
		return 0, err
	}
	return b[0], nil
}
