package data

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/y"

	"serialdesk/core"
)

// finder answers serial searches from memory. Looking at a million serials
// in Badger costs most of a second (each key goes through the LSM's merge
// iterator); the same serials packed in one byte slice are searched with
// bytes.Index in milliseconds. The text index (0x07) stays the durable
// truth: the finder is built from it at open and follows every commit.
//
// Views hold mu for reading from before their snapshot is taken until they
// end, and commits change the finder under mu together with Badger, so a
// View's searches always agree with its snapshot.
type finder struct {
	mu sync.RWMutex
	// base is packed and sorted; a change to one of its serials is made in
	// place (state 0 marks a removed one), new serials wait in added, in
	// order, until there are enough to pack them in.
	base   serialList
	added  []serialChange
	stale  int // removed entries still in base
	packAt int // added and stale entries that make a new base
}

// entryKey is one serial of one item.
type entryKey struct {
	serial string
	item   core.ItemID
}

func (a entryKey) compare(b entryKey) int {
	if c := cmp.Compare(a.serial, b.serial); c != 0 {
		return c
	}
	return cmp.Compare(a.item, b.item)
}

// serialChange is a serial's new state (0: removed) and warranty (see
// warrantyDay).
type serialChange struct {
	key      entryKey
	state    core.State
	warranty uint32
}

// textValue is what the text index keeps of a serial: its state, and its
// warranty's end when it has one, so that the finder selects by both.
func textValue(rec core.Serial) []byte {
	v := []byte{byte(rec.State)}
	if day := warrantyDay(rec.Warranty); day != 0 {
		v = binary.BigEndian.AppendUint32(v, day)
	}
	return v
}

// readTextValue reads textValue; an index written before warranties holds
// the state alone.
func readTextValue(v []byte) (st core.State, warranty uint32) {
	if len(v) == 0 {
		return 0, 0
	}
	if len(v) >= 5 {
		warranty = binary.BigEndian.Uint32(v[1:5])
	}
	return core.State(v[0]), warranty
}

// serialList is serials in (serial, item) order, packed: text holds the
// serials, each followed by 0x00 (which a serial never contains), and start
// has one extra element, the end of text.
type serialList struct {
	text     []byte
	start    []uint32
	item     []core.ItemID
	state    []core.State
	warranty []uint32
}

func (l *serialList) len() int { return len(l.item) }

func (l *serialList) serial(i int) []byte { return l.text[l.start[i] : l.start[i+1]-1] }

func (l *serialList) key(i int) entryKey { return entryKey{string(l.serial(i)), l.item[i]} }

// compare orders entry i against k without copying its serial.
func (l *serialList) compare(i int, k entryKey) int {
	switch s := l.serial(i); {
	case string(s) < k.serial:
		return -1
	case string(s) > k.serial:
		return 1
	}
	return cmp.Compare(l.item[i], k.item)
}

// find returns the entry of k, if the list has it.
func (l *serialList) find(k entryKey) (int, bool) {
	i := sort.Search(l.len(), func(i int) bool { return l.compare(i, k) >= 0 })
	return i, i < l.len() && l.compare(i, k) == 0
}

// join makes l the parts one after the other; each part's serials come
// before the next part's.
func (l *serialList) join(parts []serialList) {
	size, n := 0, 0
	for _, p := range parts {
		size, n = size+len(p.text), n+p.len()
	}
	l.text = make([]byte, 0, size)
	l.start = make([]uint32, 1, n+1)
	l.item = make([]core.ItemID, 0, n)
	l.state = make([]core.State, 0, n)
	l.warranty = make([]uint32, 0, n)
	for _, p := range parts {
		shift := uint32(len(l.text))
		l.text = append(l.text, p.text...)
		for _, st := range p.start[min(1, len(p.start)):] {
			l.start = append(l.start, st+shift)
		}
		l.item = append(l.item, p.item...)
		l.state = append(l.state, p.state...)
		l.warranty = append(l.warranty, p.warranty...)
	}
}

func (l *serialList) add(serial []byte, item core.ItemID, st core.State, warranty uint32) {
	if len(l.start) == 0 {
		l.start = append(l.start, 0)
	}
	l.text = append(append(l.text, serial...), 0)
	l.start = append(l.start, uint32(len(l.text)))
	l.item = append(l.item, item)
	l.state = append(l.state, st)
	l.warranty = append(l.warranty, warranty)
}

