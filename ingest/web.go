package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/netip"
	neturl "net/url"
	"strings"
	"syscall"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/sitrep/sitrep"
)

// maxRedirects is how many redirects one fetch follows.
const maxRedirects = 5

// cgnat is the carrier-grade NAT range, private in practice though not in
// netip's IsPrivate.
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// refused reports whether ip is an address a fetch must not reach unless
// private addresses are allowed.
func refused(ip netip.Addr) bool {
	ip = ip.Unmap()
	return !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() ||
		ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() ||
		ip.IsUnspecified() || cgnat.Contains(ip) || (ip.Is4() && ip.As4()[0] == 0)
}

// newClient builds the HTTP client. The address check runs at dial time on
// the resolved IP, so DNS tricks and redirects to local hosts are caught
// too. No proxy is used, so that the check sees the real destination.
func newClient(opt Options) *http.Client {
	refuse := func(ap netip.AddrPort) bool { return refused(ap.Addr()) }
	if opt.AllowPrivate {
		refuse = nil
	}
	return newClientRefusing(opt, refuse)
}

// newClientRefusing builds the client with a custom address policy (nil
// allows everything); tests use it to refuse one local server only.
func newClientRefusing(opt Options, refuse func(netip.AddrPort) bool) *http.Client {
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	if refuse != nil {
		dialer.Control = func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("dial %s: %w", address, err)
			}
			if refuse(ap) {
				return fmt.Errorf("%w: %s", ErrPrivateAddress, ap.Addr())
			}
			return nil
		}
	}
	tr := &http.Transport{
		Proxy:                  nil,
		DialContext:            dialer.DialContext,
		TLSHandshakeTimeout:    10 * time.Second,
		ResponseHeaderTimeout:  opt.Timeout,
		MaxResponseHeaderBytes: 1 << 20,
		MaxIdleConnsPerHost:    4,
		IdleConnTimeout:        60 * time.Second,
	}
	return &http.Client{
		Transport: tr,
		Timeout:   opt.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= maxRedirects {
				return fmt.Errorf("stopped after %d redirects", maxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to %s refused", req.URL.Scheme)
			}
			return nil
		},
	}
}

// Page is one fetched response.
type Page struct {
	URL         string // after redirects
	ContentType string // media type without parameters
	Body        []byte
}

// Fetch gets one URL within the Reader's limits: timeout, size cap,
// redirect limit, User-Agent and the private-address policy.
func (r *Reader) Fetch(ctx context.Context, url string) (*Page, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return nil, fmt.Errorf("%w: scheme %q", ErrUnsupported, req.URL.Scheme)
	}
	req.Header.Set("User-Agent", r.opt.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.5")
	resp, err := r.client.Do(req)
	if err != nil {
		// The item is already named by its URL: drop url.Error's repeat of it.
		if ue, ok := err.(*neturl.Error); ok {
			err = ue.Err
		}
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("http status %s", resp.Status)
	}
	if resp.ContentLength > r.opt.MaxSize {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, resp.ContentLength, r.opt.MaxSize)
	}
	body, err := readCapped(resp.Body, r.opt.MaxSize)
	if err != nil {
		return nil, err
	}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	return &Page{URL: resp.Request.URL.String(), ContentType: mt, Body: body}, nil
}

// url reads a web source: a feed or a single page.
func (r *Reader) url(ctx context.Context, url string, yield func(Item) bool) bool {
	p, err := r.Fetch(ctx, url)
	if err != nil {
		return fail(ctx, yield, url, err)
	}
	if isFeedType(p.ContentType) || looksLikeFeed(p.Body) {
		return r.feed(ctx, url, p.Body, yield)
	}
	doc, err := pageDoc(url, p)
	if err != nil {
		return fail(ctx, yield, url, err)
	}
	return emit(ctx, yield, doc)
}

