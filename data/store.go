package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/skl"
	"github.com/sirupsen/logrus"

	"serialdesk/core"
)

// ErrAlreadyOpen is wrapped by Open's error when another Serialdesk has the
// data directory open.
var ErrAlreadyOpen = errors.New("data directory in use")

// Store is the Badger implementation of core.Store.
type Store struct {
	db  *badger.DB
	dir string
	log logrus.FieldLogger
	// An operation runs in one transaction while it fits in nine tenths of
	// what Badger accepts (a receipt of 10,000 serials does); a journaled
	// one writes chunks of half, leaving room for each chunk's undo record.
	whole, chunk budget
	events       atomic.Uint64 // numbers events; starts at the open time, so it only grows
	// What this session wrote, journal included: logged at close and
	// measured by the benchmarks.
	wroteKeys, wroteBytes atomic.Int64
	// Operations within one transaction share mu; a journaled operation
	// holds it alone, so nobody sees or writes beside its partial state.
	mu      sync.RWMutex
	writing sync.Mutex // held by the one operation that writes
	closed  bool       // under mu: work still running when the window closes gets an error, not a crash
	// Work Close waits for: VerifyFiles and backups in progress.
	working   sync.WaitGroup
	busy      atomic.Int32 // how much of it is running
	stopping  atomic.Bool  // Close has begun: a check of the files stops
	backingUp sync.Mutex   // held by the automatic backup being written
	find      *finder
	redo      *redoLog
	// readOnly: why nothing can be saved, nil when all is well.
	readOnly error
	// halted: why nothing can be read either (half an operation the disk
	// had no room to undo), until a restart.
	halted  error
	notes   []core.Message
	size    int64  // of Badger's files at open, for the room Badger needs
	release func() // the lock of a read-only open on Windows
}

// budget is how much one transaction may hold.
type budget struct{ count, size int64 }

// Badger refuses a transaction beyond 15% of a memtable, counted in bytes
// and in skiplist nodes.
const (
	badgerTxnSize  = memTableSize * 15 / 100
	badgerTxnCount = badgerTxnSize / int64(skl.MaxNodeSize)
)

// Sizes for a desktop: Badger's defaults reserve hundreds of megabytes for a
// server, and on Windows the value log is allocated at full size on disk.
const (
	memTableSize     = 32 << 20
	valueLogFileSize = 16 << 20
)

// Open opens (or creates) the register in dir to work in. Badger's
// messages go to log at warning level. When the disk has no room for
// Serialdesk to work, it opens read-only (ReadOnly says why) if the
// register can be read as it is.
func Open(dir string, log logrus.FieldLogger) (*Store, error) { return open(dir, log, false) }

// OpenReadOnly opens the register in dir to read it, changing none of its
// files: for checking, exporting and backing up. A register whose last
// session did not finish (Serialdesk was killed, or the power went) cannot
// be read so, as opening finishes that work first: the error's code is
// Conflict and Unfinished reports it.
func OpenReadOnly(dir string, log logrus.FieldLogger) (*Store, error) { return open(dir, log, true) }