// each calls fn, in order, for every entry whose serial contains text,
// until fn returns false. One bytes.Index runs over the packed serials; a
// hit is mapped to its entry by walking start forward, and the search goes
// on at the next entry.
func (l *serialList) each(text string, fn func(i int) bool) {
	n := l.len()
	if text == "" {
		for i := range n {
			if !fn(i) {
				return
			}
		}
		return
	}
	needle := []byte(text)
	for i, pos := 0, 0; i < n; {
		at := bytes.Index(l.text[pos:], needle)
		if at < 0 {
			return
		}
		at += pos
		for int(l.start[i+1]) <= at {
			i++
		}
		if !fn(i) {
			return
		}
		i++
		if i < n {
			pos = int(l.start[i])
		}
	}
}

// packAt is how many new or removed serials the finder keeps beside its
// base before it packs them in: they are searched one by one, packing costs
// a copy of everything.
const packAt = 50_000

// loadFinder reads the text index. Reading a million keys is most of the
// time Serialdesk takes to open, so the index is read in as many ranges as
// there are cores, side by side.
func loadFinder(db *badger.DB) (*finder, error) {
	return loadFinderIn(db, splitKeys(db.Tables(), pSerialText, runtime.GOMAXPROCS(0)))
}

// loadFinderIn reads the text index in the ranges between the bounds
// (sorted keys) and puts the parts together.
func loadFinderIn(db *badger.DB, bounds [][]byte) (*finder, error) {
	parts := make([]serialList, len(bounds)+1)
	errs := make([]error, len(parts))
	panics := make([]any, len(parts))
	err := db.View(func(txn *badger.Txn) error {
		var wg sync.WaitGroup
		for i := range parts {
			from, to := []byte{pSerialText}, []byte(nil)
			if i > 0 {
				from = bounds[i-1]
			}
			if i < len(bounds) {
				to = bounds[i]
			}
			wg.Go(func() {
				defer func() { panics[i] = recover() }()
				errs[i] = readTextIndex(txn, from, to, &parts[i])
			})
		}
		wg.Wait()
		for _, p := range panics {
			if p != nil {
				panic(p) // here, where the caller can tell damage from a bug
			}
		}
		return errors.Join(errs...)
	})
	if err != nil {
		return nil, err
	}
	f := &finder{packAt: packAt}
	f.base.join(parts)
	return f, nil
}