// pageDoc makes a raw document of a fetched page, named by its URL.
func pageDoc(url string, p *Page) (*sitrep.Document, error) {
	if isBinary(p.Body) {
		return nil, ErrBinary
	}
	doc := &sitrep.Document{Name: url, URL: p.URL, Source: url, RawType: "text/html", Raw: p.Body}
	if p.ContentType == "text/plain" {
		doc.RawType = "text/plain"
	} else if p.ContentType != "" && !strings.Contains(p.ContentType, "html") && !strings.HasPrefix(p.ContentType, "text/") {
		return nil, fmt.Errorf("%w: content type %s", ErrUnsupported, p.ContentType)
	}
	return doc, nil
}

func isFeedType(mt string) bool {
	return strings.Contains(mt, "rss") || strings.Contains(mt, "atom") || mt == "application/xml" || mt == "text/xml"
}

func looksLikeFeed(b []byte) bool {
	head := bytes.ToLower(b[:min(len(b), 1024)])
	return bytes.Contains(head, []byte("<rss")) || bytes.Contains(head, []byte("<feed")) || bytes.Contains(head, []byte("<rdf:rdf"))
}

// minItemText is the least feed-item content (in bytes of text) taken as
// the story itself; shorter content is a summary and the page is fetched.
const minItemText = 500

// feed reads an RSS/Atom feed. Each item is named by its link. An item
// that carries only a link or a short summary gets its page fetched.
func (r *Reader) feed(ctx context.Context, name string, b []byte, yield func(Item) bool) bool {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		return fail(ctx, yield, name, fmt.Errorf("parse feed: %w", err))
	}
	for i, it := range f.Items {
		if ctx.Err() != nil {
			return false
		}
		itemName := it.Link
		if itemName == "" {
			itemName = it.GUID
		}
		if itemName == "" {
			itemName = fmt.Sprintf("%s#%d", name, i+1)
		}
		doc := &sitrep.Document{Name: itemName, URL: it.Link, Source: name, Title: strings.TrimSpace(it.Title), Outlet: strings.TrimSpace(f.Title)}
		if it.Author != nil {
			doc.Author = it.Author.Name
		} else if len(it.Authors) > 0 && it.Authors[0] != nil {
			doc.Author = it.Authors[0].Name
		}
		switch {
		case it.PublishedParsed != nil:
			doc.Published = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil:
			doc.Published = it.UpdatedParsed.UTC()
		}
		content := it.Content
		if len(content) < len(it.Description) {
			content = it.Description
		}
		if textLen(content) < minItemText && (strings.HasPrefix(it.Link, "http://") || strings.HasPrefix(it.Link, "https://")) {
			p, err := r.Fetch(ctx, it.Link)
			if err == nil {
				var pd *sitrep.Document
				if pd, err = pageDoc(it.Link, p); err == nil {
					doc.URL, doc.RawType, doc.Raw = pd.URL, pd.RawType, pd.Raw
				}
			}
			if err != nil && strings.TrimSpace(content) == "" {
				if !fail(ctx, yield, itemName, err) {
					return false
				}
				continue
			}
			if err != nil {
				r.log.Debug("feed item page not fetched; using its summary", "item", itemName, "error", err)
			}
		}
		if doc.Raw == nil {
			if strings.TrimSpace(content) == "" {
				if !fail(ctx, yield, itemName, errors.New("feed item has no content and no link")) {
					return false
				}
				continue
			}
			doc.RawType, doc.Raw = "text/plain", []byte(content)
			if strings.Contains(content, "<") {
				doc.RawType = "text/html"
			}
		}
		if !emit(ctx, yield, doc) {
			return false
		}
	}
	return true
}

// textLen is the length of s outside markup tags, a cheap measure of how
// much story a feed item carries.
func textLen(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '<':
			in = true
		case c == '>':
			in = false
		case !in && c != ' ' && c != '\n' && c != '\t':
			n++
		}
	}
	return n
}