func open(dir string, log logrus.FieldLogger, readOnly bool) (*Store, error) {
	f, err := inspect(dir)
	if err != nil {
		return nil, err
	}
	if readOnly && !f.register {
		return nil, &core.Error{Code: core.NotFound, Message: core.Say("There is no register in {{.Folder}}.", core.Values{"Folder": dir})}
	}
	s := &Store{dir: dir, log: log, size: f.size,
		whole: budget{count: badgerTxnCount * 9 / 10, size: badgerTxnSize * 9 / 10},
		chunk: budget{count: badgerTxnCount / 2, size: badgerTxnSize / 2},
	}
	if readOnly {
		s.readOnly = &core.Error{Code: core.Conflict, Err: ErrOpenedToRead, Message: core.Say("The register in {{.Folder}} is open for reading only.", core.Values{"Folder": dir})}
	} else {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, s.cannotWrite(err)
		}
		if err := s.room(3 * f.redo.size); err != nil {
			if !f.register {
				return nil, err
			}
			// Reading needs no room: show the register, save nothing.
			s.readOnly, readOnly = openedReadOnly(err), true
		}
	}
	if readOnly && f.unfinished {
		return nil, s.unfinished()
	}
	if !readOnly {
		if err := f.writable(); err != nil {
			return nil, err
		}
		// Badger writes as it opens to write (a new value log, the
		// memtables flushed as it closes): a damaged table found only
		// after that could no longer be left as it was.
		if err := f.checkTables(); err != nil {
			return nil, err
		}
		for _, name := range f.empty {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return nil, s.cannotWrite(err)
			}
			log.WithField("file", name).Warn("removed an empty file a kill left")
		}
	}
	opts := badgerOptions(dir, log).WithReadOnly(readOnly)
	release := func() {}
	if readOnly && !badgerLocksReaders {
		if release, err = lockForReading(dir); err != nil {
			return nil, openError(dir, err, nil)
		}
		opts = opts.WithBypassLockGuard(true)
	}
	before := fileNames(dir)
	db, err := openBadger(opts)
	if err != nil {
		release()
		var left []string
		if !isLocked(err) {
			left = removeAllBut(dir, before)
		}
		return nil, openError(dir, err, left)
	}
	s.db, s.release = db, release
	if !readOnly {
		os.Remove(filepath.Join(dir, closingFile)) // one a Serialdesk stopped while closing left
	}
	s.events.Store(uint64(time.Now().UnixNano()))
	if f.noDiscard && !readOnly {
		// Figures for tidying the value log, nothing of the register:
		// the log and check say it, not the counter's screen.
		s.log.Warn("DISCARD was missing or empty; Badger made a new one")
	}
	if err := s.guarded(func() error { return s.bringUpToDate(f) }); err != nil {
		db.Close()
		release()
		if s.redo != nil {
			s.redo.close()
		}
		return nil, err
	}
	return s, nil
}

// bringUpToDate finishes what a crash interrupted, writes what the redo
// log has and Badger lost, fills in list heads an older Serialdesk did not
// keep, and loads the finder. A store opened read-only only looks: if any
// of that work is left, it cannot show the register as it stands.
func (s *Store) bringUpToDate(f folder) error {
	if s.readOnly != nil {
		if unfinished, err := journalLeft(s.db); err != nil || unfinished {
			return errors.Join(err, s.unfinished())
		}
	} else {
		kept, rolledBack, err := recoverJournal(s.db)
		if err != nil {
			return &core.Error{Code: core.Internal, Message: core.Say("Serialdesk could not finish an interrupted operation in {{.Folder}}", core.Values{"Folder": s.dir}), Err: err}
		}
		if kept+rolledBack > 0 {
			s.log.WithFields(logrus.Fields{"finished": kept, "rolled_back": rolledBack}).Warn(InterruptedMessage)
		}
	}
	if err := s.openRedo(f.redo); err != nil {
		return err
	}
	if s.readOnly == nil {
		if err := addMissingHeads(s); err != nil {
			return &core.Error{Code: core.Internal, Message: core.Say("Serialdesk cannot bring the register in {{.Folder}} up to date", core.Values{"Folder": s.dir}), Err: err}
		}
	}
	var err error
	if s.find, err = loadFinder(s.db); err != nil {
		return &core.Error{Code: core.Internal, Message: core.Say("Serialdesk cannot read the serial index in {{.Folder}}", core.Values{"Folder": s.dir}), Err: err}
	}
	return s.anchor()
}

// ErrOpenedToRead is wrapped by ReadOnly's error for a store opened with
// OpenReadOnly.
var ErrOpenedToRead = errors.New("opened to read")

// ErrUnfinished is wrapped by the error of a read-only open of a register
// whose last session did not finish.
var ErrUnfinished = errors.New("the register's last session did not finish")

// unfinished is the error for a register that opening must first finish,
// which a read-only open cannot.
func (s *Store) unfinished() error {
	values := core.Values{"Folder": s.dir}
	msg := core.Say("The register in {{.Folder}} was not closed properly (Serialdesk was stopped, or the power went), and Serialdesk must finish its last session's work before it can be read. Open it once in Serialdesk, which does that, and try again. Nothing was changed.", values)
	why := ErrUnfinished
	if full, ok := s.readOnly.(*core.Error); ok && errors.Is(full, ErrDiskFull) {
		msg = core.Sentences(" ", full.Message,
			core.Say("The register in {{.Folder}} was not closed properly either, and finishing its last session's work needs room on the disk too.", values))
		why = errors.Join(ErrUnfinished, ErrDiskFull)
	}
	return &core.Error{Code: core.Conflict, Message: msg, Err: why}
}

// Notices are what opening did that the user should know: work written
// back from the redo log, a missing file made again. Nothing is repaired
// silently. A store opened read-only repairs nothing; its notices say
// what opening it for work would do.
func (s *Store) Notices() []core.Message { return s.notes }