// readTextIndex reads the text index from the key from up to the key to
// (nil: to its end) into l. Read-only transactions allow iterators side by
// side.
func readTextIndex(txn *badger.Txn, from, to []byte, l *serialList) error {
	opts := badger.DefaultIteratorOptions
	opts.Prefix = []byte{pSerialText}
	opts.PrefetchValues = false
	it := txn.NewIterator(opts)
	defer it.Close()
	for it.Seek(from); it.Valid(); it.Next() {
		item := it.Item()
		k := item.Key()
		if to != nil && bytes.Compare(k, to) >= 0 {
			return nil
		}
		err := item.Value(func(v []byte) error {
			st, warranty := readTextValue(v)
			l.add(k[1:len(k)-9], core.ItemID(lastUint64(k)), st, warranty)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// splitKeys picks up to n-1 keys that cut the keys under prefix into
// ranges of about as many keys, from where Badger's tables start.
func splitKeys(tables []badger.TableInfo, prefix byte, n int) [][]byte {
	type start struct {
		key  []byte
		keys int
	}
	var starts []start
	total := 0
	for _, t := range tables {
		if k := y.ParseKey(t.Left); len(k) > 1 && k[0] == prefix {
			starts = append(starts, start{k, int(t.KeyCount)})
			total += int(t.KeyCount)
		}
	}
	slices.SortFunc(starts, func(a, b start) int { return bytes.Compare(a.key, b.key) })
	var bounds [][]byte
	seen := 0
	for _, st := range starts {
		if len(bounds) == n-1 {
			break
		}
		if seen >= total*(len(bounds)+1)/n && (len(bounds) == 0 || bytes.Compare(st.key, bounds[len(bounds)-1]) > 0) {
			bounds = append(bounds, st.key)
		}
		seen += st.keys
	}
	return bounds
}

// textChange reads a write to the text index.
func textChange(k, val []byte) serialChange {
	c := serialChange{key: entryKey{string(k[1 : len(k)-9]), core.ItemID(lastUint64(k))}}
	c.state, c.warranty = readTextValue(val)
	return c
}

// apply takes in committed changes; the caller holds mu. A serial changed
// twice in one operation ends in its last state.
func (f *finder) apply(changes []serialChange) {
	var fresh []serialChange
	inFresh := map[entryKey]int{}
	for _, c := range changes {
		if i, ok := f.base.find(c.key); ok {
			switch was := f.base.state[i]; {
			case was != 0 && c.state == 0:
				f.stale++
			case was == 0 && c.state != 0:
				f.stale--
			}
			f.base.state[i], f.base.warranty[i] = c.state, c.warranty
		} else if i, ok := slices.BinarySearchFunc(f.added, c.key, byKey); ok {
			f.added[i] = c
		} else if i, ok := inFresh[c.key]; ok {
			fresh[i] = c
		} else {
			inFresh[c.key] = len(fresh)
			fresh = append(fresh, c)
		}
	}
	if len(fresh) > 0 {
		slices.SortFunc(fresh, func(a, b serialChange) int { return a.key.compare(b.key) })
		f.added = mergeSorted(f.added, fresh)
	}
	if len(f.added)+f.stale >= f.packAt {
		f.pack()
	}
}

func byKey(c serialChange, k entryKey) int { return c.key.compare(k) }

func mergeSorted(a, b []serialChange) []serialChange {
	out := make([]serialChange, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0].key.compare(b[0].key) < 0 {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// pack makes a new base of the base and the added serials, without the
// removed ones.
func (f *finder) pack() { f.base, f.added, f.stale = f.merged(), nil, 0 }

// merged is every serial the finder holds, packed, without the removed ones.
func (f *finder) merged() serialList {
	var next serialList
	next.text = make([]byte, 0, len(f.base.text)+len(f.added)*16)
	a := 0
	takeAdded := func() {
		if c := f.added[a]; c.state != 0 {
			next.add([]byte(c.key.serial), c.key.item, c.state, c.warranty)
		}
		a++
	}
	for i := range f.base.len() {
		for a < len(f.added) && f.base.compare(i, f.added[a].key) > 0 {
			takeAdded()
		}
		if f.base.state[i] != 0 {
			next.add(f.base.serial(i), f.base.item[i], f.base.state[i], f.base.warranty[i])
		}
	}
	for a < len(f.added) {
		takeAdded()
	}
	return next
}

// search returns the page of serials q selects and how many it selects.
// The caller holds mu for reading.
func (f *finder) search(q core.SerialQuery) ([]entryKey, int) {
	states := q.States()
	want := func(item core.ItemID, st core.State, warranty uint32) bool {
		return st != 0 && (q.Item == 0 || item == q.Item) && (states == nil || slices.Contains(states, st)) &&
			(q.Warranty == core.AnyWarranty || q.Selects(warrantyEnd(warranty)))
	}
	var added []entryKey
	for _, c := range f.added {
		if want(c.key.item, c.state, c.warranty) && strings.Contains(c.key.serial, q.Text) {
			added = append(added, c.key)
		}
	}
	// Without a filter the total is known, and the walk stops at the page's
	// end: an export's pages cost what they hold, not the whole register.
	everything := q.Text == "" && q.Item == 0 && q.State == 0 && q.Warranty == core.AnyWarranty
	var hits []entryKey
	seen := 0
	full := func() bool { return q.Limit > 0 && len(hits) == q.Limit }
	take := func(k func() entryKey) {
		if seen >= q.Offset && !full() {
			hits = append(hits, k())
		}
		seen++
	}
	a := 0
	f.base.each(q.Text, func(i int) bool {
		if !want(f.base.item[i], f.base.state[i], f.base.warranty[i]) {
			return true
		}
		for ; a < len(added) && f.base.compare(i, added[a]) > 0; a++ {
			take(func() entryKey { return added[a] })
		}
		take(func() entryKey { return f.base.key(i) })
		return !everything || !full()
	})
	for ; a < len(added) && !(everything && full()); a++ {
		take(func() entryKey { return added[a] })
	}
	if everything {
		return hits, f.base.len() - f.stale + len(added)
	}
	return hits, seen
}
