package data

import (
	"encoding/binary"
	"io"
	"os"
	"strconv"

	"github.com/dgraph-io/badger/v4/fb"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/badger/v4/y"
	"github.com/klauspost/compress/snappy"
	"google.golang.org/protobuf/proto"

	"serialdesk/core"
)

// Badger's table files (.sst) are checked here, read the way Badger reads
// them, so that a fault is named exactly ("block 12 of 40 fails its
// checksum") and a damaged file is an error, never a panic: Badger's own
// check panics on a bad block, and a table whose footer is garbage panics
// when Badger opens it. A table ends in its index, the index's length, a
// checksum of the index and the checksum's length; each block ends in its
// checksum and the checksum's length, compressed as a whole.

// tableIndex reads and checks a table's index from the end of the file.
func tableIndex(f io.ReaderAt, size int64) (*fb.TableIndex, error) {
	tail := func(n int64, what core.Message) ([]byte, error) {
		if n < 0 || n > size {
			return nil, damage("it is cut short or its end is damaged ({{.Part}} runs past its start)", core.Values{"Part": what})
		}
		b := make([]byte, n)
		if _, err := f.ReadAt(b, size-n); err != nil {
			return nil, &core.Error{Code: core.Internal, Err: err, Message: core.Say("it cannot be read: {{.Cause}}", core.Values{"Cause": err.Error()})}
		}
		size -= n
		return b, nil
	}
	b, err := tail(4, core.Say("the index checksum's length"))
	if err != nil {
		return nil, err
	}
	sum, err := tail(int64(binary.BigEndian.Uint32(b)), core.Say("the index checksum"))
	if err != nil {
		return nil, err
	}
	var cs pb.Checksum
	if err := proto.Unmarshal(sum, &cs); err != nil {
		return nil, damage("its index checksum cannot be read")
	}
	if b, err = tail(4, core.Say("the index length")); err != nil {
		return nil, err
	}
	index, err := tail(int64(binary.BigEndian.Uint32(b)), core.Say("the index"))
	if err != nil {
		return nil, err
	}
	if err := y.VerifyChecksum(index, &cs); err != nil {
		return nil, damage("its index fails its checksum")
	}
	ti := fb.GetRootAsTableIndex(index, 0)
	// The index is Badger's own bytes (the checksum holds), so its block
	// offsets only need to stay before it.
	var bo fb.BlockOffset
	for i := range ti.OffsetsLength() {
		if !ti.Offsets(&bo, i) || int64(bo.Offset())+int64(bo.Len()) > size {
			return nil, damage("its index places block {{.Block}} past the end of the blocks", core.Values{"Block": i + 1})
		}
	}
	return ti, nil
}

// tableChecker checks tables one after another, reading each into the
// same memory: the check runs beside the window on a big register.
type tableChecker struct {
	compression options.CompressionType
	file, block []byte
}

// checkTable checks a table file whole: its index and every block.
func (c *tableChecker) checkTable(b []byte) error {
	ti, err := tableIndex(bytesReaderAt(b), int64(len(b)))
	if err != nil {
		return err
	}
	var bo fb.BlockOffset
	n := ti.OffsetsLength()
	for i := range n {
		ti.Offsets(&bo, i)
		if err := c.checkBlock(b[bo.Offset() : bo.Offset()+bo.Len()]); err != nil {
			return damagedBlock(i+1, n, bo.Offset(), err)
		}
	}
	return nil
}

// checkFile reads a table file and checks it whole.
func (c *tableChecker) checkFile(path string) error {
	f, size, err := openFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if int64(cap(c.file)) < size {
		c.file = make([]byte, size)
	}
	c.file = c.file[:size]
	if _, err := io.ReadFull(f, c.file); err != nil {
		return err
	}
	return c.checkTable(c.file)
}

// checkBlock checks one block against its checksum, after unpacking it.
func (c *tableChecker) checkBlock(b []byte) error {
	switch c.compression {
	case options.None:
	case options.Snappy:
		var err error
		if n, err := snappy.DecodedLen(b); err == nil && cap(c.block) < n {
			c.block = make([]byte, n)
		}
		if b, err = snappy.Decode(c.block[:cap(c.block)], b); err != nil {
			return damage("cannot be unpacked ({{.Cause}})", core.Values{"Cause": err.Error()})
		}
	case options.ZSTD:
		var err error
		if b, err = y.ZSTDDecompress(c.block[:0], b); err != nil {
			return damage("cannot be unpacked ({{.Cause}})", core.Values{"Cause": err.Error()})
		}
		c.block = b
	default:
		return damage("is packed in an unknown way ({{.Kind}})", core.Values{"Kind": strconv.Itoa(int(c.compression))})
	}
	if len(b) < 4 {
		return damage("is cut short")
	}
	end := len(b) - 4
	sumLen := int(binary.BigEndian.Uint32(b[end:]))
	if sumLen > end {
		return damage("has a damaged checksum")
	}
	var cs pb.Checksum
	if err := proto.Unmarshal(b[end-sumLen:end], &cs); err != nil {
		return damage("has a damaged checksum")
	}
	if y.VerifyChecksum(b[:end-sumLen], &cs) != nil {
		return damage("fails its checksum")
	}
	return nil
}

type bytesReaderAt []byte

func (b bytesReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off+int64(len(p)) > int64(len(b)) {
		return 0, io.ErrUnexpectedEOF
	}
	return copy(p, b[off:]), nil
}

// openFile opens a file to read and says how long it is.
func openFile(path string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, info.Size(), nil
}

// damage is what is wrong with a file, said as a user is told it.
func damage(key string, values ...core.Values) error {
	return &core.Error{Code: core.Internal, Message: core.Say(key, values...)}
}

// damagedBlock is what is wrong with a table's block n of blocks.
func damagedBlock(n, blocks int, offset uint32, err error) error {
	return damage("block {{.Block}} of {{.Blocks}} (at byte {{.Offset}}) {{.Fault}}",
		core.Values{"Block": strconv.Itoa(n), "Blocks": strconv.Itoa(blocks), "Offset": strconv.FormatUint(uint64(offset), 10), "Fault": core.Reason(err)})
}