// notice is a notice that opening logs too.
func (s *Store) notice(msg core.Message) {
	s.log.Warn(msg.String())
	s.notes = append(s.notes, msg)
}

// ReadOnly says why the store saves nothing (a full disk, a register whose
// files lost work), or nil when it works normally.
func (s *Store) ReadOnly() error { return s.readOnly }

// openBadger is badger.Open; tests replace it.
var openBadger = badger.Open

// heldOpen is heldByAnotherProgram (per system); tests replace it.
var heldOpen = heldByAnotherProgram

// badgerOptions are the register's settings, for opening it and for
// restoring a backup into a new one.
func badgerOptions(dir string, log logrus.FieldLogger) badger.Options {
	return badger.DefaultOptions(dir).
		WithLogger(badgerLogger{log}).
		WithSyncWrites(true). // a confirmed document is on disk when the call returns
		WithMemTableSize(memTableSize).
		WithNumMemtables(2).
		WithNumLevelZeroTables(2).
		WithNumLevelZeroTablesStall(8).
		WithBlockCacheSize(16 << 20).
		WithIndexCacheSize(16 << 20).
		WithValueLogFileSize(valueLogFileSize).
		WithNumCompactors(2).
		// A Get of a damaged block fails instead of giving wrong data (an
		// iterator passes over it; VerifyFiles finds it). Checking every
		// table at open would cost most of a second.
		WithChecksumVerificationMode(options.OnBlockRead)
}

func isLocked(err error) bool {
	return strings.Contains(err.Error(), "Another process is using this Badger database")
}

// fileNames lists the files in dir.
func fileNames(dir string) map[string]bool {
	names := map[string]bool{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names[e.Name()] = true
	}
	return names
}

// removeAllBut removes the files in dir that are not in keep: what a
// failed open created (a new memtable file), so that a register that cannot
// be opened is left as it was found. It returns the names it could not
// remove: on Windows, Badger keeps the memtable file of a failed open mapped
// until the program ends, and a mapped file cannot be deleted (seen under
// Wine).
func removeAllBut(dir string, keep map[string]bool) (left []string) {
	for name := range fileNames(dir) {
		if !keep[name] && removeFile(filepath.Join(dir, name)) != nil {
			left = append(left, name)
		}
	}
	sort.Strings(left)
	return left
}

// removeFile is os.Remove; tests replace it.
var removeFile = os.Remove

// unchanged says that a failed open left the folder as it was, or which
// files it could not take back.
func unchanged(left []string) core.Message {
	if len(left) == 0 {
		return core.Say("None of the register's files was changed.")
	}
	return core.Say("Serialdesk changed none of the register's files, but could not remove the working files its attempt made ({{.Files}}); "+
		"delete them once Serialdesk is closed.", core.Values{"Files": strings.Join(left, ", ")})
}

func openError(dir string, err error, left []string) error {
	values := core.Values{"Folder": dir}
	if isLocked(err) {
		msg := core.Say("Serialdesk is already open on {{.Folder}}. Use the window that is open, or close it first.", values)
		if _, closing := os.Stat(filepath.Join(dir, closingFile)); closing == nil {
			msg = core.Say("Serialdesk is still closing on {{.Folder}}: it is saving a backup of the register. Start it again in a moment.", values)
		}
		return &core.Error{Code: core.Conflict, Message: msg, Err: fmt.Errorf("%w: %w", ErrAlreadyOpen, err)}
	}
	if errors.Is(err, fs.ErrPermission) {
		return notAllowed(dir, err)
	}
	if heldOpen(err) {
		return &core.Error{Code: core.Conflict, Err: err, Message: core.Sentences(" ",
			core.Say("Another program is using the files in {{.Folder}}, often a sync program such as OneDrive, "+
				"a backup program or a virus scanner. Wait until it is done or close it, then start Serialdesk again.", values),
			unchanged(left))}
	}
	return damaged(dir, core.Sentences(" ",
		core.Say("Serialdesk cannot open the register in {{.Folder}}: its files are damaged or cannot be read ({{.Cause}}).", core.Values{"Folder": dir, "Cause": firstLine(err)}),
		unchanged(left)), err)
}

