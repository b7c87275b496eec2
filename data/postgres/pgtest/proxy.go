package pgtest

import (
	"encoding/binary"
	"net"
	"sync/atomic"
	"time"
)

// Proxy passes connections through to a server, adding a delay to every
// round trip as a shop's network would (a round trip starts when the
// program sends after the server has answered), and counts the round trips
// as the server ends them: each answer ends with ReadyForQuery, once per
// query or batch however much it holds.
type Proxy struct {
	ln     net.Listener
	target string
	delay  time.Duration
	trips  atomic.Int64
}

// StartProxy listens on a local port and passes what comes to target
// (host:port), each round trip delay later, until Close.
func StartProxy(target string, delay time.Duration) (*Proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &Proxy{ln: ln, target: target, delay: delay}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.pass(c)
		}
	}()
	return p, nil
}

// Close stops taking connections.
func (p *Proxy) Close() error { return p.ln.Close() }

// Addr is where the proxy listens.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// RoundTrips is how many round trips went through so far.
func (p *Proxy) RoundTrips() int64 { return p.trips.Load() }

func (p *Proxy) pass(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", p.target)
	if err != nil {
		return
	}
	defer server.Close()
	var answered atomic.Bool
	answered.Store(true)
	done := make(chan struct{}, 2)
	go func() {
		buf := make([]byte, 64<<10)
		for {
			n, err := client.Read(buf)
			if n > 0 {
				if answered.Swap(false) {
					time.Sleep(p.delay)
				}
				if _, werr := server.Write(buf[:n]); werr != nil {
					break
				}
			}
			if err != nil {
				break
			}
		}
		done <- struct{}{}
	}()
	go func() {
		buf := make([]byte, 64<<10)
		var frames framer
		for {
			n, err := server.Read(buf)
			if n > 0 {
				answered.Store(true)
				p.trips.Add(int64(frames.readyForQuery(buf[:n])))
				if _, werr := client.Write(buf[:n]); werr != nil {
					break
				}
			}
			if err != nil {
				break
			}
		}
		done <- struct{}{}
	}()
	<-done // either side gone: both close
}

// framer follows the server's messages (a type byte, a length of four
// bytes that counts itself, the body) across reads.
type framer struct {
	head [5]byte
	got  int // bytes of the head read
	left int // bytes of the body still to skip
}

// readyForQuery counts the ReadyForQuery messages ('Z') that end in b.
func (f *framer) readyForQuery(b []byte) int {
	n := 0
	for len(b) > 0 {
		if f.left > 0 {
			skip := min(f.left, len(b))
			f.left -= skip
			b = b[skip:]
			continue
		}
		take := min(5-f.got, len(b))
		copy(f.head[f.got:], b[:take])
		f.got += take
		b = b[take:]
		if f.got < 5 {
			break
		}
		f.got = 0
		f.left = int(binary.BigEndian.Uint32(f.head[1:])) - 4
		if f.head[0] == 'Z' {
			n++
		}
	}
	return n
}