// damaged is the error for a register whose files are damaged: what is
// wrong, and the way out through the latest backup.
func damaged(dir string, msg core.Message, err error) error {
	var way core.Message
	if all := Backups(dir); len(all) > 0 {
		latest := all[len(all)-1]
		values := core.Values{"Backup": filepath.Base(latest), "Command": core.Command(), "QuotedBackup": core.Quoted(latest)}
		if redo := filepath.Join(dir, redoFile); fileExists(redo) {
			values["QuotedRedoLog"] = core.Quoted(redo)
			way = core.Say("The latest backup is {{.Backup}}. To go on from it, restore it into a new folder together with the work saved since, which the redo log keeps:\n"+
				"  {{.Command}} restore --in {{.QuotedBackup}} --log {{.QuotedRedoLog}} --data NEWFOLDER\nand start Serialdesk with --data NEWFOLDER.", values)
		} else {
			way = core.Say("The latest backup is {{.Backup}}. To go on from it, restore it into a new folder:\n"+
				"  {{.Command}} restore --in {{.QuotedBackup}} --data NEWFOLDER\nand start Serialdesk with --data NEWFOLDER.", values)
		}
	} else {
		way = core.Say("There is no backup in {{.Folder}}. If you keep backups elsewhere, restore the latest one into a new folder with: {{.Command}} restore --in FILE --data NEWFOLDER",
			core.Values{"Folder": BackupDir(dir), "Command": core.Command()})
	}
	return &core.Error{Code: core.Internal, Message: core.Sentences("\n\n", msg, way), Err: errors.Join(ErrDamaged, err)}
}

// fileExists reports whether there is a file at path.
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// ErrDamaged is wrapped by the error for a register whose files are
// damaged or missing.
var ErrDamaged = errors.New("the register's files are damaged")

// missing is the error for a file of the register that is gone: file
// names it and says what it is ("MANIFEST (the list of the register's
// tables)").
func missing(dir string, file core.Message) error {
	return damaged(dir, core.Say("Serialdesk cannot open the register in {{.Folder}}: {{.File}} is missing from the folder, as happens when a sync program, a virus scanner or a person removes it. Serialdesk has not changed anything.",
		core.Values{"Folder": dir, "File": file}), nil)
}

// notAllowed is the error for a file of the register Serialdesk may not
// open: not damage, and no backup helps.
func notAllowed(dir string, err error) error {
	return &core.Error{Code: core.Conflict, Err: err, Message: core.Say("Serialdesk may not open the register's files in {{.Folder}} ({{.Cause}}). "+
		"Ask whoever looks after this computer to let your user read and write that folder. None of its files was changed.", core.Values{"Folder": dir, "Cause": firstLine(err)})}
}

// damagedFile is the error for a file of the register that is damaged.
func damagedFile(dir, name string, err error) error {
	if errors.Is(err, fs.ErrPermission) {
		return notAllowed(dir, err)
	}
	return damaged(dir, core.Say("Serialdesk cannot open the register in {{.Folder}}: {{.File}} is damaged ({{.Cause}}). Serialdesk has not changed anything.",
		core.Values{"Folder": dir, "File": name, "Cause": cause(err)}), err)
}

// cause is what err says inside a message: its message when it is the
// register's own, otherwise its first line (the system's or Badger's
// words).
func cause(err error) any {
	var e *core.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return firstLine(err)
}

// firstLine is what an error says in its first line: Badger's go on to
// point to its documentation.
func firstLine(err error) string {
	line, _, _ := strings.Cut(err.Error(), "\n")
	return strings.TrimSuffix(strings.TrimSpace(line), ".")
}

// damagedRedo is the error for a redo log that cannot be read, and the way
// on: the register's own files are whole, and a new log can be started.
func damagedRedo(dir string, err error) error {
	var d *redoDamage
	if !errors.As(err, &d) {
		return &core.Error{Code: core.Internal, Err: err, Message: core.Say("Serialdesk cannot read its redo log in {{.Folder}}: {{.Cause}}. Nothing was changed.", core.Values{"Folder": dir, "Cause": err.Error()})}
	}
	return &core.Error{Code: core.Internal, Err: err, Message: core.Say("Serialdesk cannot open the register in {{.Folder}}: its redo log ({{.RedoLog}}) is damaged: {{.What}}. "+
		"The log only matters when the register's own files have lost work; Serialdesk has not changed anything.\n\n"+
		"To go on, start a new redo log with:\n  {{.Command}} new-log --data {{.QuotedFolder}}\nIt writes back what the damaged log still holds and the register lacks, keeps the damaged log beside it, "+
		"backs the register up and says whether any work could not be read.", core.Values{"Folder": dir, "RedoLog": redoFile, "What": d.what, "Command": core.Command(), "QuotedFolder": core.Quoted(dir)})}
}

// VerifyFiles reads every table of the register and checks it against its
// checksums, to find damage on disk that came after opening, or in a
// register opened to read (opening to write checks them first).
func (s *Store) VerifyFiles() error {
	// It reads every table, which takes a while on a big register: it
	// does not hold mu, which would hold up operations, and it stops when
	// the store closes.
	if !s.startWork() {
		return ErrClosed
	}
	defer s.endWork()
	return s.verifyTables(s.db.Tables())
}

// startWork counts work Close waits for (a check of the files, a backup);
// it is false once the store is closing.
func (s *Store) startWork() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return false
	}
	s.working.Add(1)
	s.busy.Add(1)
	return true
}

func (s *Store) endWork() {
	s.busy.Add(-1)
	s.working.Done()
}

// Busy reports whether work that closing waits for is running: a check of
// the files, or a whole backup made beside the work.
func (s *Store) Busy() bool { return s.busy.Load() > 0 }

// verifyTables checks the tables of a list Badger gave.
func (s *Store) verifyTables(tables []badger.TableInfo) error {
	c := tableChecker{compression: s.db.Opts().Compression}
	for _, ti := range tables {
		if s.stopping.Load() {
			return ErrClosed
		}
		name := tableFileName(ti.ID)
		err := c.checkFile(filepath.Join(s.dir, name))
		if err != nil && !s.inUse(ti.ID) {
			// Compacted away while it was read: Badger cuts a table's
			// file to nothing before it removes it.
			continue
		}
		if err != nil {
			where := core.Say("{{.File}}: {{.Fault}}", core.Values{"File": name, "Fault": core.Reason(err)})
			return damaged(s.dir, core.Say("The register's files in {{.Folder}} are damaged ({{.Cause}}). Serialdesk has not changed them; stop working in it and go on from a backup.",
				core.Values{"Folder": s.dir, "Cause": where}), fmt.Errorf("%s: %w", name, err))
		}
	}
	return nil
}

// guarded runs work that reads Badger's tables. Badger reads a block's
// entry count before it checks the block's checksum, so a damaged block
// can make it panic instead of failing: that panic becomes the error that
// names the damage. A panic with no damage to name is a bug and goes on.
func (s *Store) guarded(work func() error) (err error) {
	defer func() {
		p := recover()
		if p == nil {
			return
		}
		damage := s.verifyTables(s.db.Tables())
		if !errors.Is(damage, ErrDamaged) {
			panic(p) // no damage to name (or the check was stopped): a bug
		}
		s.log.WithField("panic", p).Error("Badger failed on a damaged table")
		err = damage
	}()
	return work()
}

// inUse reports whether a table is still part of the register.
func (s *Store) inUse(id uint64) bool {
	for _, ti := range s.db.Tables() {
		if ti.ID == id {
			return true
		}
	}
	return false
}

func tableFileName(id uint64) string { return fmt.Sprintf("%06d.sst", id) }

// ErrClosed is what work gets that reaches the store after Close (or a
// check of the files that Close stopped).
var ErrClosed = &core.Error{Code: core.Internal, Message: core.Say("The register is closed.")}

// InterruptedMessage is logged when Open finishes or rolls back operations
// a crash interrupted.
const InterruptedMessage = "finished operations interrupted by a crash"

// Compact writes every table to its final level now, which Badger would
// otherwise do in the first minutes of the next session, holding hundreds
// of megabytes meanwhile after a bulk load such as a million generated
// serials (demo).
func (s *Store) Compact() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	// It rewrites every table before it frees the old ones.
	_, wrote := s.Written()
	if err := s.room(s.size + wrote); err != nil {
		return err
	}
	return s.db.Flatten(2)
}

// closingFile, in the data folder, says that the Serialdesk holding the
// register is closing (saving its backup), for one started meanwhile.
const closingFile = "closing"

// MarkClosing notes that the store is closing, until Close is done.
func (s *Store) MarkClosing() {
	if err := os.WriteFile(filepath.Join(s.dir, closingFile), []byte(fmt.Sprintln(os.Getpid())), 0o644); err != nil {
		s.log.WithError(err).Warn("could not note that Serialdesk is closing")
	}
}

// Close flushes and closes the store; it waits for running operations.
func (s *Store) Close() error {
	s.stopping.Store(true)
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true // new work gets ErrClosed; running operations are done
	s.mu.Unlock()
	// A backup in progress takes mu now and then: wait without holding it.
	s.working.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	keys, bytes := s.Written()
	s.log.WithFields(logrus.Fields{"keys": keys, "bytes": bytes}).Info("closing the register")
	var err error
	if !s.db.Opts().ReadOnly && s.room(0) != nil {
		// Closing writes the memtable out as a table through a memory
		// map, which on a full disk stops the program. Its log holds it,
		// and the next start writes it out.
		s.log.Warn("the disk is full: the register's last work stays in its memtable's log until the next start")
	} else {
		err = s.db.Close()
	}
	s.release()
	if s.readOnly == nil || !errors.Is(s.readOnly, ErrOpenedToRead) {
		os.Remove(filepath.Join(s.dir, closingFile))
	}
	if s.redo != nil {
		err = errors.Join(err, s.redo.close())
	}
	return err
}

// Written is how many keys (deletions included) and bytes of keys and values
// the store has written since it opened.
func (s *Store) Written() (keys, bytes int64) { return s.wroteKeys.Load(), s.wroteBytes.Load() }

func (s *Store) wrote(keys, bytes int64) {
	s.wroteKeys.Add(keys)
	s.wroteBytes.Add(bytes)
}

// View runs fn on a consistent snapshot.
func (s *Store) View(fn func(core.Tx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return ErrClosed
	}
	if s.halted != nil {
		return s.halted
	}
	s.find.mu.RLock()
	defer s.find.mu.RUnlock()
	txn := s.db.NewTransaction(false)
	defer txn.Discard()
	return s.guarded(func() error { return fn(&tx{kv: &kv{s: s, txn: txn}}) })
}

// Update runs one operation atomically and durably. Operations run one at
// a time: the redo log takes each one's writes before Badger commits them,
// so a logged operation must be one Badger takes, never one that loses a
// write conflict to another. One that outgrows a transaction runs again
// alone through the journal.
func (s *Store) Update(fn func(core.Tx) error) error {
	if s.readOnly != nil {
		return s.readOnly
	}
	s.writing.Lock()
	defer s.writing.Unlock()
	err := s.updateInTxn(fn)
	if errors.Is(err, errTooBig) {
		return s.updateJournaled(fn)
	}
	return err
}

func (s *Store) updateInTxn(fn func(core.Tx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return ErrClosed
	}
	txn := s.db.NewTransaction(true)
	defer txn.Discard()
	k := &kv{s: s, txn: txn}
	if err := s.guarded(func() error { return fn(&tx{kv: k}) }); err != nil {
		return err
	}
	return s.commitDurably(k, k.commit)
}

func (s *Store) updateJournaled(fn func(core.Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	j := newJournal(s.chunk)
	k := &kv{s: s, txn: s.db.NewTransaction(true), journal: j}
	err := s.guarded(func() error { return fn(&tx{kv: k}) })
	if err == nil {
		err = j.commit(k)
	}
	if err == nil {
		return nil
	}
	k.txn.Discard()
	if j.chunk == 0 {
		return err // nothing of it was written
	}
	if full := s.room(2 * j.undone); full != nil {
		// Undoing writes too: with no room for it, nothing more is read
		// or written until a restart undoes the part already written.
		s.halted = &core.Error{Code: core.Conflict, Err: errors.Join(err, ErrDiskFull), Message: core.Sentences(" ", core.Reason(full),
			core.Say("The disk filled up while this was being saved, and Serialdesk has no room to undo the part already written: close Serialdesk, make room, and start it again; it undoes that part when it starts."))}
		s.readOnly = s.halted
		return s.halted
	}
	if rbErr := rollbackOp(s.db, j.op); rbErr != nil {
		s.log.WithError(rbErr).Error("could not roll back an unfinished operation; it is rolled back on the next start")
		return &core.Error{Code: core.Internal, Message: core.Say("Saving failed halfway and could not be undone right away. Close Serialdesk and open it again: it undoes the unfinished step when it starts."), Err: errors.Join(err, rbErr)}
	}
	return err
}

// badgerLogger passes Badger's warnings and errors to logrus.
type badgerLogger struct{ log logrus.FieldLogger }

func (l badgerLogger) Errorf(f string, a ...any) { l.log.Errorf("badger: "+strings.TrimSpace(f), a...) }
func (l badgerLogger) Warningf(f string, a ...any) {
	l.log.Warnf("badger: "+strings.TrimSpace(f), a...)
}
func (l badgerLogger) Infof(string, ...any)  {}
func (l badgerLogger) Debugf(string, ...any) {}
